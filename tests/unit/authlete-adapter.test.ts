/**
 * What the Authlete adapter sends and keeps, watched from the wire test
 * server: paths and credentials per generation, where the subject goes,
 * exact int64 client IDs, no secrets out, caching and the concurrency cap.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuthleteStore } from '@/lib/authlete';
import { createToken } from '@/lib/embedded/seed';
import type { AdapterHarness } from '../support/authlete-server/adapter-harness';
import { harnessPerTest } from '../support/authlete-server/harness-per-test';
import type { RecordedRequest } from '../support/authlete-server';
import { atLevel, captureLogLines } from '../support/log-lines';

const start = harnessPerTest();

afterEach(() => {
  vi.restoreAllMocks();
});

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const count = (requests: RecordedRequest[], operation: string) =>
  requests.filter((request) => request.operation === operation).length;

/** One of everything the adapter does, for a person holding one app. */
async function exerciseEveryCall(h: AdapterHarness, subject: string) {
  const app = h.world.createApp();
  createToken(h.db, { subject, clientId: app.clientId, scopes: ['openid', 'profile'] });
  await h.store.listAuthorizedApps(subject, { start: 0, end: 5 });
  await h.store.getAuthorizedApp(subject, app.clientId);
  await h.store.replaceScopes(subject, app.clientId, ['openid']);
  await h.store.deleteAuthorization(subject, app.clientId);
  await h.store.scopeCatalogue();
  return app;
}

describe('requests per API generation', () => {
  it('V2: /api/… with HTTP Basic service credentials, and owner credentials for /service/get', async () => {
    const h = await start('V2');
    const user = h.world.createPerson();
    const app = await exerciseEveryCall(h, user.subject);
    const { serviceApiKey, serviceApiSecret, serviceOwnerApiKey, serviceOwnerApiSecret } =
      h.credentials;

    const requests = h.server.requests();
    const calls = requests.map((request) => `${request.method} ${request.path}`);
    // The list and the subject's first token page are asked together: their order on the wire
    // is not fixed, so that pair is compared sorted.
    expect([...calls.slice(0, 2).sort(), ...calls.slice(2)]).toEqual([
      `GET /api/auth/token/get/list`,
      'POST /api/client/authorization/get/list',
      `GET /api/auth/token/get/list`,
      `POST /api/client/authorization/update/${app.clientId}`,
      `POST /api/client/authorization/delete/${app.clientId}`,
      `GET /api/service/get/${serviceApiKey}`,
    ]);
    for (const request of requests.slice(0, -1)) {
      expect(request.authorization).toBe(basic(serviceApiKey, serviceApiSecret));
    }
    expect(requests.at(-1)!.authorization).toBe(basic(serviceOwnerApiKey, serviceOwnerApiSecret));
  });

  it('V3: /api/{serviceId}/… with the Bearer service access token', async () => {
    const h = await start('V3');
    const user = h.world.createPerson();
    const app = await exerciseEveryCall(h, user.subject);
    const { serviceApiKey: serviceId, serviceAccessToken } = h.credentials;

    const requests = h.server.requests();
    const calls = requests.map((request) => `${request.method} ${request.path}`);
    // Listing asks for the list and the subject's first token page together, then the client
    // record (v3 list items are limited): the pair's order on the wire is not fixed, so it is
    // compared sorted.
    expect([...calls.slice(0, 2).sort(), ...calls.slice(2)]).toEqual([
      `GET /api/${serviceId}/auth/token/get/list`,
      `POST /api/${serviceId}/client/authorization/get/list`,
      `GET /api/${serviceId}/client/get/${app.clientId}`,
      `GET /api/${serviceId}/auth/token/get/list`,
      `POST /api/${serviceId}/client/authorization/update/${app.clientId}`,
      `POST /api/${serviceId}/client/authorization/delete/${app.clientId}`,
      `GET /api/${serviceId}/service/get`,
    ]);
    for (const request of requests) {
      expect(request.authorization).toBe(`Bearer ${serviceAccessToken}`);
    }
  });

  it.each(['V2', 'V3'] as const)(
    '%s: list, update and delete carry the subject in a JSON body, never in a path',
    async (version) => {
      const h = await start(version);
      const subject = 'alice/../bob?x=1#frag';
      const app = await exerciseEveryCall(h, subject);
      const requests = h.server.requests();

      for (const request of requests) {
        expect(request.path).not.toContain('alice');
        expect(decodeURIComponent(request.path)).not.toContain('alice');
      }
      const writes = requests.filter((request) => request.method === 'POST');
      expect(writes.map((request) => [request.contentType, request.body])).toEqual([
        ['application/json', { subject, start: 0, end: 5 }],
        ['application/json', { subject, scopes: ['openid'] }],
        ['application/json', { subject }],
      ]);
      // The token list has no body variant: the subject goes in its query, encoded.
      const tokenLists = requests.filter((request) => request.operation === 'token.list');
      expect(tokenLists.map((request) => request.query)).toContainEqual({
        clientIdentifier: app.clientId,
        subject,
        start: '0',
        end: '20',
      });
    },
  );

  it('sends the developer filter only when there is one', async () => {
    const h = await start('V3');
    const user = h.world.createPerson();
    await h.store.listAuthorizedApps(user.subject, { start: 5, end: 10, developer: 'Acme' });
    await h.store.listAuthorizedApps(user.subject, { start: 0, end: 5 });
    const lists = h.server
      .requests()
      .filter((request) => request.operation === 'authorization.list');
    expect(lists.map((request) => request.body)).toEqual([
      { subject: user.subject, start: 5, end: 10, developer: 'Acme' },
      { subject: user.subject, start: 0, end: 5 },
    ]);
  });

  it('asks for tokens 20 at a time, as Authlete allows no more', async () => {
    const h = await start('V3');
    const user = h.world.createPerson();
    const app = h.world.createApp();
    for (let day = 41; day > 0; day--) h.world.grant(user, app, ['openid'], day);
    const found = await h.store.getAuthorizedApp(user.subject, app.clientId);
    expect(found?.tokens).toHaveLength(41);
    const ranges = h.server
      .requests()
      .filter((request) => request.operation === 'token.list')
      .map((request) => [request.query.start, request.query.end])
      // Pages after the first go out together: their order on the wire is not fixed.
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(ranges).toEqual([
      ['0', '20'],
      ['20', '40'],
      ['40', '60'],
    ]);
  });
});

describe('client IDs', () => {
  it.each(['V2', 'V3'] as const)(
    '%s: IDs above 2^53 round-trip exactly, from the JSON number to the request path',
    async (version) => {
      const h = await start(version);
      const user = h.world.createPerson();
      const ids = ['9007199254740993', '9223372036854775807'];
      for (const id of ids) {
        h.world.grant(user, h.world.createApp({ clientId: BigInt(id) }), ['openid', 'profile']);
      }

      const page = await h.store.listAuthorizedApps(user.subject, { start: 0, end: 5 });
      expect(page.apps.map((app) => app.clientId).sort()).toEqual(ids);
      for (const id of ids) {
        expect((await h.store.getAuthorizedApp(user.subject, id))?.clientId).toBe(id);
        await h.store.replaceScopes(user.subject, id, ['openid']);
      }
      const updatePaths = h.server
        .requests()
        .filter((request) => request.operation === 'authorization.update')
        .map((request) => request.path.split('/').pop());
      expect(updatePaths).toEqual(ids);
    },
  );

  it('never puts a malformed ID in a path: such an ID names no app and costs no call', async () => {
    const h = await start('V3');
    const user = h.world.createPerson();
    for (const id of ['../service/get', '1?x=2', '1e3', '0x10', '']) {
      expect(await h.store.getAuthorizedApp(user.subject, id)).toBeNull();
      expect(await h.store.replaceScopes(user.subject, id, ['openid'])).toEqual({
        updatedTokenCount: 0,
      });
      expect(await h.store.deleteAuthorization(user.subject, id)).toEqual({ deletedTokenCount: 0 });
    }
    expect(h.server.requests()).toEqual([]);
  });
});

describe('secrets on the wire', () => {
  it('V2 list items carry clientSecret on the wire, and none of it reaches the output', async () => {
    const h = await start('V2');
    const user = h.world.createPerson();
    const app = h.world.createApp();
    h.world.grant(user, app, ['openid']);
    const secret = h.db
      .prepare<[bigint], string>('SELECT client_secret FROM clients WHERE client_id = ?')
      .pluck()
      .get(BigInt(app.clientId))!;

    const raw = await fetch(`${h.server.url}/api/client/authorization/get/list`, {
      method: 'POST',
      headers: {
        Authorization: basic(h.credentials.serviceApiKey, h.credentials.serviceApiSecret),
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ subject: user.subject }),
    }).then((response) => response.text());
    expect(raw).toContain(secret);

    const page = await h.store.listAuthorizedApps(user.subject, { start: 0, end: 5 });
    expect(JSON.stringify(page)).not.toContain(secret);
    expect(Object.keys(page.apps[0]!).sort()).toEqual([
      'attributes',
      'clientId',
      'clientSource',
      'clientUri',
      'description',
      'developer',
      'dynamicallyRegistered',
      'logoUri',
      'name',
      'policyUri',
      'tokens',
      'tosUri',
    ]);
  });
});

describe('scope catalogue', () => {
  it('V2 without owner credentials falls back to /service/configuration: names, no descriptions', async () => {
    const h = await start('V2', {
      store: { serviceOwnerApiKey: undefined, serviceOwnerApiSecret: undefined },
    });
    const catalogue = await h.store.scopeCatalogue();
    expect(catalogue.find((scope) => scope.name === 'photos.read')).toEqual({
      name: 'photos.read',
      description: { value: null, tagged: [] },
    });
    expect(h.server.requests().map((request) => request.path)).toEqual([
      '/api/service/configuration',
    ]);
  });

  it('V3 falls back to /service/configuration when the service view lacks supportedScopes', async () => {
    const h = await start('V3', { server: { limitedServiceView: true } });
    const catalogue = await h.store.scopeCatalogue();
    expect(catalogue.map((scope) => scope.name)).toContain('openid');
    expect(h.server.requests().map((request) => request.operation)).toEqual([
      'service.get',
      'service.configuration',
    ]);
  });
});

describe('scope catalogue when the service may not be read', () => {
  it.each([401, 403] as const)(
    'V3 %i on /service/get: scope names from /service/configuration, one warning for the operator',
    async (status) => {
      const logLines = captureLogLines();
      const h = await start('V3', { store: { cacheTtlMs: 0 } });
      h.server.injectFault({
        operation: 'service.get',
        fault: { type: 'status', status, resultCode: 'A001215' },
      });

      for (let load = 0; load < 3; load++) {
        const catalogue = await h.store.scopeCatalogue();
        expect(catalogue.find((scope) => scope.name === 'photos.read')).toEqual({
          name: 'photos.read',
          description: { value: null, tagged: [] },
        });
      }
      expect(count(h.server.requests(), 'service.configuration')).toBe(3);
      expect(logLines).toEqual([
        expect.objectContaining({
          level: 'warn',
          msg: 'authlete.service_view_refused',
          operation: 'GET /service/get',
          status,
          resultCode: 'A001215',
        }),
      ]);
      expect(JSON.stringify(logLines)).not.toContain(h.credentials.serviceAccessToken);
    },
  );

  it('still fails, and tells the operator, when the credentials are refused everywhere', async () => {
    const logLines = captureLogLines();
    const h = await start('V3');
    await expect(
      h.storeWith({ serviceAccessToken: 'not-the-token' }).scopeCatalogue(),
    ).rejects.toMatchObject({ status: 401, code: 'backend_unavailable' });
    expect(atLevel(logLines, 'error')[0]).toMatchObject({
      msg: 'authlete.credentials_rejected',
      operation: 'GET /service/configuration',
    });
  });
});

describe('caching', () => {
  it('reuses client metadata and the catalogue for everyone until the TTL passes', async () => {
    const h = await start('V3', { store: { cacheTtlMs: 300 } });
    const alice = h.world.createPerson('Alice');
    const bob = h.world.createPerson('Bob');
    const shared = h.world.createApp();
    h.world.grant(alice, shared, ['openid']);
    h.world.grant(bob, shared, ['openid']);

    await h.store.listAuthorizedApps(alice.subject, { start: 0, end: 5 });
    await h.store.listAuthorizedApps(bob.subject, { start: 0, end: 5 });
    await h.store.getAuthorizedApp(bob.subject, shared.clientId);
    await h.store.scopeCatalogue();
    await h.store.scopeCatalogue();
    expect(count(h.server.requests(), 'client.get')).toBe(1);
    expect(count(h.server.requests(), 'service.get')).toBe(1);
    // Token lists are the subject's own: never cached.
    expect(count(h.server.requests(), 'token.list')).toBe(3);

    await new Promise((resolve) => setTimeout(resolve, 350));
    await h.store.listAuthorizedApps(alice.subject, { start: 0, end: 5 });
    await h.store.scopeCatalogue();
    expect(count(h.server.requests(), 'client.get')).toBe(2);
    expect(count(h.server.requests(), 'service.get')).toBe(2);
  });

  it('caches nothing when cacheTtlMs is 0', async () => {
    const h = await start('V3', { store: { cacheTtlMs: 0 } });
    await h.store.scopeCatalogue();
    await h.store.scopeCatalogue();
    expect(count(h.server.requests(), 'service.get')).toBe(2);
  });

  it("never shows one person's grants to another, whatever is cached", async () => {
    const h = await start('V3');
    const alice = h.world.createPerson('Alice');
    const bob = h.world.createPerson('Bob');
    const shared = h.world.createApp();
    const alicesOnly = h.world.createApp();
    h.world.grant(alice, shared, ['openid', 'photos.read', 'photos.write']);
    h.world.grant(alice, alicesOnly, ['openid']);
    h.world.grant(bob, shared, ['openid']);

    const alicesPage = await h.store.listAuthorizedApps(alice.subject, { start: 0, end: 5 });
    expect(alicesPage.totalCount).toBe(2);
    const bobsPage = await h.store.listAuthorizedApps(bob.subject, { start: 0, end: 5 });
    expect(bobsPage.apps.map((app) => app.clientId)).toEqual([shared.clientId]);
    expect(bobsPage.apps[0]!.tokens.map((token) => token.scopes)).toEqual([['openid']]);
    expect(await h.store.getAuthorizedApp(bob.subject, alicesOnly.clientId)).toBeNull();
  });

  it('forgets a failed load, so the next call asks again', async () => {
    const h = await start('V3');
    h.server.injectFault({
      operation: 'service.get',
      fault: { type: 'status', status: 400 },
      times: 1,
    });
    await expect(h.store.scopeCatalogue()).rejects.toMatchObject({ status: 400 });
    await expect(h.store.scopeCatalogue()).resolves.not.toHaveLength(0);
  });
});

describe('concurrency', () => {
  it('enriches a page with calls in parallel, never more than `concurrency` at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const h = await start('V3', { store: { fetch: countingFetch, concurrency: 3 } });
    h.server.injectFault({ operation: 'token.list', fault: { type: 'delay', ms: 40 } });
    h.server.injectFault({ operation: 'client.get', fault: { type: 'delay', ms: 40 } });
    const { user } = h.world.personWithApps(8);

    const page = await h.store.listAuthorizedApps(user.subject, { start: 0, end: 10 });
    expect(page.apps).toHaveLength(8);
    // The list, the subject's one token page (16 tokens), and each limited item's client record.
    expect(h.server.requests()).toHaveLength(1 + 1 + 8);
    expect(peak).toBe(3);
  });
});

describe('options', () => {
  it('refuses incomplete or bad options, naming the option', () => {
    const v3 = {
      baseUrl: 'https://authlete.example',
      apiVersion: 'V3',
      serviceApiKey: '1',
    } as const;
    const v2 = { ...v3, apiVersion: 'V2', serviceApiSecret: 's' } as const;
    expect(() => createAuthleteStore(v3)).toThrow(/serviceAccessToken/);
    expect(() => createAuthleteStore({ ...v2, serviceApiSecret: undefined })).toThrow(
      /serviceApiSecret/,
    );
    expect(() => createAuthleteStore({ ...v2, serviceOwnerApiKey: 'k' })).toThrow(/serviceOwner/);
    expect(() => createAuthleteStore({ ...v2, baseUrl: 'ftp://authlete.example' })).toThrow(
      /baseUrl/,
    );
    expect(() => createAuthleteStore({ ...v2, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createAuthleteStore({ ...v2, concurrency: 0 })).toThrow(/concurrency/);
    expect(() => createAuthleteStore(v2)).not.toThrow();
  });
});
