/**
 * Two built app processes on one app store, as behind a load balancer: both
 * started as `npm start` starts them (own-server.ts), in Authlete mode, over
 * one Authlete test server and one OpenID Provider, sharing AUTH_SECRET, the
 * signing key and the store — a PostgreSQL database of the run's own where a
 * server answers (always in CI), else one SQLite file. A receiver started here
 * takes their RFC 8935 pushes.
 *
 * A person's change on one instance shows in the other's history; the
 * receiver gets exactly one SET per change, verifying against the published
 * keys with the right type, event, subject, aud and jti; while the receiver is
 * down, changes are confirmed at once and each event arrives once it is back;
 * and the write limit counts both instances' writes together.
 *
 * TWO_INSTANCES_STORE=sqlite picks the SQLite file even where a server answers, to try that path.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import pg from 'pg';
import { openDatabase, type Db } from '../../lib/embedded/database';
import { ensureScopeCatalogue } from '../../lib/embedded/seed';
import { SESSION_REVOKED, TOKEN_CLAIMS_CHANGE } from '../../lib/events/caep';
import { signInAtProvider } from '../support/authlete-mode-page';
import { startAuthleteTestServer } from '../support/authlete-server';
import {
  AUTHLETE_MODE,
  E2E_AUTH_SECRET,
  E2E_DATABASE_PASSWORD,
  E2E_PUSH,
} from '../support/e2e-env';
import { freePort } from '../support/free-port';
import { startTestOpenIdProvider } from '../support/oidc-provider';
import { startOwnServer, type OwnServer } from '../support/own-server';
import { SERVER_LOG_DIR } from '../support/recording';
import { removeAccess } from '../support/remove-access';
import { startTestPostgresOnServer, type TestPostgres } from '../support/test-postgres';
import { createWorld, type TestApp, type TestUser, type World } from '../support/world';

const SERVICE_ID = '4242424242';
// Secrets the secret scan knows (tests/e2e/secrets/), since it reads these instances' logs too.
const SERVICE_TOKEN = AUTHLETE_MODE.serviceAccessToken;
const OIDC_CLIENT = { id: 'connected-apps-two-instances', secret: AUTHLETE_MODE.oidcClientSecret };
/** The public URL both instances answer for (the load balancer's): the SETs' `iss`. */
const PUBLIC_URL = 'https://apps.instances.example';
const AUDIENCE = 'https://receiver.instances.example';
const PUSH_AUTHORIZATION = E2E_PUSH.authorization;
const WRITE_LIMIT = 3;
/** How long a push waits for the receiver's answer; a change is confirmed well within it. */
const PUSH_TIMEOUT_MS = 6_000;
const CONFIRMED_WITHIN_MS = 4_000;
/** lib/store/schema.ts's OUTBOX_TABLE (that module is server-only, so not importable here). */
const OUTBOX_TABLE = 'app_event_outbox';

type Received = { token: string; type: string | undefined; authorization: string | undefined };

/**
 * An RFC 8935 push endpoint that accepts every SET, and can go down the worst way for a sender:
 * taking connections but never answering, so every push waits out its timeout (a transmitter
 * that made the person wait on it would show it). Back up, it answers again.
 */
async function startReceiver() {
  const received: Received[] = [];
  let hung = false;
  const unanswered = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    if (hung) {
      unanswered.add(response);
      response.on('close', () => unanswered.delete(response));
      return;
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({
        token: body,
        type: request.headers['content-type'],
        authorization: request.headers.authorization,
      });
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/events`,
    received,
    down: () => void (hung = true),
    up() {
      hung = false;
      // What was held unanswered was never accepted: the sender retries it.
      for (const response of unanswered) response.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** What the instances share as their app store, and how the test reads its outbox. */
type SharedStore = {
  label: string;
  env: (instance: string) => Record<string, string>;
  /** outbox rows not yet settled for good (held for a change in progress, or waiting to be sent) */
  unsent: () => Promise<number>;
  stop: () => Promise<void>;
};

async function sharedStore(dir: string): Promise<SharedStore> {
  const server =
    process.env.TWO_INSTANCES_STORE === 'sqlite' ? null : await startTestPostgresOnServer();
  if (server) return postgresStore(server, dir);
  const file = path.join(dir, 'shared-app-store.sqlite');
  return {
    label: 'one SQLite file',
    // Blank, not inherited: a DATABASE_URL in the test's own environment would win over the file.
    env: () => ({ DATABASE_PATH: file, DATABASE_URL: '' }),
    async unsent() {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const row = db
          .prepare(`SELECT count(*) AS n FROM ${OUTBOX_TABLE} WHERE status IN ('held', 'pending')`)
          .get() as { n: number };
        return row.n;
      } finally {
        db.close();
      }
    },
    stop: async () => {},
  };
}

function postgresStore(server: TestPostgres, dir: string): SharedStore {
  // The password the secret scan looks for in the instances' logs (trust authentication ignores it).
  const url = new URL(server.url);
  url.password = E2E_DATABASE_PASSWORD;
  return {
    label: 'one PostgreSQL database',
    // The SQLite file is each instance's own; it holds nothing the app keeps with DATABASE_URL.
    env: (instance) => ({
      DATABASE_URL: url.toString(),
      DATABASE_PATH: path.join(dir, `${instance}.sqlite`),
    }),
    async unsent() {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const result = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${OUTBOX_TABLE} WHERE status IN ('held', 'pending')`,
        );
        return Number(result.rows[0]!.n);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}

/** The `jti`s the instances logged a failed push of (events.retry), over both instances. */
function retriedJtis(instances: OwnServer[]): Set<string> {
  const jtis = new Set<string>();
  for (const instance of instances)
    for (const line of instance.output().split('\n')) {
      // The last line may be still half-written.
      if (!line.startsWith('{') || !line.endsWith('}')) continue;
      const entry = JSON.parse(line) as { msg?: string; jti?: string };
      if (entry.msg === 'events.retry' && entry.jti) jtis.add(entry.jti);
    }
  return jtis;
}

/** Removes `app`'s access from the apps page of the instance at `appUrl`; resolves once the person sees it confirmed. */
async function removeAccessAt(page: Page, appUrl: string, app: TestApp) {
  await page.goto(`${appUrl}/apps`);
  // "At once": well within the push timeout of a receiver that never answers.
  await removeAccess(page, app, { timeout: CONFIRMED_WITHIN_MS });
}

test('two instances on one store: shared history, one verified SET per change, none lost while the receiver is down, one write limit', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-two-instances-'));
  const authleteDb: Db = openDatabase(path.join(dir, 'authlete.sqlite'));
  ensureScopeCatalogue(authleteDb);
  const world: World = createWorld(authleteDb);
  const [portA, portB, oidcPort] = [await freePort(), await freePort(), await freePort()];
  const urlA = `http://localhost:${portA}`;
  const urlB = `http://localhost:${portB}`;
  const store = await sharedStore(dir);
  const authlete = await startAuthleteTestServer({
    db: authleteDb,
    version: 'V3',
    serviceApiKey: SERVICE_ID,
    serviceAccessToken: SERVICE_TOKEN,
  });
  // People sign in through instance A only: the session cookie is the host's (localhost), not the
  // port's, so the browser brings it to B as it would to any instance behind one public name.
  const oidc = await startTestOpenIdProvider({
    db: authleteDb,
    port: oidcPort,
    clientId: OIDC_CLIENT.id,
    clientSecret: OIDC_CLIENT.secret,
    redirectUri: `${urlA}/api/auth/callback/oidc`,
    postLogoutRedirectUri: `${urlA}/signed-out`,
  });
  const receiver = await startReceiver();
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signingKey = JSON.stringify({
    ...privateKey.export({ format: 'jwk' }),
    kid: 'two-instances-key',
    alg: 'ES256',
  });
  const start = (name: string, port: number, url: string) =>
    startOwnServer(port, {
      ...store.env(name),
      AUTH_URL: url,
      AUTH_SECRET: E2E_AUTH_SECRET,
      AUTHLETE_BASE_URL: authlete.url,
      AUTHLETE_API_VERSION: 'V3',
      AUTHLETE_SERVICE_APIKEY: SERVICE_ID,
      AUTHLETE_SERVICE_ACCESSTOKEN: SERVICE_TOKEN,
      AUTHLETE_TIMEOUT_MS: '2000',
      AUTH_OIDC_ISSUER: oidc.issuer,
      AUTH_OIDC_ID: OIDC_CLIENT.id,
      AUTH_OIDC_SECRET: OIDC_CLIENT.secret,
      WRITE_LIMIT_PER_MINUTE: String(WRITE_LIMIT),
      SSF_SIGNING_KEY: signingKey,
      SSF_ISSUER: PUBLIC_URL,
      SSF_AUDIENCE: AUDIENCE,
      SSF_PUSH_ENDPOINT: receiver.url,
      SSF_PUSH_AUTHORIZATION: PUSH_AUTHORIZATION,
      // Longer than removeAccessAt gives a change to be confirmed: a change that waited on the
      // receiver that never answers would miss that.
      SSF_PUSH_TIMEOUT_MS: String(PUSH_TIMEOUT_MS),
    });
  const instanceA = start('instance-a', portA, urlA);
  const instanceB = start('instance-b', portB, urlB);
  const instances = [instanceA, instanceB];
  // One browser context per person: their sessions must not mix.
  const contexts: BrowserContext[] = [];
  const newPage = async () => {
    const context = await browser.newContext();
    contexts.push(context);
    return context.newPage();
  };
  test.info().annotations.push({ type: 'app store', description: store.label });

  try {
    await Promise.all(instances.map((instance) => instance.ready()));

    // --- A change on A shows in B's history; the receiver gets its SET. ---
    const person = world.createPerson('Sharer');
    const photos = world.createApp({ name: `Photo Printer ${world.tag}` });
    const notes = world.createApp({ name: `Notes ${world.tag}` });
    const calendar = world.createApp({ name: `Calendar ${world.tag}` });
    world.grant(person, photos, ['openid', 'profile', 'photos.read'], 3);
    world.grant(person, notes, ['openid'], 2);
    world.grant(person, calendar, ['openid'], 1);
    const page = await newPage();
    await signInAtProvider(page, person, { appUrl: urlA, oidcIssuer: oidc.issuer });

    const card = page.getByRole('article', { name: photos.name });
    await card.getByRole('checkbox', { name: /View your photos/ }).uncheck();
    await card.getByRole('button', { name: 'Review changes' }).click();
    await card.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await expect.poll(() => receiver.received.length).toBe(1);

    await page.goto(`${urlB}/apps/history`);
    await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(
      `Removed permissions from ${photos.name}`,
    );

    // --- Receiver down: changes on either instance are confirmed at once, then delivered once it is back. ---
    receiver.down();
    await removeAccessAt(page, urlA, notes);
    await removeAccessAt(page, urlB, calendar);
    // Both events were tried and timed out while it was down (whichever instance claimed them).
    await expect
      .poll(() => retriedJtis(instances).size, { timeout: PUSH_TIMEOUT_MS + 10_000 })
      .toBe(2);
    expect(receiver.received).toHaveLength(1);
    receiver.up();
    // Retried after the backoff (lib/delivery/backoff.ts: about 5 s) and the next poll.
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(3);

    await page.goto(`${urlA}/apps/history`);
    await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(
      `Removed the access of ${calendar.name}`,
    );

    // --- One write limit over both instances: WRITE_LIMIT writes in all, not per instance. ---
    const hurried = world.createPerson('Hurried');
    const hurriedApps = Array.from({ length: WRITE_LIMIT + 1 }, (_, i) =>
      world.createApp({ name: `Hurried App ${world.tag}-${i}` }),
    );
    hurriedApps.forEach((app, i) => world.grant(hurried, app, ['openid'], i + 1));
    const hurriedPage = await newPage();
    await signInAtProvider(hurriedPage, hurried, { appUrl: urlA, oidcIssuer: oidc.issuer });
    for (const [i, app] of hurriedApps.slice(0, WRITE_LIMIT).entries())
      await removeAccessAt(hurriedPage, i % 2 === 0 ? urlA : urlB, app);
    // One past the limit, on the instance that has counted fewer of this person's writes itself.
    const overLimit = hurriedApps[WRITE_LIMIT]!;
    await hurriedPage.goto(`${urlB}/apps`);
    const overLimitCard = hurriedPage.getByRole('article', { name: overLimit.name });
    await overLimitCard.getByRole('button', { name: 'Remove access' }).click();
    await hurriedPage
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Remove access' })
      .click();
    await expect(overLimitCard.getByRole('alert')).toContainText(
      "You're making changes too quickly",
    );
    expect(world.tokensOf(hurried, overLimit)).toHaveLength(1);

    // --- Exactly one SET per change, once nothing is left to send. ---
    const changes = 3 + WRITE_LIMIT;
    await expect.poll(() => store.unsent(), { timeout: 30_000 }).toBe(0);
    expect(receiver.received).toHaveLength(changes);

    const jwks = (await (await fetch(`${urlA}/api/ssf/jwks`)).json()) as JSONWebKeySet;
    expect(await (await fetch(`${urlB}/api/ssf/jwks`)).json()).toEqual(jwks);
    const keys = createLocalJWKSet(jwks);
    const verified = await Promise.all(
      receiver.received.map(async ({ token, type, authorization }) => {
        expect(type).toBe('application/secevent+jwt');
        expect(authorization).toBe(PUSH_AUTHORIZATION);
        expect(decodeProtectedHeader(token).kid).toBe('two-instances-key');
        const { payload } = await jwtVerify(token, keys, {
          typ: 'secevent+jwt',
          issuer: PUBLIC_URL,
          audience: AUDIENCE,
        });
        return payload;
      }),
    );
    const jtis = verified.map((payload) => payload.jti);
    expect(new Set(jtis).size).toBe(changes);
    for (const payload of verified) {
      expect(payload.jti).toEqual(expect.any(String));
      expect(payload).not.toHaveProperty('sub');
      expect(payload).not.toHaveProperty('exp');
    }
    const byApp = new Map(
      verified.map((payload) => [
        (payload.sub_id as { application: { id: string } }).application.id,
        payload,
      ]),
    );
    const subjectOf = (user: TestUser, app: TestApp) => ({
      format: 'complex',
      // The people's subjects are the OpenID Provider's (AUTH_OIDC_ISSUER).
      user: { format: 'iss_sub', iss: oidc.issuer, sub: user.subject },
      application: { format: 'opaque', id: app.clientId },
    });
    expect(byApp.get(photos.clientId)).toMatchObject({
      sub_id: subjectOf(person, photos),
      events: { [TOKEN_CLAIMS_CHANGE]: { claims: { scope: 'openid profile' } } },
    });
    for (const [user, app] of [
      [person, notes],
      [person, calendar],
      ...hurriedApps.slice(0, WRITE_LIMIT).map((app) => [hurried, app] as const),
    ] as const) {
      const payload = byApp.get(app.clientId);
      expect(payload?.sub_id, app.name).toEqual(subjectOf(user, app));
      expect(Object.keys(payload!.events as object)).toEqual([SESSION_REVOKED]);
    }
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
    await Promise.all(instances.map((instance) => instance.stop()));
    // The secret scan (tests/e2e/secrets/) reads these logs with the e2e servers' own.
    fs.mkdirSync(SERVER_LOG_DIR, { recursive: true });
    fs.writeFileSync(path.join(SERVER_LOG_DIR, 'two-instances-a.log'), instanceA.output());
    fs.writeFileSync(path.join(SERVER_LOG_DIR, 'two-instances-b.log'), instanceB.output());
    await receiver.close();
    await Promise.all([authlete.close(), oidc.close()]);
    authleteDb.close();
    await store.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
