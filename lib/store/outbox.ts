/**
 * The event outbox: Security Event Tokens waiting to reach the operator's
 * receiver. An event is enqueued `held` with its history entry, before the
 * change reaches the backend; once the change settles it is released (to be
 * sent) or dropped (the change did not happen). Delivery workers — one or
 * more per instance, on any number of instances — claim due events with a
 * lease, so each event is being sent by one worker at a time; a worker that
 * dies loses its lease when it expires, and another claims the event again.
 *
 * Each call is one statement (see connect.ts for why that matters on SQLite).
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { Dialect } from './target';
import { OUTBOX_TABLE, type OutboxStatus, type OutboxTable, type StoreSchema } from './schema';

export type NewEvent = {
  /** the event's `jti`: unique, and the same on every retry */
  jti: string;
  /** shared by the events of one change, and its history entry */
  txn: string;
  historyId: string;
  /** the Security Event Token as it will be sent (a compact JWS) */
  event: string;
};

export type OutboxEvent = {
  id: string;
  jti: string;
  txn: string;
  historyId: string;
  event: string;
  status: OutboxStatus;
  /** how many times a worker has claimed it to send it */
  attempts: number;
  /** ms since the epoch; this and the other times below */
  nextAttemptAt: number;
  leaseUntil: number | null;
  leaseOwner: string | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
};

/** An event a worker holds the lease on; pass it back to report how sending went. */
export type ClaimedEvent = OutboxEvent & { leaseOwner: string; leaseUntil: number };

export type OutboxStats = {
  /** events not yet delivered: held for a change in progress, or waiting to be sent */
  backlog: number;
  /** events given up on */
  failed: number;
};

/** The most of a receiver's error kept with an event. */
export const LAST_ERROR_MAX = 500;

export type OutboxStore = ReturnType<typeof createOutbox>;

type Db = Kysely<StoreSchema>;

/** Due, and leased by no one: a lease that has expired counts as none. */
function claimable(now: number) {
  return (eb: ExpressionBuilder<StoreSchema, typeof OUTBOX_TABLE>) =>
    eb.and([
      eb('status', '=', 'pending'),
      eb('next_attempt_at', '<=', now),
      eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]),
    ]);
}

export function createOutbox(db: Db, dialect: Dialect) {
  /** Ends `claimed`'s lease with `changes`, if its worker still holds it; false when it lost it. */
  async function finish(
    claimed: Pick<ClaimedEvent, 'id' | 'leaseOwner'>,
    changes: Partial<
      Pick<OutboxTable, 'status' | 'next_attempt_at' | 'last_error' | 'delivered_at'>
    >,
  ): Promise<boolean> {
    const updated = await db
      .updateTable(OUTBOX_TABLE)
      .set({ ...changes, lease_until: null, lease_owner: null })
      .where('id', '=', claimed.id)
      .where('status', '=', 'pending')
      // After an expired lease another worker may have claimed it: only the holder reports.
      .where('lease_owner', '=', claimed.leaseOwner)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  }

  return {
    /** Adds events: `held` until their change settles (release/dropHeld), else to be sent now. */
    async enqueue(
      events: readonly NewEvent[],
      { held, now = Date.now() }: { held: boolean; now?: number },
    ): Promise<string[]> {
      if (events.length === 0) return [];
      const rows = events.map((event) => ({
        id: randomUUID(),
        jti: event.jti,
        txn: event.txn,
        history_id: event.historyId,
        event: event.event,
        status: held ? ('held' as const) : ('pending' as const),
        next_attempt_at: now,
        lease_until: null,
        lease_owner: null,
        last_error: null,
        created_at: now,
        delivered_at: null,
      }));
      await db.insertInto(OUTBOX_TABLE).values(rows).execute();
      return rows.map((row) => row.id);
    },

    /**
     * Lets a settled change's held events be sent: all of them, or only those whose `jti` is
     * listed (a bulk change that was partly done). Returns how many were released.
     */
    async release(
      historyId: string,
      { jtis, now = Date.now() }: { jtis?: readonly string[]; now?: number } = {},
    ): Promise<number> {
      if (jtis && jtis.length === 0) return 0;
      const updated = await db
        .updateTable(OUTBOX_TABLE)
        .set({ status: 'pending', next_attempt_at: now })
        .where('history_id', '=', historyId)
        .where('status', '=', 'held')
        .$if(jtis !== undefined, (qb) => qb.where('jti', 'in', jtis!))
        .executeTakeFirst();
      return Number(updated.numUpdatedRows);
    },

    /** Deletes the change's events still held (their change did not happen); returns how many. */
    async dropHeld(historyId: string): Promise<number> {
      const deleted = await db
        .deleteFrom(OUTBOX_TABLE)
        .where('history_id', '=', historyId)
        .where('status', '=', 'held')
        .executeTakeFirst();
      return Number(deleted.numDeletedRows);
    },

    /**
     * Takes the lease on up to `limit` due events for `owner` until `now + leaseMs`, and counts
     * an attempt on each. One UPDATE … RETURNING on both databases. SQLite runs it under the
     * file's write lock, so claims cannot overlap. On PostgreSQL they can: a second claimer whose
     * pick chose the same rows waits for the first to commit, then re-checks the outer WHERE
     * against the rows as they are now and skips them — which is why the outer WHERE repeats the
     * subquery's condition (without it, both would take every row). `FOR UPDATE SKIP LOCKED`
     * (PostgreSQL only) lets the pick pass over rows another claim holds, so concurrent
     * claimers take different events rather than one taking all and the others none.
     */
    async claim({
      owner,
      leaseMs,
      limit,
      now = Date.now(),
    }: {
      owner: string;
      leaseMs: number;
      limit: number;
      now?: number;
    }): Promise<ClaimedEvent[]> {
      const rows = await db
        // Materialized, so the pick runs once: as a plain `IN (subquery)` PostgreSQL may run it
        // again per row, and with SKIP LOCKED a rerun passes over the rows this statement just
        // updated and picks more, beyond `limit`.
        .with(
          (cte) => cte('picked').materialized(),
          (qb) =>
            qb
              .selectFrom(OUTBOX_TABLE)
              .select('id')
              .where(claimable(now))
              .orderBy('next_attempt_at')
              .orderBy('id')
              .limit(limit)
              .$if(dialect === 'postgres', (query) => query.forUpdate().skipLocked()),
        )
        .updateTable(OUTBOX_TABLE)
        .set((eb) => ({
          lease_owner: owner,
          lease_until: now + leaseMs,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', 'in', (qb) => qb.selectFrom('picked').select('id'))
        .where(claimable(now))
        .returningAll()
        .execute();
      return rows
        .map((row) => toEvent(row) as ClaimedEvent)
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id.localeCompare(b.id));
    },

    /** The receiver accepted it. */
    delivered(claimed: Pick<ClaimedEvent, 'id' | 'leaseOwner'>, now = Date.now()) {
      return finish(claimed, { status: 'delivered', delivered_at: now });
    },

    /** Sending failed in a way worth retrying: try again at `nextAttemptAt` (ms). */
    retryLater(
      claimed: Pick<ClaimedEvent, 'id' | 'leaseOwner'>,
      error: string,
      nextAttemptAt: number,
    ) {
      return finish(claimed, {
        next_attempt_at: nextAttemptAt,
        last_error: error.slice(0, LAST_ERROR_MAX),
      });
    },

    /** The receiver refused it for good (or it was given up on): it is never sent again. */
    failed(claimed: Pick<ClaimedEvent, 'id' | 'leaseOwner'>, error: string) {
      return finish(claimed, { status: 'failed', last_error: error.slice(0, LAST_ERROR_MAX) });
    },

    /** Counts for operators: what is waiting, and what failed for good. */
    async stats(): Promise<OutboxStats> {
      const rows = await db
        .selectFrom(OUTBOX_TABLE)
        .select(['status', (eb) => eb.fn.countAll<number | string>().as('count')])
        .where('status', 'in', ['held', 'pending', 'failed'])
        .groupBy('status')
        .execute();
      const count = (status: OutboxStatus) =>
        Number(rows.find((row) => row.status === status)?.count ?? 0);
      return { backlog: count('held') + count('pending'), failed: count('failed') };
    },

    /** Every event of one change, oldest first (for the sweep, and tests). */
    async forHistoryEntry(historyId: string): Promise<OutboxEvent[]> {
      const rows = await db
        .selectFrom(OUTBOX_TABLE)
        .selectAll()
        .where('history_id', '=', historyId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toEvent);
    },
  };
}

function toEvent(row: Selectable<OutboxTable>): OutboxEvent {
  const time = (value: number | null) => (value === null ? null : Number(value));
  return {
    id: row.id,
    jti: row.jti,
    txn: row.txn,
    historyId: row.history_id,
    event: row.event,
    status: row.status,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    leaseUntil: time(row.lease_until),
    leaseOwner: row.lease_owner,
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    deliveredAt: time(row.delivered_at),
  };
}
