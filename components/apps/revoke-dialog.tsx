'use client';
/**
 * The confirmation before an app loses access. It names the app and says what
 * happens; it closes only once the backend confirms, and stays open with the
 * error otherwise (see ConfirmDialog for focus and Escape).
 */
import { useFormatter, useTranslations } from 'next-intl';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { AppSummary, RevokeOutcome } from '@/lib/grants/types';
import { useRevokeApp } from './use-app-mutations';
import { useErrorText } from './use-error-text';

type Props = {
  app: Pick<AppSummary, 'clientId' | 'name' | 'accessWorksUntil'>;
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
  const format = useFormatter();
  const errorText = useErrorText();
  const revoke = useRevokeApp();

  async function confirm() {
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

  return (
    <ConfirmDialog
      open={open}
      onDismiss={() => {
        revoke.reset();
        onOpenChange(false);
      }}
      title={t('title', { app: app.name })}
      description={
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-200">
          <li>{t('stopsNow', { app: app.name })}</li>
          {app.accessWorksUntil && (
            // What removal cannot undo: a self-contained access token works until it expires.
            <li className="font-medium">
              {t('stillWorksUntil', {
                app: app.name,
                until: format.dateTime(new Date(app.accessWorksUntil), {
                  dateStyle: 'medium',
                  timeStyle: 'short',
                }),
              })}
            </li>
          )}
          <li>{t('mayAskAgain')}</li>
          <li>{t('keepsData')}</li>
        </ul>
      }
      error={revoke.isError ? errorText(revoke.error) : null}
      cancelLabel={t('cancel')}
      confirm={{
        label: t('confirm'),
        pendingLabel: t('pending'),
        variant: 'danger',
        onClick: confirm,
      }}
      pending={revoke.isPending}
    />
  );
}
