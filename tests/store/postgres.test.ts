/**
 * The app store suite on PostgreSQL: a database of the run's own on the
 * server at 127.0.0.1:5432 (or PG_TEST_URL), or in-process PGlite where no
 * server answers (tests/support/test-postgres.ts). Never skipped.
 */
import pg from 'pg';
import { describe } from 'vitest';
import type { StoreTarget } from '@/lib/store/target';
import { freePort } from '../support/free-port';
import { TEST_DATABASE_PASSWORD, startTestPostgres } from '../support/test-postgres';
import { appStoreContract } from './app-store-contract';

const APP_TABLES = [
  'app_event_outbox',
  'app_history',
  'app_rate_limit',
  'app_migration',
  'app_migration_lock',
];

async function onDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const urlOf = (target: StoreTarget) => {
  if (target.kind !== 'postgres') throw new Error('a PostgreSQL target');
  return target.url;
};

describe('app store on PostgreSQL', () => {
  appStoreContract(async () => {
    const postgres = await startTestPostgres();
    console.info(
      `store suite: PostgreSQL on ${postgres.kind === 'pglite' ? 'PGlite (in-process)' : 'the server'}`,
    );
    const target: StoreTarget = { kind: 'postgres', url: postgres.url };
    return {
      label: postgres.kind === 'pglite' ? 'PGlite' : 'PostgreSQL server',
      // One database for the run; each test starts from no app tables at all.
      emptyDatabase: async () => {
        await onDatabase(postgres.url, (client) =>
          client.query(`drop table if exists ${APP_TABLES.join(', ')} cascade`),
        );
        return target;
      },
      query: (on, statement) =>
        onDatabase(urlOf(on), async (client) => (await client.query(statement)).rows),
      unreachable: async () => ({
        target: {
          kind: 'postgres',
          url: `postgres://app:${TEST_DATABASE_PASSWORD}@127.0.0.1:${await freePort()}/connected_apps`,
        },
        secret: TEST_DATABASE_PASSWORD,
        variable: 'DATABASE_URL',
      }),
      concurrent: postgres.kind === 'server',
      stop: postgres.stop,
    };
  });
});
