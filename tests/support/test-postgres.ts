/**
 * A PostgreSQL database of the test run's own. Where a server answers — the
 * one at 127.0.0.1:5432 that the project's machines and CI run, or
 * PG_TEST_URL (a URL whose user may create databases) — a database with a
 * unique name is created there and dropped at the end. Where none answers, an
 * in-process PostgreSQL (PGlite behind its socket server) stands in, so the
 * suite runs everywhere and is never skipped. STORE_TEST_PGLITE=1 picks PGlite
 * even where a server answers, to try that path.
 *
 * PGlite is one PostgreSQL session: its socket server lets several
 * connections in but runs their statements one at a time, so it proves the
 * SQL, not behaviour under real concurrency (the server run does that).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type TestPostgres = {
  /** a URL of the run's database (with a password in it: trust authentication ignores it) */
  url: string;
  kind: 'server' | 'pglite';
  stop: () => Promise<void>;
};

// `postgres` is there in every cluster, a fresh Debian install's included.
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The password the test URLs carry, so tests can check that no message repeats it. */
export const TEST_DATABASE_PASSWORD = 'store-test-password-never-printed';

export async function startTestPostgres(): Promise<TestPostgres> {
  if (process.env.STORE_TEST_PGLITE !== '1') {
    const onServer = await startTestPostgresOnServer();
    if (onServer) return onServer;
  }
  return startPglite();
}

/**
 * A database of the run's own on a real PostgreSQL server, or null where none answers: for
 * tests of several processes, which PGlite (one in-process session) cannot stand in for.
 */
export async function startTestPostgresOnServer(): Promise<TestPostgres | null> {
  const adminUrl = process.env.PG_TEST_URL ?? DEFAULT_ADMIN_URL;
  if (await answers(adminUrl)) return createDatabase(adminUrl);
  if (process.env.PG_TEST_URL) throw new Error('PG_TEST_URL is set but its server does not answer');
  return null;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function createDatabase(adminUrl: string): Promise<TestPostgres> {
  const name = `connected_apps_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  url.password = TEST_DATABASE_PASSWORD;
  if (!url.username) url.username = 'postgres';
  return {
    url: url.toString(),
    kind: 'server',
    async stop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

async function startPglite(): Promise<TestPostgres> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  let port = 0;
  server.addEventListener('listening', (event) => {
    port = (event as CustomEvent<{ port: number }>).detail.port;
  });
  await server.start();
  return {
    url: `postgres://postgres:${TEST_DATABASE_PASSWORD}@127.0.0.1:${port}/postgres`,
    kind: 'pglite',
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
