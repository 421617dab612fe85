'use client';
/**
 * "Stop renewing", for an app that can renew its access without holding offline_access (so there
 * is no "keep access while you are away" to untick): a confirmation that says what happens, then
 * the write. Where the backend can stop a grant renewing (embedded, Authlete v3), the app keeps
 * the access it holds until that ends and must then ask again. Where it cannot (Authlete v2), the
 * confirmation says so first and offers to end the grants that can renew instead. Success is
 * announced only once the server has confirmed, from its answer; a refusal keeps the dialog open
 * with the reason, and the app as it was.
 */
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useOpenedOnce } from '@/components/ui/use-opened-once';
import { OFFLINE_ACCESS } from '@/lib/grants/scope-kind';
import type { AppSummary, RevokeOutcome } from '@/lib/grants/types';
import type { Announce } from './scope-form';
import { useEndRenewingGrants, useStopRenewing } from './use-app-mutations';
import { useErrorText } from './use-error-text';

type Props = {
  app: AppSummary;
  announce: Announce;
  /** the app lost its access meanwhile (ending its last grants on v2): as after removing it */
  onGone: (outcome: RevokeOutcome) => void;
  /** where focus goes once the control is gone (the app can no longer renew) */
  onStopped: () => void;
};

/** The apps this is for: they renew, and hold no offline_access to untick (scope-form.tsx). */
export function offersStopRenewing(app: AppSummary): boolean {
  return app.renewingGrantCount > 0 && !app.scopes.some((scope) => scope.name === OFFLINE_ACCESS);
}

export function StopRenewing({ app, announce, onGone, onStopped }: Props) {
  const t = useTranslations('stopRenewing');
  const tApp = useTranslations('app');
  const format = useFormatter();
  const errorText = useErrorText();
  const stop = useStopRenewing();
  const endRenewing = useEndRenewingGrants();
  const [open, setOpen] = useState(false);
  const dialogMounted = useOpenedOnce(open);
  const write = app.canStopRenewal ? stop : endRenewing;
  const until = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short' });

  async function confirm() {
    let text: string;
    let gone = false;
    try {
      if (app.canStopRenewal) {
        const result = await stop.mutateAsync({ clientId: app.clientId });
        gone = !result.app;
        const held = result.app?.accessHeldUntil;
        text =
          result.stoppedCount === 0
            ? t('alreadyStopped', { app: app.name })
            : held
              ? t('stopped', { app: app.name, until: until(held) })
              : t('stoppedNoAccess', { app: app.name });
      } else {
        const result = await endRenewing.mutateAsync({ clientId: app.clientId });
        gone = !result.app;
        text = tApp('renewingGrantsEnded', { app: app.name, count: result.endedCount });
      }
    } catch (error) {
      announce({ tone: 'error', text: t('failed', { app: app.name, reason: errorText(error) }) });
      return; // shown in the dialog too, from write.error
    }
    setOpen(false);
    if (gone) return onGone({ alreadyRevoked: false });
    announce({ tone: 'success', text });
    onStopped();
  }

  const others = app.tokenCount - app.renewingGrantCount;
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} className="mt-2">
        {t('open')}
      </Button>
      {dialogMounted && (
        <ConfirmDialog
          open={open}
          onDismiss={() => {
            write.reset();
            setOpen(false);
          }}
          title={t('title', { app: app.name })}
          description={
            <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-200">
              {app.canStopRenewal ? (
                <>
                  <li>{t('stops', { app: app.name })}</li>
                  <li>
                    {app.accessHeldUntil
                      ? t('keepsUntil', { until: until(app.accessHeldUntil) })
                      : t('holdsNone')}
                  </li>
                  <li>{t('keepsPermissions')}</li>
                </>
              ) : (
                <>
                  <li className="font-medium">
                    {t('cannotStop', { app: app.name, count: app.renewingGrantCount })}
                  </li>
                  {others > 0 && <li>{t('othersKeep')}</li>}
                </>
              )}
            </ul>
          }
          error={write.isError ? errorText(write.error) : null}
          cancelLabel={t('cancel')}
          confirm={
            app.canStopRenewal
              ? {
                  label: t('confirm'),
                  pendingLabel: t('pending'),
                  variant: 'primary',
                  onClick: confirm,
                }
              : {
                  label: tApp('endRenewingGrants', { count: app.renewingGrantCount }),
                  pendingLabel: tApp('endingRenewingGrants'),
                  variant: 'danger',
                  onClick: confirm,
                }
          }
          pending={write.isPending}
        />
      )}
    </>
  );
}
