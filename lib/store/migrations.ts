/**
 * Every change to the app store's schema, in order, in code: Kysely's
 * Migrator gets them from an in-code provider rather than by scanning a
 * folder, which a bundled server (Next's output) would not have. Names sort in
 * the order they run. A migration describes the schema as it was when it was
 * written, so it repeats its names and values instead of importing them, and
 * it is never edited once released: add the next one instead.
 */
import 'server-only';
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const values = (list: readonly string[]) => sql.join(list.map((value) => sql.lit(value)));

// A migration runs against the schema as it was, not as schema.ts describes it now (Kysely's advice).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;

const migrations: Record<string, Migration> = {
  '0001-history-outbox-limits': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('app_history')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('subject', 'text', (col) => col.notNull())
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('detail', 'text', (col) => col.notNull())
        .addColumn('outcome', 'text', (col) => col.notNull())
        .addColumn('results', 'text')
        .addColumn('user_agent', 'text', (col) => col.notNull())
        .addColumn('txn', 'text', (col) => col.notNull())
        .addColumn('settled_at', 'bigint')
        .addCheckConstraint(
          'app_history_outcome',
          sql`outcome in (${values(['pending', 'done', 'partial', 'failed'])})`,
        )
        .execute();
      // A person's page of history, newest first.
      await db.schema
        .createIndex('app_history_by_subject')
        .on('app_history')
        .columns(['subject', 'created_at'])
        .execute();
      // Retention deletes by age.
      await db.schema
        .createIndex('app_history_by_age')
        .on('app_history')
        .column('created_at')
        .execute();
      // The crash sweep looks for the few entries still pending.
      await db.schema
        .createIndex('app_history_pending')
        .on('app_history')
        .column('created_at')
        .where(sql.ref('outcome'), '=', 'pending')
        .execute();

      await db.schema
        .createTable('app_event_outbox')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('jti', 'text', (col) => col.notNull().unique())
        .addColumn('txn', 'text', (col) => col.notNull())
        .addColumn('history_id', 'text', (col) =>
          // Retention deletes a history entry's events with it.
          col.notNull().references('app_history.id').onDelete('cascade'),
        )
        .addColumn('event', 'text', (col) => col.notNull())
        .addColumn('status', 'text', (col) => col.notNull())
        .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (col) => col.notNull())
        .addColumn('lease_until', 'bigint')
        .addColumn('lease_owner', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (col) => col.notNull())
        .addColumn('delivered_at', 'bigint')
        .addCheckConstraint(
          'app_event_outbox_status',
          sql`status in (${values(['held', 'pending', 'delivered', 'failed'])})`,
        )
        .execute();
      // What a claim looks for: events to send that are due.
      await db.schema
        .createIndex('app_event_outbox_due')
        .on('app_event_outbox')
        .columns(['status', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('app_event_outbox_by_history')
        .on('app_event_outbox')
        .column('history_id')
        .execute();

      // rate-limiter-flexible's table, with the columns (and their order) its SQLite and
      // PostgreSQL stores expect. Created here so the library never issues DDL itself
      // (`tableCreated: true`).
      await db.schema
        .createTable('app_rate_limit')
        .addColumn('key', 'text', (col) => col.primaryKey())
        .addColumn('points', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('expire', 'bigint')
        .execute();
    },
  },
};

/** The migrations this code knows, by name. */
export const KNOWN_MIGRATIONS: readonly string[] = Object.keys(migrations).sort();

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
