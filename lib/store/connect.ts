/**
 * Opens the app store's database: a Kysely instance over better-sqlite3 or a
 * pg pool, plus the raw client rate-limiter-flexible needs (it speaks to the
 * driver, not to Kysely). Opening does not query; the first query (migrations,
 * at start) is what finds an unreachable database.
 */
import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { StoreStartError, describeError, describeTarget } from './errors';
import type { StoreSchema } from './schema';
import type { Dialect, StoreTarget } from './target';

export type LimiterClient =
  { kind: 'sqlite'; database: Database.Database } | { kind: 'postgres'; pool: pg.Pool };

export type StoreConnection = {
  dialect: Dialect;
  target: StoreTarget;
  db: Kysely<StoreSchema>;
  limiterClient: LimiterClient;
  close: () => Promise<void>;
};

const INT8_OID = 20;

/** How long a SQLite statement waits for another connection's write lock (synchronously). */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

export type ConnectOptions = {
  /** PostgreSQL pool size (default 10) */
  poolSize?: number;
  /** called when an idle PostgreSQL connection fails (the pool replaces it) */
  onIdleError?: (error: Error) => void;
};

export function connectStore(target: StoreTarget, options: ConnectOptions = {}): StoreConnection {
  return target.kind === 'sqlite' ? connectSqlite(target) : connectPostgres(target, options);
}

function connectSqlite(target: Extract<StoreTarget, { kind: 'sqlite' }>): StoreConnection {
  let database: Database.Database;
  try {
    fs.mkdirSync(path.dirname(target.path), { recursive: true });
    database = new Database(target.path);
    database.pragma('journal_mode = WAL');
    // Other processes (a second instance, the embedded backend's handle) write the same file.
    database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    database.pragma('foreign_keys = ON');
  } catch (error) {
    throw new StoreStartError(
      `DATABASE_PATH: cannot open ${describeTarget(target)} (${describeError(error)})`,
    );
  }
  // The limiter shares this connection. That is safe because no store call holds a transaction
  // open across an await (each is one statement): the limiter's synchronous writes can never
  // land inside someone else's transaction, nor wait on a lock this process holds.
  const db = new Kysely<StoreSchema>({ dialect: new SqliteDialect({ database }) });
  return {
    dialect: 'sqlite',
    target,
    db,
    limiterClient: { kind: 'sqlite', database },
    close: () => db.destroy(),
  };
}

function connectPostgres(
  target: Extract<StoreTarget, { kind: 'postgres' }>,
  { poolSize = 10, onIdleError }: ConnectOptions,
): StoreConnection {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: poolSize,
    // An unreachable server fails the start-up (and /api/ready) within seconds, not minutes.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // Times are bigint milliseconds; pg returns int8 as a string unless told, and they fit a double.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? Number
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that drops (a server restart) emits 'error' on the pool; unhandled, it
  // would end the process. The pool opens a new one on the next query.
  pool.on('error', (error) => onIdleError?.(error));
  const db = new Kysely<StoreSchema>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    target,
    db,
    limiterClient: { kind: 'postgres', pool },
    // Kysely's destroy ends the pool.
    close: () => db.destroy(),
  };
}
