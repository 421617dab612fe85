/**
 * The crash sweep: a change whose process died between recording it and
 * settling it leaves its history entry pending and its events held. Entries
 * pending for longer than any change takes are settled here from what the
 * backend shows now — an app that should have lost access and has none, or
 * holds no more than it was narrowed to, counts as done; a change to one
 * grant is judged by that grant alone, found by the id its entry keeps — and
 * the events of the apps done are released. Every instance runs it; settling
 * is once only (history.settle), so only the instance that settles an entry
 * releases its events.
 */
import { decodeJwt } from 'jose';
import type { GrantStore, GrantToken } from '../grants/grant-store';
import { canRenew, renews, scopesInPlay } from '../grants/live-tokens';
import type { GrantIdOf } from '../grants/per-grant-store';
import { log } from '../log';
import type { HistoryEntry, HistoryStore } from '../store/history';
import type { OutboxStore } from '../store/outbox';
import { overallOutcome } from './outcome';
import type { AppResult } from './types';

/** Longer than any change takes: a bulk of 50 apps, each call up to the backend's timeout. */
export const ABANDONED_AFTER_MS = 15 * 60_000;
const EVERY_MS = 60_000;

/**
 * Whether a change to one grant is done, from what is left of that grant (undefined: it is gone).
 * Null for a kind that is not about one grant.
 */
function grantChangeDone(
  entry: HistoryEntry,
  grant: GrantToken | undefined,
  now: number,
): boolean | null {
  if (entry.kind === 'grant_removed') return !grant;
  if (entry.kind === 'grant_narrowed') {
    const removed = new Set(entry.detail.scopesRemoved ?? []);
    return !grant || !grant.scopes.some((scope) => removed.has(scope));
  }
  if (entry.kind === 'renewal_stopped') return !grant || !renews(grant, now);
  return null;
}

async function appResult(
  entry: HistoryEntry,
  clientId: string,
  backend: GrantStore,
  idOf: GrantIdOf,
): Promise<AppResult> {
  const grantId = entry.detail.grant?.id;
  if (grantId) {
    const grant = (await backend.readGrants(entry.subject, clientId, idOf)).find(
      (candidate) => candidate.grantId === grantId,
    );
    const done = grantChangeDone(entry, grant?.token, Date.now());
    if (done !== null) return { clientId, outcome: done ? 'done' : 'failed' };
  }
  const app = await backend.getAuthorizedApp(entry.subject, clientId);
  if (entry.kind === 'scopes_narrowed') {
    const kept = new Set(entry.detail.scopesKept ?? []);
    // What the app can do, as the narrowing judged it: a dead token it left alone counts for nothing.
    const done = !app || scopesInPlay(app, Date.now()).every((scope) => kept.has(scope));
    return { clientId, outcome: done ? 'done' : 'failed' };
  }
  if (entry.kind === 'grant_narrowed') {
    // An entry written before grants' ids were kept names the grant only by its label, so the
    // sweep cannot tell it from the app's others (as for grant_removed): done only when no token
    // in play holds a removed permission, which the narrowed grant then cannot either.
    const removed = new Set(entry.detail.scopesRemoved ?? []);
    const done = !app || !scopesInPlay(app, Date.now()).some((scope) => removed.has(scope));
    return { clientId, outcome: done ? 'done' : 'failed' };
  }
  if (entry.kind === 'renewal_stopped') {
    // Done once no grant of the app can renew; the access it still holds was meant to stay.
    const done = !app || !canRenew(app, Date.now());
    return { clientId, outcome: done ? 'done' : 'failed' };
  }
  return { clientId, outcome: app ? 'failed' : 'done' };
}

/** The app an event is about, from its subject (the outbox keeps only the token). */
function clientIdOf(token: string): string | null {
  try {
    const subject = decodeJwt(token).sub_id as { application?: { id?: unknown } } | undefined;
    return typeof subject?.application?.id === 'string' ? subject.application.id : null;
  } catch {
    return null;
  }
}

/** Settles every entry left pending before `now - ABANDONED_AFTER_MS`; returns how many. */
export async function settleAbandonedChanges({
  history,
  outbox,
  backend,
  idOf,
  now = Date.now(),
}: {
  history: HistoryStore;
  outbox: OutboxStore;
  backend: GrantStore;
  /** the grant ids the pages give (lib/grants), so an entry's grant is found among the app's */
  idOf: GrantIdOf;
  now?: number;
}): Promise<number> {
  let settled = 0;
  for (const entry of await history.pending({ olderThan: now - ABANDONED_AFTER_MS })) {
    try {
      const results: AppResult[] = [];
      for (const { clientId } of entry.detail.apps)
        results.push(await appResult(entry, clientId, backend, idOf));
      if (!(await history.settle(entry.id, overallOutcome(results), { results }))) continue;
      const done = new Set(results.filter((r) => r.outcome === 'done').map((r) => r.clientId));
      const events = await outbox.forHistoryEntry(entry.id);
      const jtis = events
        .filter((event) => event.status === 'held' && done.has(clientIdOf(event.event) ?? ''))
        .map((event) => event.jti);
      await outbox.release(entry.id, { jtis });
      await outbox.dropHeld(entry.id);
      settled++;
      log.info('changes.swept', { txn: entry.txn, outcome: overallOutcome(results) });
    } catch (error) {
      // The backend may be away; the next sweep tries again.
      log.warn('changes.sweep_failed', { txn: entry.txn, error });
    }
  }
  return settled;
}

/** Runs the sweep now and every minute; returns a function that stops it. */
export function scheduleChangeSweep(
  context: Omit<Parameters<typeof settleAbandonedChanges>[0], 'now'> & { onSettled?: () => void },
): () => void {
  const run = async () => {
    try {
      if ((await settleAbandonedChanges(context)) > 0) context.onSettled?.();
    } catch (error) {
      log.warn('changes.sweep_failed', { error });
    }
  };
  void run();
  const timer = setInterval(run, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
