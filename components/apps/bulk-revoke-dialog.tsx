'use client';
/**
 * One confirmation for removing several apps (the selected ones, or all).
 * The server insists on a recent sign-in; when it asks for one, the dialog
 * says why and offers to sign in again, coming back here afterwards.
 */
import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { signInAgain } from '@/app/sign-in/actions';
import { Button } from '@/components/ui/button';
import { ActionFailure } from '@/lib/action-result';
import type { BulkRevokeResult } from '@/lib/grants/types';
import { useRevokeMany } from './use-app-mutations';
import { useErrorText } from './use-error-text';
import { useReturnFocus } from './use-return-focus';

export type BulkTarget =
  { kind: 'selected'; apps: { clientId: string; name: string }[] } | { kind: 'all'; count: number };

type Props = {
  target: BulkTarget | null;
  onClose: () => void;
  onDone: (result: BulkRevokeResult) => void;
};

const NAMES_SHOWN = 8;

export function BulkRevokeDialog({ target, onClose, onDone }: Props) {
  const t = useTranslations('bulk');
  const errorText = useErrorText();
  const revoke = useRevokeMany();
  const focus = useReturnFocus();
  const [reauthenticating, startReauth] = useTransition();
  const needsSignIn =
    revoke.error instanceof ActionFailure && revoke.error.error.code === 'reauth_required';

  async function confirm(event: React.MouseEvent) {
    event.preventDefault();
    if (!target) return;
    try {
      const result = await revoke.mutateAsync(
        target.kind === 'all' ? 'all' : target.apps.map((app) => app.clientId),
      );
      revoke.reset();
      onClose();
      onDone(result);
    } catch {
      // shown in the dialog from revoke.error
    }
  }

  function changeOpen(open: boolean) {
    if (open || revoke.isPending) return;
    revoke.reset();
    onClose();
  }

  const count = target ? (target.kind === 'all' ? target.count : target.apps.length) : 0;
  return (
    <AlertDialog.Root open={target !== null} onOpenChange={changeOpen}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/60" />
        <AlertDialog.Content
          {...focus}
          className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-2xl bg-white p-6 shadow-xl dark:bg-slate-800"
        >
          {needsSignIn ? (
            <>
              <AlertDialog.Title className="text-lg font-semibold">
                {t('reauthTitle')}
              </AlertDialog.Title>
              <AlertDialog.Description className="mt-3 text-sm">
                {t('reauthBody')}
              </AlertDialog.Description>
              <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                <AlertDialog.Cancel asChild>
                  <Button variant="secondary">{t('cancel')}</Button>
                </AlertDialog.Cancel>
                <Button
                  pending={reauthenticating}
                  onClick={() =>
                    startReauth(() =>
                      signInAgain(`${window.location.pathname}${window.location.search}`),
                    )
                  }
                >
                  {t('reauthButton')}
                </Button>
              </div>
            </>
          ) : (
            <>
              <AlertDialog.Title className="text-lg font-semibold">
                {target?.kind === 'all' ? t('titleAll', { count }) : t('titleSelected', { count })}
              </AlertDialog.Title>
              <AlertDialog.Description asChild>
                <div className="mt-3 space-y-2 text-sm text-slate-700 dark:text-slate-200">
                  {target?.kind === 'selected' && (
                    <>
                      <p>{t('stopsNow')}</p>
                      <ul className="list-disc pl-5 font-medium">
                        {target.apps.slice(0, NAMES_SHOWN).map((app) => (
                          <li key={app.clientId}>{app.name}</li>
                        ))}
                        {target.apps.length > NAMES_SHOWN && (
                          <li>{t('andMore', { count: target.apps.length - NAMES_SHOWN })}</li>
                        )}
                      </ul>
                    </>
                  )}
                  <p>{t('mayAskAgain')}</p>
                  <p>{t('keepsData')}</p>
                </div>
              </AlertDialog.Description>
              <div
                role="alert"
                className="mt-3 text-sm font-medium text-red-700 empty:hidden dark:text-red-300"
              >
                {revoke.isError ? errorText(revoke.error) : null}
              </div>
              <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                <AlertDialog.Cancel asChild>
                  <Button variant="secondary" disabled={revoke.isPending}>
                    {t('cancel')}
                  </Button>
                </AlertDialog.Cancel>
                <AlertDialog.Action asChild>
                  <Button
                    variant="danger"
                    onClick={confirm}
                    pending={revoke.isPending}
                    pendingLabel={t('pending')}
                  >
                    {t('confirm')}
                  </Button>
                </AlertDialog.Action>
              </div>
            </>
          )}
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
