/**
 * Runs after every other e2e test (project `secret-scan`): nothing secret may
 * appear in the client bundles, in any response body the app sent during the
 * run (to a browser page or to a test's own HTTP client), or in any line the
 * servers logged. The secrets are
 * the ones the run used: AUTH_SECRET, the Authlete service access token, the
 * OpenID client secret, the app store's database password (in the DATABASE_URL
 * of servers on PostgreSQL), and every client secret the (test) Authlete and the
 * embedded backend hold — which the Authlete test server sent the app in its
 * v3 /client/get answers — the telemetry secrets: METRICS_TOKEN and the
 * OTLP header the Authlete-mode app exports with (the Authlete-mode app's
 * exported spans and metrics are in the stack's log: its OTLP receiver prints
 * them, so they are scanned as well) — and the Shared Signals secrets: the
 * private members of the embedded server's event signing key (SSF_SIGNING_KEY,
 * generated beside its database) and the push authorization
 * (SSF_PUSH_AUTHORIZATION) — and every token hash either database still holds at the end
 * (the Authlete test server sends them in its token lists; the app must keep them to itself),
 * with the key grant IDs are made with. A grant's ID (an HMAC of its hash: lib/grants/grant-ids.ts)
 * is meant for the browser, so it is looked for in the server logs only: no log line names a grant.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openDatabase } from '../../../lib/embedded/database';
import { deriveGrantIdKey, grantIdOf } from '../../../lib/grants/grant-ids';
import {
  AUTHLETE_MODE,
  AUTHLETE_MODE_V2,
  AUTHLETE_STACKS,
  E2E_AUTH_SECRET,
  E2E_DATABASE_PASSWORD,
  E2E_DATABASE_PATH,
  E2E_METRICS_TOKEN,
  E2E_OTLP_HEADER_SECRET,
  E2E_PUSH,
} from '../../support/e2e-env';
import { RESPONSES_DIR, SERVER_LOG_DIR, findOccurrences, readAll } from '../../support/recording';

function clientSecrets(file: string): string[] {
  const db = openDatabase(file);
  try {
    return db.prepare<[], string>('SELECT client_secret FROM clients').pluck().all();
  } finally {
    db.close();
  }
}

/** The private members of the signing key the embedded e2e server generated and used. */
function signingKeySecrets(): string[] {
  const file = path.join(path.dirname(E2E_DATABASE_PATH), 'ssf-signing-key.json');
  const jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  return [jwk.d!, JSON.stringify(jwk)];
}

function tokenHashes(file: string): string[] {
  const db = openDatabase(file);
  try {
    return db
      .prepare<[], { a: string; r: string | null }>(
        'SELECT access_token_hash AS a, refresh_token_hash AS r FROM access_tokens',
      )
      .all()
      .flatMap((row) => (row.r ? [row.a, row.r] : [row.a]));
  } finally {
    db.close();
  }
}

const grantIdKey = deriveGrantIdKey(E2E_AUTH_SECRET);
const hashes = [...tokenHashes(E2E_DATABASE_PATH), ...tokenHashes(AUTHLETE_MODE.databasePath)];
const grantIds = hashes.map(grantIdOf(grantIdKey));

const secrets = [
  grantIdKey.toString('base64url'),
  grantIdKey.toString('hex'),
  ...hashes,
  E2E_PUSH.authorization,
  E2E_PUSH.authorization.replace(/^Bearer /, ''),
  ...signingKeySecrets(),
  E2E_AUTH_SECRET,
  AUTHLETE_MODE.serviceAccessToken,
  AUTHLETE_MODE_V2.serviceApiSecret,
  AUTHLETE_MODE_V2.serviceOwnerApiSecret,
  // The v2 app's Authorization headers as sent (key and secret, Base64-encoded).
  AUTHLETE_STACKS.V2.authorization.replace(/^Basic /, ''),
  AUTHLETE_STACKS.V2.ownerAuthorization!.replace(/^Basic /, ''),
  AUTHLETE_MODE.oidcClientSecret,
  E2E_DATABASE_PASSWORD,
  E2E_METRICS_TOKEN,
  E2E_OTLP_HEADER_SECRET,
  ...clientSecrets(E2E_DATABASE_PATH),
  ...clientSecrets(AUTHLETE_MODE.databasePath),
];

test('the scan finds a planted secret (so a clean result means something)', () => {
  const planted = secrets.at(-1)!;
  expect(findOccurrences([['planted.txt', `{"data":"${planted}"}`]], secrets)).toHaveLength(1);
});

test('no secret in any response body or server log line of the run', () => {
  const responses = readAll(RESPONSES_DIR);
  const logs = readAll(SERVER_LOG_DIR);
  // This run did record (earlier runs' recordings are gone): the journeys' pages and actions,
  // what the HTTP callers of the security suite were answered, and the servers' logs.
  expect(responses.length).toBeGreaterThan(20);
  const recordedSpecs = new Set(responses.map(([name]) => path.dirname(name)));
  for (const spec of ['revoke.spec.ts', 'security/access-control.spec.ts', 'security/fuzz.spec.ts'])
    expect(recordedSpecs, spec).toContain(spec);
  expect(logs.map(([name]) => name).sort()).toEqual([
    'authlete-app.log',
    'authlete-stack.log',
    'authlete-v2-app.log',
    'embedded-app.log',
    // the two app processes of two-instances.spec.ts (their DATABASE_URL carries E2E_DATABASE_PASSWORD)
    'two-instances-a.log',
    'two-instances-b.log',
  ]);
  // The Authlete-mode app exported spans during the run, and the receiver logged them.
  const stackLog = logs.find(([name]) => name === 'authlete-stack.log')![1];
  expect(stackLog).toMatch(/"event":"otlp.received","path":"\/v1\/traces"/);
  expect(secrets.length).toBeGreaterThan(20);
  expect(findOccurrences([...responses, ...logs], secrets)).toEqual([]);
});

test('no server log line names a grant', () => {
  const logs = readAll(SERVER_LOG_DIR).filter(([name]) => name.endsWith('-app.log'));
  expect(grantIds.length).toBeGreaterThan(0);
  expect(findOccurrences(logs, grantIds)).toEqual([]);
});

test('no secret, and no server-only code, in the client bundles', () => {
  const bundles = readAll(path.resolve(__dirname, '..', '..', '..', '.next', 'static'));
  expect(bundles.length).toBeGreaterThan(10);
  expect(findOccurrences(bundles, secrets)).toEqual([]);
  // Names only server modules use: if one shows up, server code (and what it reads) reached the browser.
  const serverOnly = [
    'AUTHLETE_SERVICE_ACCESSTOKEN',
    'AUTH_SECRET',
    'client_secret',
    'better-sqlite3',
    'scryptSync',
    // the app store: its configuration and one of its tables
    'DATABASE_URL',
    'app_event_outbox',
    // telemetry's configuration, read only on the server
    'METRICS_TOKEN',
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'SSF_SIGNING_KEY',
    'SSF_PUSH_AUTHORIZATION',
  ];
  expect(findOccurrences(bundles, serverOnly)).toEqual([]);
});
