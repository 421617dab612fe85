'use client';
/**
 * The confirmation before one grant stops renewing (where the backend can: embedded, Authlete
 * v3): it says that grant keeps the access it holds until that ends, and that the app's other
 * grants stay as they are. It closes once the server has confirmed, and stays open with the
 * reason otherwise.
 */
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { stopGrantRenewing } from '@/app/apps/actions';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { GrantSummary } from '@/lib/grants/grant-records';
import type { StopGrantRenewingResult } from '@/lib/grants/types';
import { useGrantsWrite } from './use-app-mutations';
import { useErrorText } from './use-error-text';

type Props = {
  clientId: string;
  appName: string;
  grant: GrantSummary;
  name: string;
  onClose: () => void;
  onStopped: (result: StopGrantRenewingResult) => void;
};

export function StopGrantRenewingDialog({
  clientId,
  appName,
  grant,
  name,
  onClose,
  onStopped,
}: Props) {
  const t = useTranslations('grants');
  const format = useFormatter();
  const errorText = useErrorText();
  const stop = useGrantsWrite(stopGrantRenewing);
  // Read once: whether the access it holds has already ended decides the wording.
  const [now] = useState(() => Date.now());
  const accessEnds = new Date(grant.accessEndsAt);

  async function confirm() {
    try {
      onStopped(await stop.mutateAsync({ clientId, grantId: grant.id }));
    } catch {
      // shown in the dialog, from stop.error
    }
  }

  return (
    <ConfirmDialog
      open
      onDismiss={() => {
        stop.reset();
        onClose();
      }}
      title={t('stopTitle', { grant: name })}
      description={
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-200">
          <li>{t('stopStops', { grant: name })}</li>
          <li className="font-medium">
            {accessEnds.getTime() > now
              ? t('stopKeeps', {
                  app: appName,
                  until: format.dateTime(accessEnds, { dateStyle: 'medium', timeStyle: 'short' }),
                })
              : t('stopHoldsNone', { app: appName })}
          </li>
          <li>{t('stopOthers', { app: appName })}</li>
        </ul>
      }
      error={stop.isError ? errorText(stop.error) : null}
      cancelLabel={t('cancel')}
      confirm={{
        label: t('stopConfirm'),
        pendingLabel: t('stopPending'),
        variant: 'primary',
        onClick: confirm,
      }}
      pending={stop.isPending}
    />
  );
}
