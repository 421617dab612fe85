'use client';
/**
 * An app's grants, one by one: each sign-in or device through which it has access, how and when
 * it was made, when it was last renewed, when its access ends, whether it can renew itself, and
 * what it may do. Where the backend can (lib/grants/per-grant-store.ts), each can be ended on its
 * own, after a confirmation that says what that leaves, narrowed on its own, or stopped renewing.
 */
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { getGrants } from '@/app/apps/actions';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { unwrap } from '@/lib/action-result';
import type { GrantSummary } from '@/lib/grants/grant-records';
import type {
  EndGrantResult,
  NarrowGrantResult,
  StopGrantRenewingResult,
} from '@/lib/grants/types';
import { appsKeys } from '@/lib/query';
import { NarrowGrantForm } from './narrow-grant-form';
import { StopGrantRenewingDialog } from './stop-grant-renewing-dialog';
import { useEndGrant } from './use-app-mutations';
import { useErrorText } from './use-error-text';

type Props = {
  clientId: string;
  appName: string;
  onEnded: (grantName: string, result: EndGrantResult) => void;
  onNarrowed: (grantName: string, result: NarrowGrantResult) => void;
  /** with when the grant's current access ends, which stopping its renewal leaves as it was */
  onRenewalStopped: (
    grantName: string,
    accessEndsAt: string,
    result: StopGrantRenewingResult,
  ) => void;
};

export function GrantList({ clientId, appName, onEnded, onNarrowed, onRenewalStopped }: Props) {
  const t = useTranslations('grants');
  const locale = useLocale();
  const [ending, setEnding] = useState<GrantSummary | null>(null);
  // Read once, as each grant reads it (GrantItem): minutes apart at most.
  const [now] = useState(() => Date.now());
  const query = useQuery({
    queryKey: appsKeys.grants(locale, clientId),
    queryFn: async () => unwrap(await getGrants({ clientId })),
  });
  const nameOf = (grant: GrantSummary) =>
    grant.label ?? t('signInOn', { date: new Date(grant.grantedAt) });
  if (!query.data) return null;
  const { grants, canEnd, canNarrow, canStopRenewal } = query.data;
  // Which grants still count (access left, or able to renew): they keep their permissions in play.
  const inPlay = grants.filter(
    (grant) => grant.renewsUntil !== null || new Date(grant.accessEndsAt).getTime() > now,
  );
  const heldByOthers = (grant: GrantSummary) =>
    new Set(
      inPlay
        .filter((other) => other.id !== grant.id)
        .flatMap((other) => other.scopes.map((s) => s.name)),
    );

  return (
    <section
      aria-labelledby="grants-heading"
      className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-700 dark:bg-slate-800"
    >
      <h2 id="grants-heading" className="text-lg font-semibold text-slate-900 dark:text-white">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        {t('intro', { app: appName })}
      </p>
      <ul className="mt-4 space-y-3">
        {grants.map((grant) => (
          <li key={grant.id}>
            <GrantItem
              clientId={clientId}
              appName={appName}
              grant={grant}
              name={nameOf(grant)}
              onEnd={canEnd ? () => setEnding(grant) : null}
              // More than one permission: taking the last one away is ending the grant.
              canNarrow={canNarrow && grant.scopes.length > 1}
              heldElsewhere={heldByOthers(grant)}
              onNarrowed={(result) => onNarrowed(nameOf(grant), result)}
              canStopRenewal={canStopRenewal}
              onRenewalStopped={(result) =>
                onRenewalStopped(nameOf(grant), grant.accessEndsAt, result)
              }
            />
          </li>
        ))}
      </ul>
      {ending && (
        <EndGrantDialog
          clientId={clientId}
          appName={appName}
          grant={ending}
          name={nameOf(ending)}
          last={grants.length === 1}
          onClose={() => setEnding(null)}
          onEnded={(result) => {
            setEnding(null);
            onEnded(nameOf(ending), result);
          }}
        />
      )}
    </section>
  );
}

function GrantItem({
  clientId,
  appName,
  grant,
  name,
  onEnd,
  canNarrow,
  heldElsewhere,
  onNarrowed,
  canStopRenewal,
  onRenewalStopped,
}: {
  clientId: string;
  appName: string;
  grant: GrantSummary;
  name: string;
  onEnd: (() => void) | null;
  canNarrow: boolean;
  heldElsewhere: ReadonlySet<string>;
  onNarrowed: (result: NarrowGrantResult) => void;
  /** the backend can stop one grant renewing (this one is offered it while it renews) */
  canStopRenewal: boolean;
  onRenewalStopped: (result: StopGrantRenewingResult) => void;
}) {
  const t = useTranslations('grants');
  const format = useFormatter();
  const [narrowing, setNarrowing] = useState(false);
  const [stopping, setStopping] = useState(false);
  const offersStop = canStopRenewal && grant.renewsUntil !== null;
  const narrowButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Where focus goes once the form or the dialog is gone, moved in an effect: only after the
  // commit that removes them is the button there again and the page no longer inert under a
  // modal dialog. Back to the button that opened the form; to the grant's name when a save left
  // one permission (so no button), or when its renewal stopped (so no "Stop" button).
  const focusNext = useRef<'narrow-button' | 'name' | null>(null);
  useEffect(() => {
    const target = focusNext.current;
    // A commit made while the form or dialog is still there (the answer's read-back) waits.
    if (target === null || narrowing || stopping) return;
    focusNext.current = null;
    (target === 'narrow-button'
      ? (narrowButton.current ?? heading.current)
      : heading.current
    )?.focus();
  });
  const closeNarrowing = () => {
    focusNext.current = 'narrow-button';
    setNarrowing(false);
  };
  const headingId = `grant-${grant.id}`;
  const accessEnds = new Date(grant.accessEndsAt);
  // Rendered on the server and in the browser alike; minutes apart at most, so "ended" is read once.
  const [now] = useState(() => Date.now());
  return (
    <article
      aria-labelledby={headingId}
      className="rounded-xl border border-slate-100 p-3 dark:border-slate-700"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3
            id={headingId}
            ref={heading}
            tabIndex={-1}
            className="font-medium break-words text-slate-900 dark:text-white"
          >
            {name}
          </h3>
          <p className="text-sm text-slate-700 dark:text-slate-200">{t(`ways.${grant.way}`)}</p>
        </div>
        {onEnd && (
          <Button variant="ghost" onClick={onEnd} aria-describedby={headingId}>
            {t('end')}
          </Button>
        )}
      </div>
      <ul className="mt-2 space-y-0.5 text-sm text-slate-600 dark:text-slate-300">
        <li>
          <time dateTime={grant.grantedAt}>
            {t('grantedOn', { date: new Date(grant.grantedAt) })}
          </time>
        </li>
        <li>
          {grant.lastRenewedAt ? (
            <time dateTime={grant.lastRenewedAt}>
              {t('lastRenewed', { date: new Date(grant.lastRenewedAt) })}
            </time>
          ) : (
            t('neverRenewed')
          )}
        </li>
        <li>
          <time
            dateTime={grant.accessEndsAt}
            title={format.dateTime(accessEnds, { dateStyle: 'full', timeStyle: 'short' })}
          >
            {accessEnds.getTime() > now
              ? t('accessEnds', { date: accessEnds })
              : t('accessEnded', { date: accessEnds })}
          </time>
        </li>
        <li>
          {grant.renewsUntil
            ? t('renewsUntil', { date: new Date(grant.renewsUntil) })
            : t('cannotRenew')}
        </li>
      </ul>
      {narrowing ? (
        <NarrowGrantForm
          clientId={clientId}
          appName={appName}
          grant={grant}
          heldElsewhere={heldElsewhere}
          name={name}
          canStopRenewal={canStopRenewal}
          onCancel={closeNarrowing}
          onNarrowed={(result) => {
            closeNarrowing();
            onNarrowed(result);
          }}
        />
      ) : (
        <>
          <p className="mt-2 text-sm font-medium text-slate-900 dark:text-slate-100">
            {t('permissions')}
          </p>
          {grant.scopes.length > 0 ? (
            <ul className="list-disc pl-5 text-sm text-slate-700 dark:text-slate-200">
              {grant.scopes.map((scope) => (
                <li key={scope.name} lang={scope.descriptionLang}>
                  {scope.description}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-700 dark:text-slate-200">{t('noPermissions')}</p>
          )}
          {(canNarrow || offersStop) && (
            <div className="mt-2 flex flex-wrap gap-2">
              {canNarrow && (
                <Button
                  ref={narrowButton}
                  variant="secondary"
                  onClick={() => setNarrowing(true)}
                  aria-describedby={headingId}
                >
                  {t('narrow')}
                </Button>
              )}
              {offersStop && (
                <Button
                  variant="secondary"
                  onClick={() => setStopping(true)}
                  aria-describedby={headingId}
                >
                  {t('stopRenewing')}
                </Button>
              )}
            </div>
          )}
        </>
      )}
      {stopping && (
        <StopGrantRenewingDialog
          clientId={clientId}
          appName={appName}
          grant={grant}
          name={name}
          onClose={() => setStopping(false)}
          onStopped={(result) => {
            focusNext.current = 'name';
            setStopping(false);
            onRenewalStopped(result);
          }}
        />
      )}
    </article>
  );
}

function EndGrantDialog({
  clientId,
  appName,
  grant,
  name,
  last,
  onClose,
  onEnded,
}: {
  clientId: string;
  appName: string;
  grant: GrantSummary;
  name: string;
  last: boolean;
  onClose: () => void;
  onEnded: (result: EndGrantResult) => void;
}) {
  const t = useTranslations('grants');
  const errorText = useErrorText();
  const end = useEndGrant();

  async function confirm() {
    try {
      onEnded(await end.mutateAsync({ clientId, grantId: grant.id }));
    } catch {
      // shown in the dialog, from end.error
    }
  }

  return (
    <ConfirmDialog
      open
      onDismiss={() => {
        end.reset();
        onClose();
      }}
      title={t('endTitle', { grant: name })}
      description={
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-200">
          <li>{t('endStops', { app: appName })}</li>
          <li>{last ? t('endLast', { app: appName }) : t('endOthers', { app: appName })}</li>
        </ul>
      }
      error={end.isError ? errorText(end.error) : null}
      cancelLabel={t('cancel')}
      confirm={{
        label: t('endConfirm'),
        pendingLabel: t('endPending'),
        variant: 'danger',
        onClick: confirm,
      }}
      pending={end.isPending}
    />
  );
}
