/**
 * The app store's tables as Kysely sees them: a person's history of changes,
 * the event outbox, and the limiter's counters. Column types are the ones both
 * SQLite and PostgreSQL store the same way — text, integers, and times as
 * milliseconds since the epoch in a bigint — so one query layer serves both.
 * JSON columns are text, parsed with zod when read (history.ts).
 *
 * The tables are created by migrations.ts; this file only describes them.
 */
import 'server-only';
import type { ColumnType, Generated } from 'kysely';

export const HISTORY_TABLE = 'app_history';
export const OUTBOX_TABLE = 'app_event_outbox';
/** rate-limiter-flexible's table (its own column names and order: key, points, expire). */
export const RATE_LIMIT_TABLE = 'app_rate_limit';
export const MIGRATION_TABLE = 'app_migration';
export const MIGRATION_LOCK_TABLE = 'app_migration_lock';

export const HISTORY_OUTCOMES = ['pending', 'done', 'partial', 'failed'] as const;
export type HistoryOutcome = (typeof HISTORY_OUTCOMES)[number];

/**
 * - `held`: written before its change reaches the backend; sent only once the change settles
 * - `pending`: to be sent (now, or at `next_attempt_at` after a failed attempt)
 * - `delivered`: the receiver accepted it
 * - `failed`: the receiver refused it for good (or it was given up on)
 */
export const OUTBOX_STATUSES = ['held', 'pending', 'delivered', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export type HistoryTable = {
  id: string;
  subject: string;
  created_at: number;
  kind: string;
  /** JSON: what was asked (history.ts `historyDetailSchema`) */
  detail: string;
  outcome: HistoryOutcome;
  /** JSON: each app's outcome once settled (history.ts `appResultSchema`), else null */
  results: string | null;
  /** a short browser-and-system summary; never an IP address */
  user_agent: string;
  /** shared by the history entry and the events of one change */
  txn: string;
  settled_at: number | null;
};

export type OutboxTable = {
  id: string;
  jti: string;
  txn: string;
  history_id: string;
  /** the Security Event Token as it will be sent (a compact JWS), so a retry sends the same bytes */
  event: string;
  status: OutboxStatus;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: number;
  lease_until: number | null;
  lease_owner: string | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
};

export type RateLimitTable = {
  key: string;
  points: Generated<number>;
  expire: number | null;
};

export type StoreSchema = {
  [HISTORY_TABLE]: HistoryTable;
  [OUTBOX_TABLE]: OutboxTable;
  [RATE_LIMIT_TABLE]: RateLimitTable;
};
