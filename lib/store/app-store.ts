/**
 * The app's own database, put together: history, the event outbox and the
 * limits over one connection (SQLite file or PostgreSQL pool). It keeps
 * nothing else about a person. Reads no environment: lib/store/index.ts
 * builds the process's store from the configuration.
 */
import 'server-only';
import { sql } from 'kysely';
import { connectStore, type ConnectOptions } from './connect';
import { unreachable } from './errors';
import { createHistory, type HistoryStore } from './history';
import { createLimiter, type LimitOptions, type Limiter } from './limiter';
import { migrateStore, type MigrationReport } from './migrate';
import { createOutbox, type OutboxStore } from './outbox';
import { MIGRATION_TABLE } from './schema';
import type { Dialect, StoreTarget } from './target';

export type AppStore = {
  dialect: Dialect;
  history: HistoryStore;
  outbox: OutboxStore;
  /** A limit counted in this database, shared with every instance that uses it. */
  limiter: (options: LimitOptions) => Limiter;
  /** Applies pending migrations; throws StoreStartError (unreachable, or a newer schema). */
  migrate: () => Promise<MigrationReport>;
  /** One cheap query, for readiness; throws StoreStartError naming the variable when it fails. */
  check: () => Promise<void>;
  close: () => Promise<void>;
};

export function createAppStore(target: StoreTarget, options: ConnectOptions = {}): AppStore {
  const connection = connectStore(target, options);
  const { db } = connection;
  return {
    dialect: connection.dialect,
    history: createHistory(db),
    outbox: createOutbox(db, connection.dialect),
    limiter: (limit) => createLimiter(connection.limiterClient, limit),
    migrate: () => migrateStore(connection),
    async check() {
      try {
        // Reads one of our own tables, so a database that lost the schema is not "ready" either.
        await sql`select name from ${sql.table(MIGRATION_TABLE)} limit 1`.execute(db);
      } catch (error) {
        throw unreachable(target, error);
      }
    },
    close: connection.close,
  };
}
