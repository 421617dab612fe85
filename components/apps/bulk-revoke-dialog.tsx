'use client';
/**
 * One confirmation for removing several apps (the selected ones, or all).
 * The server insists on a recent sign-in; when it asks for one, the dialog
 * says why and offers to sign in again, coming back here afterwards with the
 * same apps selected (./list/kept-selection.ts).
 */
import { useFormatter, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { signInAgain } from '@/app/sign-in/actions';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ActionFailure } from '@/lib/action-result';
import { BULK_REVOKE_LIMIT, REVOKE_ALL_LIMIT } from '@/lib/grants/bulk-limits';
import type { BulkRevokeResult } from '@/lib/grants/types';
import { keepSelection } from './list/kept-selection';
import type { SelectedApp } from './list/use-selection';
import { useRevokeMany } from './use-app-mutations';
import { useErrorText } from './use-error-text';

export type BulkTarget =
  | { kind: 'selected'; apps: SelectedApp[] }
  | { kind: 'all'; count: number }
  /** the clean-up: apps that can no longer act, picked by the server (lib/grants/cleanup.ts) */
  | { kind: 'expired'; count: number };

type Props = {
  target: BulkTarget | null;
  /** whose selection is kept across the sign-in (lib/kept-selection-owner.ts) */
  selectionOwner: string;
  onClose: () => void;
  onDone: (result: BulkRevokeResult, kind: BulkTarget['kind']) => void;
};

const NAMES_SHOWN = 8;

export function BulkRevokeDialog({ target, selectionOwner, onClose, onDone }: Props) {
  const t = useTranslations('bulk');
  const format = useFormatter();
  const errorText = useErrorText();
  const revoke = useRevokeMany();
  const [reauthenticating, startReauth] = useTransition();
  const needsSignIn =
    revoke.error instanceof ActionFailure && revoke.error.error.code === 'reauth_required';

  async function confirm() {
    if (!target) return;
    try {
      const result = await revoke.mutateAsync(
        target.kind === 'selected' ? target.apps.map((app) => app.clientId) : target.kind,
      );
      revoke.reset();
      onClose();
      onDone(result, target.kind);
    } catch {
      // shown in the dialog from revoke.error
    }
  }

  const dismiss = () => {
    revoke.reset();
    onClose();
  };
  const count = target ? (target.kind === 'selected' ? target.apps.length : target.count) : 0;
  // What removal cannot undo: the last self-contained access token of these apps to expire.
  const stillWorksUntil =
    target?.kind === 'selected'
      ? target.apps
          .map((app) => app.accessWorksUntil)
          .filter((until): until is string => until !== undefined)
          .sort()
          .at(-1)
      : undefined;
  // Say before confirming that "all" stops at its cap, so the result is no surprise.
  const capped = target?.kind === 'all' && count > REVOKE_ALL_LIMIT;
  const expiredCapped = target?.kind === 'expired' && count > BULK_REVOKE_LIMIT;

  if (needsSignIn) {
    return (
      <ConfirmDialog
        open={target !== null}
        onDismiss={dismiss}
        title={t('reauthTitle')}
        description={<p className="mt-3 text-sm">{t('reauthBody')}</p>}
        error={null}
        cancelLabel={t('cancel')}
        confirm={{
          label: t('reauthButton'),
          pendingLabel: t('reauthButton'),
          variant: 'primary',
          onClick: () => {
            if (target?.kind === 'selected') keepSelection(selectionOwner, target.apps);
            startReauth(() => signInAgain(`${window.location.pathname}${window.location.search}`));
          },
        }}
        pending={reauthenticating}
      />
    );
  }

  return (
    <ConfirmDialog
      open={target !== null}
      onDismiss={dismiss}
      title={
        target?.kind === 'expired'
          ? t('titleExpired', { count: Math.min(count, BULK_REVOKE_LIMIT) })
          : target?.kind === 'all'
            ? capped
              ? t('titleAllCapped', { count, limit: REVOKE_ALL_LIMIT })
              : t('titleAll', { count })
            : t('titleSelected', { count })
      }
      description={
        <div className="mt-3 space-y-2 text-sm text-slate-700 dark:text-slate-200">
          {target?.kind === 'selected' && (
            <>
              <p>{t('stopsNow')}</p>
              <ul className="list-disc pl-5 font-medium">
                {target.apps.slice(0, NAMES_SHOWN).map((app) => (
                  <li key={app.clientId} lang={app.nameLang}>
                    {app.name}
                  </li>
                ))}
                {target.apps.length > NAMES_SHOWN && (
                  <li>{t('andMore', { count: target.apps.length - NAMES_SHOWN })}</li>
                )}
              </ul>
            </>
          )}
          {stillWorksUntil && (
            <p className="font-medium">
              {t('stillWorksUntil', {
                until: format.dateTime(new Date(stillWorksUntil), {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                }),
              })}
            </p>
          )}
          {capped && (
            <p>{t('capNotice', { limit: REVOKE_ALL_LIMIT, rest: count - REVOKE_ALL_LIMIT })}</p>
          )}
          {target?.kind === 'expired' && <p>{t('expiredBody')}</p>}
          {expiredCapped && (
            <p>
              {t('expiredCapNotice', { limit: BULK_REVOKE_LIMIT, rest: count - BULK_REVOKE_LIMIT })}
            </p>
          )}
          <p>{t('mayAskAgain')}</p>
          <p>{t('keepsData')}</p>
        </div>
      }
      error={revoke.isError ? errorText(revoke.error) : null}
      cancelLabel={t('cancel')}
      confirm={{
        label: target?.kind === 'expired' ? t('confirmExpired') : t('confirm'),
        pendingLabel: t('pending'),
        variant: 'danger',
        onClick: confirm,
      }}
      pending={revoke.isPending}
    />
  );
}
