/**
 * Per-key limits (a person's writes, a login's sign-in attempts) counted in
 * the app store's database by rate-limiter-flexible, so every instance on the
 * same database shares one count: N instances allow what one does. Windows
 * are fixed, not sliding: a key's window starts with its first event and
 * allows `points` events until it ends.
 *
 * Keys are stored as SHA-256 hashes: the table never holds a login or subject.
 * While the database cannot be reached, the library's insurance limiter counts
 * in this process's memory instead, so the limit still holds per instance.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { LimiterClient } from './connect';
import { recordLimiterRefusal } from '../telemetry/metrics';
import { RATE_LIMIT_TABLE } from './schema';

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export type Limiter = {
  /** Counts one event for `key` if the limit allows it; otherwise says when to try again. */
  take(key: string): Promise<TakeResult>;
};

export type LimitOptions = {
  /** what is limited; keeps different limits' counts apart in the one table */
  name: string;
  /** events allowed per window */
  points: number;
  durationSeconds: number;
};

export function createLimiter(client: LimiterClient, options: LimitOptions): Limiter {
  const shared = {
    keyPrefix: options.name,
    points: options.points,
    duration: options.durationSeconds,
    tableName: RATE_LIMIT_TABLE,
    // Created by the store's migration, so the library never runs DDL.
    tableCreated: true,
    // Every five minutes, delete rows whose window closed over an hour ago (the PostgreSQL store
    // does by default, the SQLite store only when asked).
    clearExpiredByTimeout: true,
    // Once a key is over its limit, this instance refuses it from memory for the rest of the
    // window: a flood of refused attempts costs the database nothing.
    inMemoryBlockOnConsumed: options.points + 1,
    insuranceLimiter: new RateLimiterMemory({
      keyPrefix: options.name,
      points: options.points,
      duration: options.durationSeconds,
    }),
  };
  const limiter: RateLimiterAbstract =
    client.kind === 'postgres'
      ? new RateLimiterPostgres({
          ...shared,
          storeClient: unnamedStatements(client.pool),
          storeType: 'pool',
        })
      : new RateLimiterSQLite({
          ...shared,
          storeClient: client.database,
          storeType: 'better-sqlite3',
        });

  return {
    async take(key) {
      try {
        await limiter.consume(hashed(key));
        return { ok: true };
      } catch (refusal) {
        // A refusal is a RateLimiterRes; anything else is a fault (the insurance limiter failed too).
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        // By the limit's name only: the key is a person's subject or login.
        recordLimiterRefusal(options.name);
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)),
        };
      }
    },
  };
}

function hashed(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/**
 * The pool as rate-limiter-flexible uses it, minus its statement names. The library names its
 * statements, which PostgreSQL prepares once per connection; a pooler in transaction mode
 * (PgBouncer) hands one server connection to many clients, which then collide on those names
 * ("prepared statement already exists"). Unnamed statements work behind any pooler.
 */
function unnamedStatements(pool: pg.Pool) {
  return {
    query: ({ text, values }: { text: string; values?: unknown[] }) => pool.query(text, values),
  };
}
