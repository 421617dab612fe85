'use client';
/**
 * The confirmation before an app loses access. It names the app and says what
 * happens; focus starts on "Keep access" (the safe choice); Escape cancels; it
 * closes only once the backend confirms, and stays open with the error otherwise.
 */
import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import type { RevokeOutcome } from '@/lib/grants/types';
import { useRevokeApp } from './use-app-mutations';
import { useErrorText } from './use-error-text';
import { useReturnFocus } from './use-return-focus';

type Props = {
  app: { clientId: string; name: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onRevoked: (outcome: RevokeOutcome) => void;
  /**
   * Also told of a failure, because the refreshed list may no longer hold this app
   * (a revoke that landed but whose answer was lost), taking this dialog with it.
   */
  onFailed: (message: string) => void;
};

export function RevokeDialog({ app, open, onOpenChange, onRevoked, onFailed }: Props) {
  const t = useTranslations('revoke');
  const errorText = useErrorText();
  const revoke = useRevokeApp();
  const focus = useReturnFocus();

  async function confirm(event: React.MouseEvent) {
    // Radix closes on Action by default; we close only after the backend says yes.
    event.preventDefault();
    let outcome: RevokeOutcome;
    try {
      // mutateAsync resolves even when this card has already left the refreshed list.
      outcome = await revoke.mutateAsync({ clientId: app.clientId });
    } catch (error) {
      onFailed(errorText(error));
      return; // shown in the dialog too, from revoke.error
    }
    onOpenChange(false);
    onRevoked(outcome);
  }

  function changeOpen(next: boolean) {
    if (revoke.isPending) return;
    if (!next) revoke.reset();
    onOpenChange(next);
  }

  return (
    <AlertDialog.Root open={open} onOpenChange={changeOpen}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/60" />
        <AlertDialog.Content
          {...focus}
          className="fixed top-1/2 left-1/2 z-50 w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-2xl bg-white p-6 shadow-xl dark:bg-slate-800"
        >
          <AlertDialog.Title className="text-lg font-semibold text-slate-900 dark:text-white">
            {t('title', { app: app.name })}
          </AlertDialog.Title>
          <AlertDialog.Description asChild>
            <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-200">
              <li>{t('stopsNow', { app: app.name })}</li>
              <li>{t('mayAskAgain')}</li>
              <li>{t('keepsData')}</li>
            </ul>
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
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
