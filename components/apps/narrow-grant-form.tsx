'use client';
/**
 * Narrowing one grant: its permissions as checkboxes, saved for that grant alone; the app's other
 * grants keep what they hold (lib/grants/grant-service.ts, narrowGrant). Offered only with more
 * than one permission (taking everything away is ending it). While the grant can renew its access,
 * "can act while you're away" stays ticked: a token's permissions do not stop its renewal, so the
 * form says what does (stopping it renewing, where the backend can, or ending it). What will stop
 * working is said only for permissions no other grant of the app still uses (what-stops.tsx): for
 * the others the app as a whole loses nothing. The form stays open with the error when the save
 * fails.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { narrowGrant } from '@/app/apps/actions';
import { Button } from '@/components/ui/button';
import type { GrantSummary } from '@/lib/grants/grant-records';
import type { AppScope, NarrowGrantResult } from '@/lib/grants/types';
import { useGrantsWrite } from './use-app-mutations';
import { useErrorText } from './use-error-text';
import { WhatStops } from './what-stops';

type Props = {
  clientId: string;
  appName: string;
  grant: GrantSummary;
  /**
   * The permissions the app's other grants still use: taking one from this grant takes nothing
   * from the app, so nothing is said to stop working for it.
   */
  heldElsewhere: ReadonlySet<string>;
  name: string;
  /** the backend can stop this grant renewing on its own: the way to take "away" from it */
  canStopRenewal: boolean;
  onCancel: () => void;
  onNarrowed: (result: NarrowGrantResult) => void;
};

export function NarrowGrantForm({
  clientId,
  appName,
  grant,
  heldElsewhere,
  name,
  canStopRenewal,
  onCancel,
  onNarrowed,
}: Props) {
  const t = useTranslations('grants');
  const errorText = useErrorText();
  // Here rather than in use-app-mutations.ts, which the list page loads too: only the detail
  // page narrows a grant.
  const narrow = useGrantsWrite(narrowGrant);
  const [kept, setKept] = useState(() => new Set(grant.scopes.map((scope) => scope.name)));
  const firstBox = useRef<HTMLInputElement>(null);
  const legendId = `narrow-${grant.id}`;
  const renewalNoteId = `narrow-renewal-${grant.id}`;
  const locked = (scope: AppScope) => scope.kind === 'offline' && grant.renewsUntil !== null;
  const changed = kept.size < grant.scopes.length;
  // Focus goes to the first box the person can untick ("away" may be locked, and comes first).
  const firstFree = grant.scopes.findIndex((scope) => !locked(scope));
  const nothingLeft = kept.size === 0;

  // Opened from the grant's button: the person carries on at the first permission they can change.
  useEffect(() => firstBox.current?.focus(), []);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    try {
      onNarrowed(await narrow.mutateAsync({ clientId, grantId: grant.id, scopes: [...kept] }));
    } catch {
      // shown below, from narrow.error
    }
  }

  return (
    <form onSubmit={save} aria-labelledby={legendId} className="mt-3">
      <fieldset disabled={narrow.isPending}>
        <legend id={legendId} className="text-sm font-semibold text-slate-900 dark:text-white">
          {t('narrowLegend', { grant: name })}
        </legend>
        <ul className="mt-2 space-y-1">
          {grant.scopes.map((scope, index) => (
            <li key={scope.name}>
              <label className="flex items-start gap-3 rounded-lg p-2 hover:bg-slate-50 dark:hover:bg-slate-700/40">
                <input
                  ref={index === firstFree ? firstBox : undefined}
                  type="checkbox"
                  checked={kept.has(scope.name)}
                  disabled={locked(scope)}
                  aria-describedby={locked(scope) ? renewalNoteId : undefined}
                  onChange={(event) => {
                    const next = new Set(kept);
                    if (event.target.checked) next.add(scope.name);
                    else next.delete(scope.name);
                    narrow.reset();
                    setKept(next);
                  }}
                  className="mt-0.5 size-5 shrink-0 accent-indigo-600"
                />
                <span className="min-w-0 text-sm text-slate-900 dark:text-slate-100">
                  <span lang={scope.descriptionLang}>{scope.description}</span>
                  {locked(scope) && (
                    <span
                      id={renewalNoteId}
                      className="block text-xs text-slate-600 dark:text-slate-300"
                    >
                      {t(canStopRenewal ? 'narrowKeepsRenewingStop' : 'narrowKeepsRenewing')}
                    </span>
                  )}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <WhatStops
        appName={appName}
        removed={grant.scopes.filter(
          (scope) => !kept.has(scope.name) && !heldElsewhere.has(scope.name),
        )}
      />
      {nothingLeft && (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-200">{t('narrowNothingLeft')}</p>
      )}
      {narrow.isError && (
        <p role="alert" className="mt-2 text-sm font-medium text-red-700 dark:text-red-300">
          {errorText(narrow.error)}
        </p>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button
          type="submit"
          disabled={!changed || nothingLeft}
          pending={narrow.isPending}
          pendingLabel={t('narrowPending')}
        >
          {t('narrowSave')}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={narrow.isPending}>
          {t('cancel')}
        </Button>
      </div>
    </form>
  );
}
