/**
 * The Authlete wire test server speaks Authlete's format closely enough to
 * stand in for it: every method/path variant, both auth schemes, JSON and
 * form bodies, int64 client IDs as bare numbers, secrets where Authlete sends
 * them, errors as `{resultCode, resultMessage}`, and its control API.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/lib/embedded/database';
import {
  startAuthleteTestServer,
  type ApiVersion,
  type AuthleteTestServer,
  type RecordedRequest,
} from '../support/authlete-server';
import { freshDatabase } from '../support/memory-db';
import { createWorld, type World } from '../support/world';

const KEY = '5500000001';
const SECRET = 'service-secret';
const TOKEN = 'service-token';
const OWNER_KEY = '55';
const OWNER_SECRET = 'owner-secret';
const BIG_ID = '9223372036854775807';

let server: AuthleteTestServer;
let db: Db;
let world: World;

afterEach(async () => {
  await server?.close();
  db?.close();
});

async function start(
  version: ApiVersion,
  database: Db = freshDatabase(),
  extra: { latencyMs?: number } = {},
) {
  db = database;
  world = createWorld(db);
  server = await startAuthleteTestServer({
    db,
    version,
    serviceApiKey: KEY,
    serviceApiSecret: SECRET,
    serviceAccessToken: TOKEN,
    serviceOwnerApiKey: OWNER_KEY,
    serviceOwnerApiSecret: OWNER_SECRET,
    ...extra,
  });
  return server;
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A raw call with the right credentials for the server's generation. */
async function call(
  version: ApiVersion,
  method: string,
  apiPath: string,
  body?: { json?: unknown; form?: string },
  authorization = version === 'V2' ? basic(KEY, SECRET) : `Bearer ${TOKEN}`,
) {
  const prefix = version === 'V2' ? '/api' : `/api/${KEY}`;
  const headers: Record<string, string> = { Authorization: authorization };
  if (body?.json !== undefined) headers['Content-Type'] = 'application/json';
  if (body?.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(`${server.url}${prefix}${apiPath}`, {
    method,
    headers,
    body: body?.json !== undefined ? JSON.stringify(body.json) : body?.form,
  });
  const text = await response.text();
  return { status: response.status, text, json: parseOrNull(text) };
}

function parseOrNull(text: string) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function personWithBigApp() {
  const user = world.createPerson();
  const app = world.createApp({ clientId: BigInt(BIG_ID), logoUri: 'https://app.example/l.svg' });
  world.grant(user, app, ['openid', 'profile', 'email']);
  return { user, app };
}

describe.each(['V2', 'V3'] as const)('%s', (version) => {
  it('lists by POST JSON, POST form, GET query and GET path, all alike', async () => {
    await start(version);
    const { user } = personWithBigApp();
    const subject = encodeURIComponent(user.subject);
    const answers = [
      await call(version, 'POST', '/client/authorization/get/list', {
        json: { subject: user.subject },
      }),
      await call(version, 'POST', '/client/authorization/get/list', { form: `subject=${subject}` }),
      await call(version, 'GET', `/client/authorization/get/list?subject=${subject}`),
      await call(version, 'GET', `/client/authorization/get/list/${subject}?start=0&end=5`),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ subject: user.subject, start: 0, end: 5, totalCount: 1 });
      // A bare JSON number, exact: no quotes, no rounding.
      expect(answer.text).toContain(`"clientId":${BIG_ID}`);
    }
  });

  it('updates with a form body whose scopes are one space-delimited value', async () => {
    await start(version);
    const { user, app } = personWithBigApp();
    const form = new URLSearchParams({ subject: user.subject, scopes: 'openid email' }).toString();
    expect(form).toContain('scopes=openid+email');
    const answer = await call(version, 'POST', `/client/authorization/update/${BIG_ID}`, { form });
    expect(answer).toMatchObject({
      status: 200,
      json: {
        resultCode: 'A138001',
        resultMessage: expect.stringMatching(/^\[A138001\] .*Updated 1 access token\(s\)/),
      },
    });
    expect(world.tokensOf(user, app)[0]!.scopes).toEqual(['openid', 'email']);
  });

  it('an update without scopes changes nothing and still reports the count', async () => {
    await start(version);
    const { user, app } = personWithBigApp();
    const answer = await call(version, 'POST', `/client/authorization/update/${BIG_ID}`, {
      json: { subject: user.subject },
    });
    expect(answer.json.resultMessage).toContain('Updated 1 access token(s)');
    expect(world.tokensOf(user, app)[0]!.scopes).toEqual(['openid', 'profile', 'email']);
  });

  it('deletes by POST body, DELETE with the subject in the query, and DELETE with it in the path', async () => {
    await start(version);
    const user = world.createPerson();
    const apps = [world.createApp(), world.createApp(), world.createApp()];
    for (const app of apps) world.grant(user, app, ['openid']);
    const subject = encodeURIComponent(user.subject);
    const answers = [
      await call(version, 'POST', `/client/authorization/delete/${apps[0]!.clientId}`, {
        json: { subject: user.subject },
      }),
      await call(
        version,
        'DELETE',
        `/client/authorization/delete/${apps[1]!.clientId}?subject=${subject}`,
      ),
      await call(version, 'DELETE', `/client/authorization/delete/${apps[2]!.clientId}/${subject}`),
    ];
    for (const answer of answers) {
      expect(answer.json.resultMessage).toMatch(/^\[A137001\] .*Deleted 1 access token\(s\)/);
    }
    for (const app of apps) expect(world.tokensOf(user, app)).toEqual([]);
  });

  it('refuses missing or wrong credentials with 401 and A001202', async () => {
    await start(version);
    for (const authorization of ['', 'Bearer wrong', basic(KEY, 'wrong')]) {
      const answer = await call(version, 'GET', '/service/configuration', undefined, authorization);
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({
        resultCode: 'A001202',
        resultMessage: expect.stringMatching(/^\[A001202\] \/service\/configuration, /),
      });
    }
  });

  it('refuses a token list page larger than 20, and lists token records with their hashes', async () => {
    await start(version);
    const { user } = personWithBigApp();
    const query = `clientIdentifier=${BIG_ID}&subject=${encodeURIComponent(user.subject)}`;
    const tooBig = await call(version, 'GET', `/auth/token/get/list?${query}&start=0&end=21`);
    expect(tooBig.status).toBe(400);
    expect(tooBig.json.resultMessage).toMatch(/^\[A\d{6}\] /);

    const page = await call(version, 'GET', `/auth/token/get/list?${query}&start=0&end=20`);
    expect(page.status).toBe(200);
    expect(page.json).toMatchObject({ totalCount: 1, subject: user.subject });
    expect(page.json.accessTokens[0]).toMatchObject({
      accessTokenHash: expect.any(String),
      grantType: 'AUTHORIZATION_CODE',
      scopes: ['openid', 'profile', 'email'],
    });
  });

  it('lists tokens by subject and client, by either alone, or all of them, oldest first', async () => {
    await start(version);
    const [alice, bob] = [world.createPerson(), world.createPerson()];
    const [one, two] = [world.createApp(), world.createApp()];
    world.grant(alice, one, ['openid'], 4);
    world.grant(alice, two, ['email'], 3);
    world.grant(bob, one, ['profile'], 2);
    const scopesOf = async (query: string) => {
      const page = await call(version, 'GET', `/auth/token/get/list?${query}start=0&end=20`);
      expect(page.status).toBe(200);
      const tokens = page.json.accessTokens as Array<{ scopes: string[] }>;
      expect(page.json.totalCount).toBe(tokens.length);
      return tokens.map((token) => token.scopes[0]);
    };
    const subject = (user: { subject: string }) => `subject=${encodeURIComponent(user.subject)}&`;
    expect(await scopesOf(`${subject(alice)}clientIdentifier=${one.clientId}&`)).toEqual([
      'openid',
    ]);
    expect(await scopesOf(subject(alice))).toEqual(['openid', 'email']);
    expect(await scopesOf(`clientIdentifier=${one.clientId}&`)).toEqual(['openid', 'profile']);
    expect(await scopesOf('')).toEqual(['openid', 'email', 'profile']);
  });

  it('sends the full client from /client/get, secret and redirect URIs included', async () => {
    await start(version);
    personWithBigApp();
    const answer = await call(version, 'GET', `/client/get/${BIG_ID}`);
    expect(answer.json).toMatchObject({
      clientSecret: expect.any(String),
      redirectUris: ['https://app.example/callback'],
      developer: 'Test Developer',
      logoUri: 'https://app.example/l.svg',
    });
    expect(answer.text).toContain(`"clientId":${BIG_ID}`);
  });

  it('answers an unknown client with an Authlete error', async () => {
    await start(version);
    const answer = await call(version, 'GET', '/client/get/12345');
    expect(answer.status).toBe(404);
    expect(answer.json.resultCode).toMatch(/^A\d{6}$/);
  });
});

describe('differences between generations', () => {
  it('V2 list items are full clients, clientSecret included', async () => {
    await start('V2');
    const { user } = personWithBigApp();
    const answer = await call('V2', 'POST', '/client/authorization/get/list', {
      json: { subject: user.subject },
    });
    expect(answer.json.clients[0]).toMatchObject({
      clientSecret: expect.any(String),
      developer: 'Test Developer',
      logoUri: 'https://app.example/l.svg',
    });
  });

  it('V3 list items are client_limited: names and descriptions only', async () => {
    await start('V3');
    const { user } = personWithBigApp();
    const answer = await call('V3', 'POST', '/client/authorization/get/list', {
      json: { subject: user.subject },
    });
    expect(Object.keys(answer.json.clients[0]).sort()).toEqual([
      'clientId',
      'clientIdAlias',
      'clientIdAliasEnabled',
      'clientName',
      'clientType',
      'description',
    ]);
  });

  it('V2 /service/get/{apiKey} takes the service owner credentials only', async () => {
    await start('V2');
    const path = `/service/get/${KEY}`;
    expect((await call('V2', 'GET', path)).status).toBe(401);
    const answer = await call('V2', 'GET', path, undefined, basic(OWNER_KEY, OWNER_SECRET));
    expect(answer.status).toBe(200);
    expect(answer.json.supportedScopes).toContainEqual(
      expect.objectContaining({ name: 'openid', descriptions: expect.any(Array) }),
    );
  });

  it('V3 paths carry the service ID; another service ID is refused', async () => {
    await start('V3');
    expect((await call('V3', 'GET', '/service/get')).status).toBe(200);
    const other = await fetch(`${server.url}/api/999/service/get`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(other.status).toBe(403);
  });
});

describe('recording and faults', () => {
  it('records method, path, query, authorization, parsed body, arrival and duration', async () => {
    await start('V3');
    const before = Date.now();
    await call('V3', 'POST', '/client/authorization/update/42?x=1', {
      form: 'subject=s&scopes=a+b',
    });
    const after = Date.now();
    expect(server.requests()).toEqual([
      {
        method: 'POST',
        path: `/api/${KEY}/client/authorization/update/42`,
        query: { x: '1' },
        authorization: `Bearer ${TOKEN}`,
        contentType: 'application/x-www-form-urlencoded',
        body: { subject: 's', scopes: 'a b' },
        operation: 'authorization.update',
        receivedAt: expect.any(Number),
        durationMs: expect.any(Number),
      },
    ]);
    const [{ receivedAt, durationMs }] = server.requests() as [RecordedRequest];
    expect(receivedAt).toBeGreaterThanOrEqual(before);
    expect(receivedAt).toBeLessThanOrEqual(after);
    expect(durationMs).toBeGreaterThanOrEqual(0);
    expect(durationMs).toBeLessThanOrEqual(after - before + 1);
    server.clearRequests();
    expect(server.requests()).toEqual([]);
  });

  it('applies a fault N times, by operation or by path pattern, until cleared', async () => {
    await start('V3');
    server.injectFault({
      operation: 'service.get',
      fault: { type: 'status', status: 500 },
      times: 2,
    });
    server.injectFault({ path: '/service/configuration$', fault: { type: 'status', status: 403 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('V3', 'GET', '/service/get')).status);
    expect(statuses).toEqual([500, 500, 200]);
    expect((await call('V3', 'GET', '/service/configuration')).json.resultCode).toBe('A001215');
    server.clearFaults();
    expect((await call('V3', 'GET', '/service/configuration')).status).toBe(200);
  });

  it('serves the same through the HTTP control API', async () => {
    await start('V3');
    const fault = await fetch(`${server.url}/__test/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ operation: 'service.get', fault: { type: 'malformed-json' } }),
    });
    expect(fault.status).toBe(204);
    expect((await call('V3', 'GET', '/service/get')).text).not.toMatch(/}$/);

    const recorded = await fetch(`${server.url}/__test/requests`).then((r) => r.json());
    expect(recorded).toMatchObject([{ method: 'GET', operation: 'service.get' }]);

    const invalid = await fetch(`${server.url}/__test/faults`, {
      method: 'POST',
      body: JSON.stringify({ fault: { type: 'explode' } }),
    });
    expect(invalid.status).toBe(400);

    await fetch(`${server.url}/__test/faults`, { method: 'DELETE' });
    await fetch(`${server.url}/__test/requests`, { method: 'DELETE' });
    expect((await call('V3', 'GET', '/service/get')).status).toBe(200);
    expect(server.requests()).toHaveLength(1);
  });

  it('a reset fault drops the connection without an answer, recorded without a duration', async () => {
    await start('V3');
    server.injectFault({ operation: 'service.get', fault: { type: 'reset' } });
    await expect(call('V3', 'GET', '/service/get')).rejects.toThrow(/fetch failed/);
    expect(server.requests()).toMatchObject([{ operation: 'service.get', durationMs: null }]);
  });

  it('adds the latency it was started with to every call, and counts it in the duration', async () => {
    await start('V3', freshDatabase(), { latencyMs: 120 });
    const started = performance.now();
    expect((await call('V3', 'GET', '/service/get')).status).toBe(200);
    // Node's timers may fire up to a millisecond early.
    expect(performance.now() - started).toBeGreaterThanOrEqual(119);
    expect(server.requests()[0]!.durationMs).toBeGreaterThanOrEqual(119);
  });

  it('changes the latency from the next call on, in-process and through the control API', async () => {
    await start('V3');
    server.setLatency(150);
    await call('V3', 'GET', '/service/configuration');
    const latency = await fetch(`${server.url}/__test/latency`, {
      method: 'PUT',
      body: JSON.stringify({ ms: 0 }),
    });
    expect(latency.status).toBe(204);
    await call('V3', 'GET', '/service/configuration');
    const [delayed, plain] = server.requests().map((request) => request.durationMs!);
    expect(delayed).toBeGreaterThanOrEqual(149);
    // A loopback answer from SQLite takes a few ms; the margin only keeps a busy machine from flaking.
    expect(plain).toBeLessThan(149);

    for (const body of ['{"ms":-1}', '{"ms":"50"}', '{"ms":5,"jitter":1}', 'fifty']) {
      const refused = await fetch(`${server.url}/__test/latency`, { method: 'PUT', body });
      expect(refused.status).toBe(400);
    }
    expect(() => server.setLatency(-5)).toThrow();
  });
});

describe('main.ts', () => {
  it('runs as its own process from env, seeds the catalogue, and stops on SIGTERM', async () => {
    const databasePath = path.join(
      os.tmpdir(),
      `authlete-server-${process.pid}-${Date.now()}.sqlite`,
    );
    const child = spawn(
      process.execPath,
      [path.resolve('node_modules/tsx/dist/cli.mjs'), 'tests/support/authlete-server/main.ts'],
      {
        env: {
          ...process.env,
          DATABASE_PATH: databasePath,
          PORT: '0',
          AUTHLETE_API_VERSION: 'V2',
          AUTHLETE_SERVICE_APIKEY: KEY,
          AUTHLETE_SERVICE_APISECRET: SECRET,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const [line] = await once(createInterface({ input: child.stdout! }), 'line');
      const { url } = JSON.parse(String(line));
      const configuration = await fetch(`${url}/api/service/configuration`, {
        headers: { Authorization: basic(KEY, SECRET) },
      }).then((response) => response.json());
      expect(configuration.scopes_supported).toContain('photos.write');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    const check = openDatabase(databasePath);
    expect(check.prepare('SELECT COUNT(*) FROM scopes').pluck().get()).toBeGreaterThan(0);
    check.close();
    for (const suffix of ['', '-wal', '-shm'])
      fs.rmSync(`${databasePath}${suffix}`, { force: true });
  }, 20_000);
});
