/**
 * Bad configuration stops the server at start-up, not on a person's first
 * request: the built app, started as `npm start` starts it, exits non-zero
 * within seconds with a message that names the variable to fix — and never
 * repeats a value, since several of them are secrets. So does an app store it
 * cannot use: an unreachable database, or one whose schema is newer than the code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { freePort } from '../support/free-port';
import { startOwnServer } from '../support/own-server';

const SECRETS = {
  AUTH_SECRET: 'startup-test-auth-secret-0123456789abcdef',
  AUTHLETE_SERVICE_ACCESSTOKEN: 'startup-test-service-access-token',
  AUTH_OIDC_SECRET: 'startup-test-oidc-client-secret',
};

/** A complete Authlete-mode configuration; each test breaks one thing in it. */
const AUTHLETE_V3 = {
  ...SECRETS,
  // Nothing listens there: a server that got past start-up would fail only on a request.
  AUTHLETE_BASE_URL: 'http://localhost:9',
  AUTHLETE_SERVICE_APIKEY: '1001',
  AUTH_OIDC_ISSUER: 'http://localhost:9/oidc',
  AUTH_OIDC_ID: 'connected-apps',
};

const CASES: { name: string; change: Record<string, string>; message: RegExp }[] = [
  {
    name: 'an unknown AUTHLETE_API_VERSION',
    change: { AUTHLETE_API_VERSION: 'v9' },
    message: /AUTHLETE_API_VERSION: must be V2 or V3/,
  },
  {
    name: 'the Authlete backend without an OpenID Provider',
    change: { AUTH_OIDC_ISSUER: '', AUTH_OIDC_ID: '', AUTH_OIDC_SECRET: '' },
    message: /AUTH_OIDC_ISSUER: required with AUTHLETE_BASE_URL/,
  },
  {
    name: 'a v3 service ID that is not a number',
    change: { AUTHLETE_SERVICE_APIKEY: 'my-service' },
    message: /AUTHLETE_SERVICE_APIKEY: must be the numeric service ID/,
  },
];

for (const { name, change, message } of CASES) {
  test(`${name} stops the server at start with a message naming it, and no secret`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-startup-'));
    const server = startOwnServer(await freePort(), {
      ...AUTHLETE_V3,
      DATABASE_PATH: path.join(dir, 'app.sqlite'),
      ...change,
    });
    try {
      // `next start` itself is up in well under a second; the check runs as it starts.
      await expect.poll(server.exitCode, { timeout: 15_000 }).not.toBeNull();
      expect(server.exitCode()).not.toBe(0);
      expect(server.output()).toMatch(message);
      for (const secret of Object.values(SECRETS)) expect(server.output()).not.toContain(secret);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('`npm run dev` serves the demo on a machine where nothing is configured', async () => {
  // `next dev` compiles on first use: slow, but it is what a new contributor runs first.
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-dev-'));
  const server = startOwnServer(
    await freePort(),
    { DATABASE_PATH: path.join(dir, 'app.sqlite') },
    { script: 'dev.mjs', onlyEnv: true },
  );
  try {
    await server.ready();
    const signIn = await fetch(`${server.url}/sign-in`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain('alice');
    // The development secret it made for itself, beside the database and for its owner only.
    expect(fs.statSync(path.join(dir, 'auth-secret')).mode & 0o777).toBe(0o600);
    expect(server.exitCode()).toBeNull();
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.describe('the app store', () => {
  const EMBEDDED = { AUTH_SECRET: SECRETS.AUTH_SECRET };

  test('an unreachable DATABASE_URL stops the server at start, naming it, without its password', async () => {
    const password = 'startup-test-database-password';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-startup-'));
    // Nothing listens on that port: a server that got past start-up would fail only on a request.
    const url = `postgres://connected:${password}@localhost:${await freePort()}/connected_apps`;
    const server = startOwnServer(await freePort(), {
      ...EMBEDDED,
      DATABASE_PATH: path.join(dir, 'app.sqlite'),
      DATABASE_URL: url,
    });
    try {
      await expect.poll(server.exitCode, { timeout: 20_000 }).not.toBeNull();
      expect(server.exitCode()).not.toBe(0);
      expect(server.output()).toMatch(
        /DATABASE_URL: cannot use PostgreSQL at localhost:\d+, database connected_apps \(ECONNREFUSED/,
      );
      expect(server.output()).not.toContain(password);
      expect(server.output()).not.toContain(SECRETS.AUTH_SECRET);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a schema newer than the code stops the server at start, naming the migration', async () => {
    // Three server starts in one test: more than the default 30 s on a busy machine.
    test.setTimeout(90_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-startup-'));
    const env = { ...EMBEDDED, DATABASE_PATH: path.join(dir, 'app.sqlite') };
    try {
      // A first start creates the store's schema; a second on the same file is fine.
      for (let start = 0; start < 2; start++) {
        const server = startOwnServer(await freePort(), env);
        try {
          await server.ready();
          expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
        } finally {
          await server.stop();
        }
      }
      // Then a newer version of the app migrates the file further than this one knows.
      const db = new Database(env.DATABASE_PATH);
      db.prepare('insert into app_migration (name, timestamp) values (?, ?)').run(
        '9999-from-a-newer-version',
        new Date().toISOString(),
      );
      db.close();

      const older = startOwnServer(await freePort(), env);
      try {
        await expect.poll(older.exitCode, { timeout: 20_000 }).not.toBeNull();
        expect(older.exitCode()).not.toBe(0);
        expect(older.output()).toMatch(
          /DATABASE_PATH: the app store's schema is newer than this version of the app \(the database has migration 9999-from-a-newer-version/,
        );
      } finally {
        await older.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('/api/ready turns 503 when the app store cannot answer, with the reason in the log only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-startup-'));
    const file = path.join(dir, 'app.sqlite');
    const server = startOwnServer(await freePort(), { ...EMBEDDED, DATABASE_PATH: file });
    try {
      await server.ready();
      expect((await fetch(`${server.url}/api/ready`)).status).toBe(200);
      // The store loses its schema under the running server (a restore gone wrong).
      const db = new Database(file);
      db.exec('drop table app_migration');
      db.close();
      // Within one readiness interval (READY_CHECK_SECONDS, 5 by default) the next check sees it.
      await expect
        .poll(async () => (await fetch(`${server.url}/api/ready`)).status, { timeout: 20_000 })
        .toBe(503);
      const ready = await fetch(`${server.url}/api/ready`);
      expect(await ready.json()).toEqual({ status: 'unavailable' });
      await expect.poll(server.output).toMatch(/"msg":"ready.database_unreachable"/);
      expect(server.output()).toMatch(/DATABASE_PATH: cannot use the SQLite file .*no such table/);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
