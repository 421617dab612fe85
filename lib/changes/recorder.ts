/**
 * The change seam: every change the data layer makes passes through
 * `record`, which
 * 1. writes the history entry (`pending`) and, when events are configured,
 *    one signed event per app (`held`) — before the backend is called, since
 *    the change itself happens at the backend, outside any transaction here;
 * 2. runs the change;
 * 3. settles the entry with each app's outcome, releases the events of the
 *    apps that changed and drops the rest;
 * 4. writes the audit line.
 * A crash between 1 and 3 leaves a pending entry for the sweep (sweep.ts).
 *
 * The person's change never waits on the receiver, and never fails because
 * the record could not be written: losing access matters more than the record
 * of it, so a store error is logged and the change goes ahead (the audit line
 * still names it).
 */
import { randomUUID } from 'node:crypto';
import { announces } from '../events/caep';
import { log } from '../log';
import type { HistoryStore } from '../store/history';
import { isNarrowing } from '../store/history-kinds';
import type { OutboxStore } from '../store/outbox';
import { overallOutcome } from './outcome';
import type { AppResult, ChangeOutcome, ChangePlan, ChangeRecorder, PlannedApp } from './types';

/** One signed event for one app of a change. */
export type IssuedEvent = { clientId: string; jti: string; token: string };

/** Signs the events of a change; absent when no receiver is configured (then no outbox rows). */
export type ChangeEvents = {
  issue(change: {
    subject: string;
    txn: string;
    kind: ChangePlan['kind'];
    apps: readonly PlannedApp[];
  }): Promise<IssuedEvent[]>;
  /** called once events were released, so delivery starts without waiting for its next poll */
  released(): void;
};

export type RecorderContext = {
  /** from the server-side session */
  subject: string;
  /** a short summary, never the raw header (user-agent.ts) */
  userAgent: string;
  history: HistoryStore;
  outbox: OutboxStore;
  events: ChangeEvents | null;
};

// Errors whose change was recorded (and audited) here, so the action gate does not audit them again.
const recordedErrors = new WeakSet<object>();

/** Whether this error ended a change that went through the seam (its audit line is written). */
export function wasRecorded(error: unknown): boolean {
  return typeof error === 'object' && error !== null && recordedErrors.has(error);
}

export function createChangeRecorder(context: RecorderContext): ChangeRecorder {
  const { subject, history, outbox, events } = context;

  async function begin(plan: ChangePlan, txn: string) {
    try {
      const historyId = await history.begin({
        subject,
        kind: plan.kind,
        detail: {
          apps: plan.apps.map(({ clientId, name }) => ({ clientId, name })),
          ...(isNarrowing(plan.kind)
            ? {
                scopesRemoved: [...(plan.apps[0]?.scopesRemoved ?? [])],
                scopesKept: [...(plan.apps[0]?.scopesKept ?? [])],
              }
            : {}),
          ...(plan.grant ? { grant: plan.grant } : {}),
        },
        userAgent: context.userAgent,
        txn,
      });
      const issued =
        events && announces(plan.kind)
          ? await events.issue({ subject, txn, kind: plan.kind, apps: plan.apps })
          : [];
      if (issued.length > 0)
        await outbox.enqueue(
          issued.map((event) => ({ jti: event.jti, txn, historyId, event: event.token })),
          { held: true },
        );
      return { historyId, issued };
    } catch (error) {
      log.error('changes.record_failed', { operation: plan.operation, txn, error });
      return null;
    }
  }

  async function settle(
    recorded: { historyId: string; issued: IssuedEvent[] } | null,
    results: readonly AppResult[],
    txn: string,
  ) {
    if (!recorded) return;
    try {
      await history.settle(recorded.historyId, overallOutcome(results), { results: [...results] });
      // No event was enqueued for this change (none is without a receiver), so none is held:
      // the outbox has nothing to do, and the person's answer waits on no statement for it.
      if (recorded.issued.length === 0) return;
      const changed = new Set(
        results.filter((result) => result.outcome === 'done').map((r) => r.clientId),
      );
      const jtis = recorded.issued.filter((e) => changed.has(e.clientId)).map((e) => e.jti);
      const released = await outbox.release(recorded.historyId, { jtis });
      await outbox.dropHeld(recorded.historyId);
      if (released > 0) events?.released();
    } catch (error) {
      // Left pending: the sweep settles it from what the backend shows.
      log.error('changes.settle_failed', { txn, error });
    }
  }

  function audit(plan: ChangePlan, results: readonly AppResult[], txn: string) {
    log.info('audit', {
      actor: subject,
      action: plan.operation,
      kind: plan.kind,
      clientIds: plan.apps.map((app) => app.clientId),
      ...(isNarrowing(plan.kind) ? { scopes: plan.apps[0]?.scopesKept } : {}),
      outcome: overallOutcome(results),
      results,
      txn,
    });
  }

  return {
    async record<T>(plan: ChangePlan, perform: () => Promise<ChangeOutcome<T>>): Promise<T> {
      const txn = randomUUID();
      const recorded = await begin(plan, txn);
      let outcome: ChangeOutcome<T>;
      try {
        outcome = await perform();
      } catch (error) {
        const results = plan.apps.map(({ clientId }) => ({ clientId, outcome: 'failed' as const }));
        await settle(recorded, results, txn);
        audit(plan, results, txn);
        if (typeof error === 'object' && error !== null) recordedErrors.add(error);
        throw error;
      }
      await settle(recorded, outcome.results, txn);
      audit(plan, outcome.results, txn);
      return outcome.value;
    },
  };
}

/** For a data layer without a store (unit tests of its rules): runs the change and records nothing. */
export const unrecordedChanges: ChangeRecorder = {
  record: async (_plan, perform) => (await perform()).value,
};
