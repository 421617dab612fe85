/**
 * A person's history of the changes they made here. An entry is written
 * before its change reaches the backend (outcome `pending`) and settled after,
 * so a change interrupted by a crash is still on record, for the sweep
 * (`pending`) to settle from what the backend shows.
 *
 * Reads of a person's entries take the subject and never return anyone
 * else's; `pending` and `deleteOlderThan` are the operator's machinery (the
 * sweep, retention) and span everyone. Each call is one statement (see
 * connect.ts for why that matters on SQLite).
 */
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { GRANT_ID_PATTERN } from '../grants/grant-ids';
import { HISTORY_KINDS, type HistoryKind, type StoredHistoryKind } from './history-kinds';
import { HISTORY_TABLE, type HistoryOutcome, type HistoryTable, type StoreSchema } from './schema';

export { HISTORY_KINDS, type HistoryKind, type StoredHistoryKind } from './history-kinds';

const text = (max: number) => z.string().min(1).max(max);

/** An app a change was about: its client ID and the name shown at the time. */
const appFields = { clientId: text(40), name: z.string().max(500) };
/**
 * The grant a change was about: the page's label for it, and its opaque id (grant-ids.ts), by
 * which the crash sweep finds that grant among the app's others (lib/changes/sweep.ts). Entries
 * written before the id was kept have only the label.
 */
const grantFields = {
  label: z.string().max(500),
  id: z.string().regex(GRANT_ID_PATTERN).optional(),
};
const detailFields = <App extends z.ZodType, Grant extends z.ZodType>(app: App, grant: Grant) => ({
  apps: z.array(app).max(1000),
  scopesRemoved: z.array(text(500)).max(500).optional(),
  scopesKept: z.array(text(500)).max(500).optional(),
  grant: grant.optional(),
});

/** What the person asked for, in the words the page showed them: exactly this, when written. */
export const historyDetailSchema = z.strictObject(
  detailFields(z.strictObject(appFields), z.strictObject(grantFields)),
);
export type HistoryDetail = z.infer<typeof historyDetailSchema>;

/**
 * The same, when read: a field this code does not know is dropped rather than refused, so during a
 * rolling upgrade an instance still on this code reads what a newer one wrote (docs/design-notes.md,
 * "History across a rolling upgrade").
 */
const storedDetailSchema = z.object(detailFields(z.object(appFields), z.object(grantFields)));

export const APP_OUTCOMES = ['done', 'already_done', 'failed'] as const;

/** One app's part of a settled change. */
export const appResultSchema = z
  .object({ clientId: text(40), outcome: z.enum(APP_OUTCOMES) })
  .strict();
export type AppResult = z.infer<typeof appResultSchema>;

/** The longest user-agent summary kept ("Firefox 128 on macOS" is about 20 characters). */
export const USER_AGENT_SUMMARY_MAX = 120;

const newEntrySchema = z
  .object({
    subject: text(1000),
    kind: z.enum(HISTORY_KINDS),
    detail: historyDetailSchema,
    userAgent: z.string().max(USER_AGENT_SUMMARY_MAX),
    txn: text(100),
    /** ms since the epoch; defaults to now */
    createdAt: z.number().int().nonnegative().optional(),
  })
  .strict();
export type NewHistoryEntry = z.input<typeof newEntrySchema>;

export type HistoryEntry = {
  id: string;
  subject: string;
  /** ms since the epoch */
  createdAt: number;
  kind: StoredHistoryKind;
  detail: HistoryDetail;
  outcome: HistoryOutcome;
  /** each app's outcome, once settled */
  results: AppResult[] | null;
  userAgent: string;
  txn: string;
  settledAt: number | null;
};

export type HistoryPage = { entries: HistoryEntry[]; totalCount: number };

export type SettledOutcome = Exclude<HistoryOutcome, 'pending'>;

export const HISTORY_PAGE_SIZE_MAX = 100;

export type HistoryStore = ReturnType<typeof createHistory>;

export function createHistory(db: Kysely<StoreSchema>) {
  // Each entry this instance records is stamped after the one before, so two changes made within
  // one millisecond (a save, then a removal) stay in the order they were made: the page lists
  // newest first, and the ids that break a tie in time are random.
  let lastStamp = 0;
  const stamp = () => (lastStamp = Math.max(Date.now(), lastStamp + 1));

  return {
    /** Records a change about to be made (outcome `pending`); returns the entry's id. */
    async begin(entry: NewHistoryEntry): Promise<string> {
      const valid = newEntrySchema.parse(entry);
      const id = randomUUID();
      await db
        .insertInto(HISTORY_TABLE)
        .values({
          id,
          subject: valid.subject,
          created_at: valid.createdAt ?? stamp(),
          kind: valid.kind,
          detail: JSON.stringify(valid.detail),
          outcome: 'pending',
          results: null,
          user_agent: valid.userAgent,
          txn: valid.txn,
          settled_at: null,
        })
        .execute();
      return id;
    },

    /**
     * Settles a pending entry with the change's outcome and each app's. Only a pending entry
     * settles, once: returns false when it was settled already (by the sweep, or a retry).
     */
    async settle(
      id: string,
      outcome: SettledOutcome,
      { results, settledAt = Date.now() }: { results: AppResult[]; settledAt?: number },
    ): Promise<boolean> {
      const valid = z.array(appResultSchema).max(1000).parse(results);
      const updated = await db
        .updateTable(HISTORY_TABLE)
        .set({ outcome, results: JSON.stringify(valid), settled_at: settledAt })
        .where('id', '=', id)
        .where('outcome', '=', 'pending')
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) > 0;
    },

    /** One page of this person's entries, newest first (page 1 is the newest), and how many there are. */
    async listForSubject(
      subject: string,
      { page, size }: { page: number; size: number },
    ): Promise<HistoryPage> {
      requireSubject(subject);
      const { page: p, size: s } = z
        .object({
          page: z.number().int().min(1),
          size: z.number().int().min(1).max(HISTORY_PAGE_SIZE_MAX),
        })
        .parse({ page, size });
      const [rows, count] = await Promise.all([
        db
          .selectFrom(HISTORY_TABLE)
          .selectAll()
          .where('subject', '=', subject)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(s)
          .offset((p - 1) * s)
          .execute(),
        db
          .selectFrom(HISTORY_TABLE)
          .select((eb) => eb.fn.countAll<number | string>().as('count'))
          .where('subject', '=', subject)
          .executeTakeFirstOrThrow(),
      ]);
      return { entries: rows.map(toEntry), totalCount: Number(count.count) };
    },

    /** Entries still pending that were begun before `olderThan` (ms), oldest first: for the crash sweep. */
    async pending({
      olderThan,
      limit = 100,
    }: {
      olderThan: number;
      limit?: number;
    }): Promise<HistoryEntry[]> {
      const rows = await db
        .selectFrom(HISTORY_TABLE)
        .selectAll()
        .where('outcome', '=', 'pending')
        // Only kinds this code can judge: a newer instance's change is for a newer instance to settle.
        .where('kind', 'in', [...HISTORY_KINDS])
        .where('created_at', '<', olderThan)
        .orderBy('created_at')
        .limit(limit)
        .execute();
      return rows.map(toEntry);
    },

    /** Deletes every entry created before `cutoff` (ms), and their events; returns how many entries. */
    async deleteOlderThan(cutoff: number): Promise<number> {
      const deleted = await db
        .deleteFrom(HISTORY_TABLE)
        .where('created_at', '<', cutoff)
        .executeTakeFirst();
      return Number(deleted.numDeletedRows);
    },
  };
}

function requireSubject(subject: string) {
  // An empty subject would match no one; asking for it is a bug in the caller, not a request.
  if (typeof subject !== 'string' || subject.length === 0)
    throw new TypeError('a subject is required');
}

const resultsSchema = z.array(appResultSchema);
const knownKinds: ReadonlySet<string> = new Set(HISTORY_KINDS);

/** A kind this code does not know (a newer instance's, during a rolling upgrade) reads as `other`. */
function kindOf(stored: string): StoredHistoryKind {
  return knownKinds.has(stored) ? (stored as HistoryKind) : 'other';
}

function toEntry(row: Selectable<HistoryTable>): HistoryEntry {
  return {
    id: row.id,
    subject: row.subject,
    createdAt: Number(row.created_at),
    kind: kindOf(row.kind),
    detail: storedDetailSchema.parse(JSON.parse(row.detail)),
    outcome: row.outcome,
    results: row.results === null ? null : resultsSchema.parse(JSON.parse(row.results)),
    userAgent: row.user_agent,
    txn: row.txn,
    settledAt: row.settled_at === null ? null : Number(row.settled_at),
  };
}
