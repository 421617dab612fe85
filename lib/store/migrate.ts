/**
 * Brings the app store's schema up to date at start-up, once, however many
 * instances start at the same moment, and refuses a database whose schema is
 * newer than this code (a migration recorded there that this code does not
 * know: a newer version ran against it, and this one would misread its data).
 *
 * Exclusion between instances: on PostgreSQL, Kysely's Migrator holds a
 * transaction-scoped advisory lock while it migrates. On SQLite its lock is a
 * no-op (it assumes one process), so the whole run happens inside one
 * `BEGIN IMMEDIATE` transaction, which takes the file's write lock: a second
 * instance waits for it, then finds nothing to do. It waits by retrying, not
 * with SQLite's busy timeout, which would block this thread — and with it a
 * transaction of this same process that holds the lock (two stores in one
 * process, as the tests run them).
 */
import 'server-only';
import { Migrator, sql } from 'kysely';
import { SQLITE_BUSY_TIMEOUT_MS, type StoreConnection } from './connect';
import { StoreStartError, unreachable, variableOf } from './errors';
import { KNOWN_MIGRATIONS, migrationProvider, type AnyDb } from './migrations';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from './schema';
import type { StoreTarget } from './target';

export type MigrationReport = {
  /** the migrations this run applied (none when another instance, or an earlier start, did) */
  applied: string[];
};

/** Applies the migrations not yet applied. Throws StoreStartError with an operator's message. */
export async function migrateStore(connection: StoreConnection): Promise<MigrationReport> {
  const { db, dialect, target } = connection;
  try {
    if (dialect === 'postgres') return await runMigrator(db, target);
    return await db.connection().execute(async (pinned) => {
      await beginImmediate(pinned);
      try {
        const report = await runMigrator(pinned, target);
        await sql`COMMIT`.execute(pinned);
        return report;
      } catch (error) {
        await sql`ROLLBACK`.execute(pinned);
        throw error;
      }
    });
  } catch (error) {
    if (error instanceof StoreStartError) throw error;
    throw unreachable(target, error);
  }
}

const LOCK_WAIT_MS = 30_000;
const LOCK_RETRY_MS = 25;

/** Takes SQLite's write lock for a transaction, waiting for another instance's migration to end. */
async function beginImmediate(pinned: AnyDb): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  await sql`PRAGMA busy_timeout = 0`.execute(pinned);
  try {
    for (;;) {
      try {
        await sql`BEGIN IMMEDIATE`.execute(pinned);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline)
          throw error;
        await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
      }
    }
  } finally {
    await sql.raw(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`).execute(pinned);
  }
}

async function runMigrator(db: AnyDb, target: StoreTarget): Promise<MigrationReport> {
  const unknown = await unknownMigrations(db);
  if (unknown.length > 0) throw newerSchema(target, unknown);
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    // A newer instance may have migrated between the check above and the Migrator's lock.
    const missing = /previously executed migration (\S+) is missing/.exec(String(error));
    if (missing) throw newerSchema(target, [missing[1]!]);
    throw error;
  }
  return {
    applied: results.filter((result) => result.status === 'Success').map((r) => r.migrationName),
  };
}

/** Migrations recorded in the database that this code does not have. */
async function unknownMigrations(db: AnyDb): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === MIGRATION_TABLE)) return [];
  const recorded = await sql<{
    name: string;
  }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
  return recorded.rows.map((row) => row.name).filter((name) => !KNOWN_MIGRATIONS.includes(name));
}

function newerSchema(target: StoreTarget, unknown: string[]): StoreStartError {
  return new StoreStartError(
    `${variableOf(target)}: the app store's schema is newer than this version of the app ` +
      `(the database has migration ${unknown.join(', ')}, which this code does not know). ` +
      'Run the newer version, or point this one at a database of its own.',
  );
}
