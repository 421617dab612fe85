'use client';
/**
 * The app's granted permissions as checkboxes, most consequential first.
 * Unticking narrows what the app may do; "Review changes" is enabled only when
 * something changed and shows what the app loses and keeps before anything is
 * saved. Unticking everything turns into the revoke flow instead: an app with
 * no permission is an app with no access. A save that fails keeps the person's
 * choice and the summary open (retrying is one click) and says plainly that
 * nothing changed yet. A save answers with the app as the server read it back
 * after the change; that replaces the card's app (use-app-mutations.ts), which
 * remounts this form with the saved permissions, so what the page shows as
 * saved is what the backend holds. A failed save rereads the page, which
 * remounts the form only when the app's permissions did change meanwhile.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Button } from '@/components/ui/button';
import type { AppScope, AppSummary, NarrowingResult } from '@/lib/grants/types';
import { OFFLINE_ACCESS } from '@/lib/grants/scope-kind';
import { ScopeKindBadge } from './scope-kind-badge';
import { WhatStops } from './what-stops';
import { useEndRenewingGrants, useUpdateScopes } from './use-app-mutations';
import { useErrorText } from './use-error-text';

export type Announce = (message: { tone: 'success' | 'error'; text: string }) => void;

type Props = {
  app: AppSummary;
  onRevokeRequested: () => void;
  announce: Announce;
  /** show raw scope names from the start (the detail page does) */
  technical?: boolean;
  /**
   * Outlives this form: true while a save is in flight. A save remounts the form with the saved
   * permissions (AppCard keys it by them), so the form that mounts next takes focus from here.
   */
  saveInFlightRef: RefObject<boolean>;
};

export function ScopeForm({
  app,
  onRevokeRequested,
  announce,
  technical = false,
  saveInFlightRef,
}: Props) {
  const t = useTranslations('app');
  const errorText = useErrorText();
  const update = useUpdateScopes();
  const endRenewing = useEndRenewingGrants();
  const [selected, setSelected] = useState<ReadonlySet<string>>(
    () => new Set(app.scopes.map((s) => s.name)),
  );
  const [reviewing, setReviewing] = useState(false);
  const [showNames, setShowNames] = useState(technical);
  const summaryRef = useRef<HTMLHeadingElement>(null);
  const legendRef = useRef<HTMLLegendElement>(null);
  const kept = app.scopes.filter((scope) => selected.has(scope.name));
  const removed = app.scopes.filter((scope) => !selected.has(scope.name));
  const changed = removed.length > 0;
  const nothingLeft = kept.length === 0;

  useEffect(() => {
    // Mounted by a save: the focused Save button went with the old form. Carry on from the
    // permissions now shown rather than from the top of the page.
    if (!saveInFlightRef.current) return;
    saveInFlightRef.current = false;
    legendRef.current?.focus();
  }, [saveInFlightRef]);

  function toggle(scope: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  }

  function review(event: FormEvent) {
    event.preventDefault();
    if (nothingLeft) return onRevokeRequested();
    setReviewing(true);
    // Move focus to the summary so keyboard and screen reader users land on it.
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  async function save() {
    saveInFlightRef.current = true;
    try {
      // mutateAsync settles even though this form remounts when the saved scopes arrive.
      const result = await update.mutateAsync({
        clientId: app.clientId,
        scopes: kept.map((scope) => scope.name),
      });
      announce(savedAnnouncement(result, t));
    } catch (error) {
      saveInFlightRef.current = false;
      announce({ tone: 'error', text: t('notSaved', { app: app.name, reason: errorText(error) }) });
    }
  }

  /**
   * Where the backend cannot stop renewal: the offered alternative. The answer replaces the app,
   * so the review then says what is true (no grant can renew: the save is offered again).
   */
  async function endRenewingGrants() {
    try {
      const result = await endRenewing.mutateAsync({ clientId: app.clientId });
      announce({
        tone: 'success',
        text: t('renewingGrantsEnded', { app: app.name, count: result.endedCount }),
      });
    } catch (error) {
      announce({ tone: 'error', text: t('notSaved', { app: app.name, reason: errorText(error) }) });
    }
  }

  const legendId = `scopes-${app.clientId}`;
  return (
    <form onSubmit={review} aria-labelledby={legendId}>
      <fieldset disabled={reviewing || update.isPending}>
        <legend
          id={legendId}
          ref={legendRef}
          tabIndex={-1}
          className="text-sm font-semibold text-slate-900 dark:text-white"
        >
          {t('permissions', { app: app.name })}
        </legend>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('permissionsHint')}</p>
        <ul className="mt-3 space-y-1">
          {app.scopes.map((scope) => (
            <li key={scope.name}>
              <label className="flex cursor-pointer items-start gap-3 rounded-lg p-2 hover:bg-slate-50 dark:hover:bg-slate-700/40">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope.name}
                  checked={selected.has(scope.name)}
                  onChange={(event) => toggle(scope.name, event.target.checked)}
                  className="mt-0.5 size-5 shrink-0 accent-indigo-600"
                />
                <span className="min-w-0 text-sm text-slate-900 dark:text-slate-100">
                  <span lang={scope.descriptionLang}>{scope.description}</span>
                  <ScopeKindBadge kind={scope.kind} />
                  {showNames && (
                    <code className="block text-xs break-all text-slate-500 dark:text-slate-400">
                      {scope.name}
                    </code>
                  )}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      {reviewing ? (
        <ChangeSummary
          id={`summary-${app.clientId}`}
          headingRef={summaryRef}
          appName={app.name}
          removed={removed}
          kept={kept}
          canStopRenewal={app.canStopRenewal}
          renewingGrantCount={app.renewingGrantCount}
          ending={endRenewing.isPending}
          onEndRenewing={endRenewingGrants}
          pending={update.isPending}
          failed={update.isError}
          onConfirm={save}
          onBack={() => {
            update.reset();
            setReviewing(false);
          }}
        />
      ) : (
        <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
          <Button type="submit" variant={nothingLeft ? 'danger' : 'primary'} disabled={!changed}>
            {nothingLeft ? t('removeAccess') : t('reviewChanges')}
          </Button>
          <label className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
            <input
              type="checkbox"
              checked={showNames}
              onChange={(event) => setShowNames(event.target.checked)}
              className="size-4 accent-slate-600"
            />
            {t('showTechnical')}
          </label>
        </div>
      )}
    </form>
  );
}

/**
 * What the page says once a narrowing is written: saved, unless a grant could not be narrowed
 * (it still holds what it held); and, where a grant's renewal still carries a removed
 * permission, that the app may get it back when it renews (lib/grants/narrowing.ts).
 */
function savedAnnouncement(
  result: NarrowingResult,
  t: ReturnType<typeof useTranslations<'app'>>,
): Parameters<Announce>[0] {
  const failed = result.grants.filter((grant) => grant.outcome === 'failed').length;
  const lines = [
    failed > 0
      ? t('savedInPart', { app: result.app.name, failed, total: result.grants.length })
      : t('saved', { app: result.app.name }),
  ];
  if (result.renewalKeeps.length > 0) {
    lines.push(
      t('renewalKeeps', {
        app: result.app.name,
        scopes: result.renewalKeeps.map((scope) => scope.description).join(', '),
      }),
    );
  }
  return { tone: failed > 0 ? 'error' : 'success', text: lines.join(' ') };
}

type SummaryProps = {
  id: string;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  appName: string;
  removed: AppScope[];
  kept: AppScope[];
  /** the backend can stop the app renewing (lib/grants/per-grant-store.ts) */
  canStopRenewal: boolean;
  /** the app's grants that can still renew (a live refresh token) */
  renewingGrantCount: number;
  /** ending those grants is in flight */
  ending: boolean;
  onEndRenewing: () => void;
  pending: boolean;
  /** the last save failed: the app still holds everything listed */
  failed: boolean;
  onConfirm: () => void;
  onBack: () => void;
};

/** Before and after, in words, with the final say. */
function ChangeSummary({
  id,
  headingRef,
  appName,
  removed,
  kept,
  canStopRenewal,
  renewingGrantCount,
  ending,
  onEndRenewing,
  pending,
  failed,
  onConfirm,
  onBack,
}: SummaryProps) {
  const t = useTranslations('app');
  // Unticking "can act while you're away" must leave the app unable to renew; where the backend
  // cannot make that true (Authlete v2) and some grant can still renew, the save is not offered:
  // ending those grants is, and once none can renew the save is offered again.
  const stopsRenewal =
    renewingGrantCount > 0 && removed.some((scope) => scope.name === OFFLINE_ACCESS);
  const blocked = stopsRenewal && !canStopRenewal;
  return (
    <section
      aria-labelledby={id}
      className="mt-3 rounded-xl border border-indigo-200 bg-indigo-50 p-4 dark:border-indigo-800 dark:bg-indigo-950"
    >
      <h3 id={id} ref={headingRef} tabIndex={-1} className="text-sm font-semibold">
        {t('summaryTitle')}
      </h3>
      {failed && (
        <p className="mt-2 text-sm font-medium text-red-800 dark:text-red-200">
          {t('notSavedYet', { app: appName })}
        </p>
      )}
      <p className="mt-2 text-sm">{t('willLose', { app: appName })}</p>
      <ul className="mt-1 list-disc pl-5 text-sm font-medium">
        {removed.map((scope) => (
          <li key={scope.name} lang={scope.descriptionLang}>
            {scope.description}
          </li>
        ))}
      </ul>
      <WhatStops appName={appName} removed={removed} />
      {stopsRenewal && (
        <p
          className={`mt-2 text-sm ${blocked ? 'font-medium text-red-800 dark:text-red-200' : ''}`}
        >
          {t(blocked ? 'renewalCannotStop' : 'renewalStops', { app: appName })}
        </p>
      )}
      <p className="mt-2 text-sm">{t('willKeep')}</p>
      <ul className="mt-1 list-disc pl-5 text-sm">
        {kept.map((scope) => (
          <li key={scope.name} lang={scope.descriptionLang}>
            {scope.description}
          </li>
        ))}
      </ul>
      <div className="mt-4 flex flex-wrap gap-2">
        {blocked ? (
          <Button
            variant="danger"
            onClick={onEndRenewing}
            pending={ending}
            pendingLabel={t('endingRenewingGrants')}
          >
            {t('endRenewingGrants', { count: renewingGrantCount })}
          </Button>
        ) : (
          <Button onClick={onConfirm} pending={pending} pendingLabel={t('saving')}>
            {t('confirmSave')}
          </Button>
        )}
        <Button variant="secondary" onClick={onBack} disabled={pending || ending}>
          {t('back')}
        </Button>
      </div>
    </section>
  );
}
