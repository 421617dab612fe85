/**
 * How the Authlete adapter fails: each fault the wire test server can inject
 * becomes a typed GrantError, retries stay bounded (counted at the server),
 * and rejected credentials leave one log line for the operator without them.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  AuthleteHttpError,
  AuthleteNetworkError,
  AuthleteResponseError,
  AuthleteTimeoutError,
} from '@/lib/authlete';
import { GrantError } from '@/lib/grants/errors';
import { createGrantService } from '@/lib/grants/grant-service';
import { atLevel, logLinesOfEachTest } from '../support/log-lines';
import type { AdapterHarness } from '../support/authlete-server/adapter-harness';
import { harnessPerTest } from '../support/authlete-server/harness-per-test';
import { rejectionOf } from '../support/rejection';

const startHarness = harnessPerTest();
const logLines = logLinesOfEachTest();

const start = (version: 'V2' | 'V3' = 'V3', timeoutMs = 2000) =>
  startHarness(version, { store: { timeoutMs } });

function listFor(h: AdapterHarness) {
  return h.store.listAuthorizedApps(h.world.createPerson().subject, { start: 0, end: 5 });
}

const listRequests = (h: AdapterHarness) =>
  h.server.requests().filter((request) => request.operation === 'authorization.list');

describe('timeouts', () => {
  it('gives up after timeoutMs with AuthleteTimeoutError, and does not retry', async () => {
    const h = await start('V3', 300);
    h.server.injectFault({ operation: 'authorization.list', fault: { type: 'delay', ms: 2000 } });
    const startedAt = Date.now();
    const error = await rejectionOf(listFor(h));
    expect(error).toBeInstanceOf(AuthleteTimeoutError);
    expect(error).toMatchObject({ code: 'backend_unavailable' });
    expect(Date.now() - startedAt).toBeLessThan(1000);
    expect(listRequests(h)).toHaveLength(1);
  });
});

describe('server errors', () => {
  it('retries a 500 twice, then fails with its status and resultCode', async () => {
    const h = await start();
    h.server.injectFault({
      operation: 'authorization.list',
      fault: { type: 'status', status: 500 },
    });
    const error = await rejectionOf(listFor(h));
    expect(error).toBeInstanceOf(AuthleteHttpError);
    expect(error).toMatchObject({
      code: 'backend_unavailable',
      status: 500,
      resultCode: 'A001101',
      resultMessage: expect.stringContaining('[A001101]'),
    });
    expect(listRequests(h)).toHaveLength(3);
  });

  it('succeeds when a retry does', async () => {
    const h = await start();
    const user = h.world.createPerson();
    const app = h.world.createApp();
    h.world.grant(user, app, ['openid', 'profile']);
    h.server.injectFault({
      operation: 'authorization.update',
      fault: { type: 'status', status: 503 },
      times: 2,
    });
    expect(await h.store.replaceScopes(user.subject, app.clientId, ['openid'])).toEqual({
      updatedTokenCount: 1,
    });
    expect(h.world.tokensOf(user, app)[0]!.scopes).toEqual(['openid']);
    expect(h.server.requests()).toHaveLength(3);
  });

  it('stops retrying when the time budget is spent, so the total wait stays near timeoutMs', async () => {
    const h = await start('V3', 300);
    h.server.injectFault({
      operation: 'authorization.list',
      fault: { type: 'status', status: 500 },
    });
    const startedAt = Date.now();
    expect(await rejectionOf(listFor(h))).toMatchObject({ status: 500 });
    expect(Date.now() - startedAt).toBeLessThan(600);
    // After the first retry (100 ms backoff) less than the next backoff (300 ms) is left.
    expect(listRequests(h).length).toBeLessThanOrEqual(2);
  });
});

describe('client errors are not retried', () => {
  it.each([401, 403] as const)(
    '%i: backend_unavailable, one request, one log line for the operator without credentials',
    async (status) => {
      const h = await start('V2');
      h.server.injectFault({ operation: 'authorization.list', fault: { type: 'status', status } });
      const error = await rejectionOf(listFor(h));
      expect(error).toBeInstanceOf(AuthleteHttpError);
      expect(error).toMatchObject({ code: 'backend_unavailable', status });
      expect(listRequests(h)).toHaveLength(1);

      const errors = atLevel(logLines, 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({
        level: 'error',
        msg: 'authlete.credentials_rejected',
        operation: 'POST /client/authorization/get/list',
        status,
        resultCode: (error as AuthleteHttpError).resultCode,
        resultMessage: (error as AuthleteHttpError).resultMessage,
      });
      const line = JSON.stringify(errors[0]);
      const { serviceApiSecret, serviceOwnerApiSecret, serviceAccessToken } = h.credentials;
      for (const secret of [serviceApiSecret, serviceOwnerApiSecret, serviceAccessToken]) {
        expect(line).not.toContain(secret);
      }
      expect(line).not.toContain('Basic ');
    },
  );

  it('wrong credentials: the server refuses them with A001202, the adapter does not retry', async () => {
    const h = await start('V3');
    const store = h.storeWith({ serviceAccessToken: 'not-the-token' });
    const error = await rejectionOf(store.listAuthorizedApps('someone', { start: 0, end: 5 }));
    expect(error).toMatchObject({
      status: 401,
      resultCode: 'A001202',
      code: 'backend_unavailable',
    });
    // The list and the subject's first token page go out together; neither is asked again. The
    // list's refusal can reject the read before the token page has reached the server, so wait
    // for it to arrive rather than read the log at once.
    const operations = () =>
      h.server
        .requests()
        .map((request) => request.operation)
        .sort();
    await vi.waitFor(() => expect(operations()).toContain('token.list'));
    expect(operations()).toEqual(['authorization.list', 'token.list']);
  });

  it('readiness fails with wrong credentials, and never from a cache', async () => {
    const h = await start('V3');
    await expect(h.store.checkReachable()).resolves.toBeUndefined();
    await expect(h.store.checkReachable()).resolves.toBeUndefined();
    expect(h.server.requests()).toHaveLength(2);
    await expect(
      h.storeWith({ serviceAccessToken: 'not-the-token' }).checkReachable(),
    ).rejects.toMatchObject({
      status: 401,
    });
  });

  it('V3: updating an unknown client is app_not_found (Authlete answers 404)', async () => {
    const h = await start('V3');
    const error = await rejectionOf(h.store.replaceScopes('someone', '12345', ['openid']));
    expect(error).toBeInstanceOf(AuthleteHttpError);
    expect(error).toMatchObject({ code: 'app_not_found', status: 404 });
    expect(h.server.requests()).toHaveLength(1);
  });
});

describe('the token list refusing a listed app', () => {
  it.each(['V2', 'V3'] as const)(
    '%s: a 400 fails the list, the lookup and a revoke, instead of hiding an app that still has access',
    async (version) => {
      const h = await start(version);
      const user = h.world.createPerson();
      const app = h.world.createApp();
      h.world.grant(user, app, ['openid']);
      // Authlete answers 400 for a bad request, and for a token list the plan does not offer.
      h.server.injectFault({
        operation: 'token.list',
        fault: { type: 'status', status: 400, resultCode: 'A001201' },
      });

      const list = await rejectionOf(
        h.store.listAuthorizedApps(user.subject, { start: 0, end: 5 }),
      );
      expect(list).toBeInstanceOf(AuthleteHttpError);
      expect(list).toMatchObject({
        code: 'backend_unavailable',
        status: 400,
        resultCode: 'A001201',
      });
      expect(await rejectionOf(h.store.getAuthorizedApp(user.subject, app.clientId))).toMatchObject(
        {
          status: 400,
        },
      );
      const service = createGrantService({ store: h.store, subject: user.subject, locale: 'en' });
      expect(await rejectionOf(service.revokeApp(app.clientId))).toMatchObject({
        code: 'backend_unavailable',
      });
      expect(h.world.tokensOf(user, app)).toHaveLength(1);
    },
  );

  it.each(['V2', 'V3'] as const)(
    '%s: an app deleted between the list and its token call is neither shown nor counted',
    async (version) => {
      const h = await start(version);
      const { user, apps } = h.world.personWithApps(3);
      const [, doomed] = apps;
      let deleted = false;
      // The client goes away right after Authlete listed it: its token list (and
      // /client/get) then answer 404, Authlete's "the client was not found".
      const store = h.storeWith({
        fetch: (input, init) => {
          if (!deleted && String(input).includes('/auth/token/get/list')) {
            deleted = true;
            h.db.prepare('DELETE FROM clients WHERE client_id = ?').run(BigInt(doomed!.clientId));
          }
          return fetch(input, init);
        },
      });

      const page = await store.listAuthorizedApps(user.subject, { start: 0, end: 5 });
      expect(page.apps.map((app) => app.clientId)).toEqual([apps[0]!.clientId, apps[2]!.clientId]);
      expect(page.totalCount).toBe(2);
      expect(await store.getAuthorizedApp(user.subject, doomed!.clientId)).toBeNull();
    },
  );

  it('an app revoked between the list and its token call is neither shown nor counted', async () => {
    const h = await start('V3');
    const { user, apps } = h.world.personWithApps(2);
    let revoked = false;
    const store = h.storeWith({
      fetch: (input, init) => {
        if (!revoked && String(input).includes('/auth/token/get/list')) {
          revoked = true;
          h.db
            .prepare('DELETE FROM access_tokens WHERE client_id = ?')
            .run(BigInt(apps[0]!.clientId));
        }
        return fetch(input, init);
      },
    });
    const page = await store.listAuthorizedApps(user.subject, { start: 0, end: 5 });
    expect(page.apps.map((app) => app.clientId)).toEqual([apps[1]!.clientId]);
    expect(page.totalCount).toBe(1);
  });
});

describe('malformed answers', () => {
  it('malformed JSON is an AuthleteResponseError, not retried', async () => {
    const h = await start();
    h.server.injectFault({ operation: 'authorization.list', fault: { type: 'malformed-json' } });
    const error = await rejectionOf(listFor(h));
    expect(error).toBeInstanceOf(AuthleteResponseError);
    expect(error).toMatchObject({ code: 'backend_unavailable', status: 200 });
    expect((error as Error).message).toContain('malformed JSON');
    expect(listRequests(h)).toHaveLength(1);
  });

  it('JSON of the wrong shape is an AuthleteResponseError naming the field, not its value', async () => {
    const h = await start();
    h.server.injectFault({
      operation: 'authorization.list',
      fault: { type: 'body', body: '{"totalCount":"s3cr3t-value","clients":[]}' },
    });
    const error = await rejectionOf(listFor(h));
    expect(error).toBeInstanceOf(AuthleteResponseError);
    expect((error as Error).message).toContain('totalCount');
    expect((error as Error).message).not.toContain('s3cr3t-value');
  });

  it('an update answer without a token count is an AuthleteResponseError', async () => {
    const h = await start();
    h.server.injectFault({
      operation: 'authorization.update',
      fault: { type: 'body', body: '{"resultCode":"A138001","resultMessage":"[A138001] Done."}' },
    });
    expect(await rejectionOf(h.store.replaceScopes('someone', '12345', ['openid']))).toBeInstanceOf(
      AuthleteResponseError,
    );
  });
});

describe('network failures', () => {
  it('a reset connection is retried twice, then an AuthleteNetworkError', async () => {
    const h = await start();
    h.server.injectFault({ operation: 'authorization.list', fault: { type: 'reset' } });
    const error = await rejectionOf(listFor(h));
    expect(error).toBeInstanceOf(AuthleteNetworkError);
    expect(error).toMatchObject({ code: 'backend_unavailable' });
    expect(listRequests(h)).toHaveLength(3);
  });

  it('a reset delete is retried and succeeds: delete is idempotent', async () => {
    const h = await start();
    const user = h.world.createPerson();
    const app = h.world.createApp();
    h.world.grant(user, app, ['openid']);
    h.server.injectFault({ operation: 'authorization.delete', fault: { type: 'reset' }, times: 1 });
    expect(await h.store.deleteAuthorization(user.subject, app.clientId)).toEqual({
      deletedTokenCount: 1,
    });
    expect(h.world.tokensOf(user, app)).toEqual([]);
    expect(h.server.requests()).toHaveLength(2);
  });

  it('a refused connection is retried a bounded number of times', async () => {
    const h = await start();
    const closedUrl = h.server.url;
    await h.server.close();
    const calls: string[] = [];
    const store = h.storeWith({
      baseUrl: closedUrl,
      fetch: (input, init) => {
        calls.push(String(input));
        return fetch(input, init);
      },
    });
    const error = await rejectionOf(store.scopeCatalogue());
    expect(error).toBeInstanceOf(AuthleteNetworkError);
    expect(error).toMatchObject({ errorCode: 'ECONNREFUSED' });
    expect(calls).toHaveLength(3);
  });
});

describe('every failure is a GrantError', () => {
  it('so the data layer handles it by code', async () => {
    const h = await start('V3', 300);
    const faults = [
      { type: 'status', status: 500 },
      { type: 'status', status: 401 },
      { type: 'status', status: 403 },
      { type: 'delay', ms: 1000 },
      { type: 'reset' },
      { type: 'malformed-json' },
    ] as const;
    for (const fault of faults) {
      h.server.clearFaults();
      // Both sources of the catalogue fail: a refused /service/get alone falls back to the other.
      h.server.injectFault({ path: '/service/', fault });
      const error = await rejectionOf(h.store.scopeCatalogue());
      expect(error).toBeInstanceOf(GrantError);
      expect(error).toMatchObject({ code: 'backend_unavailable' });
    }
  });
});

describe('a write that landed before the connection dropped', () => {
  it('is retried, found done, and reported as revoked by the data layer rather than failed', async () => {
    const h = await start('V3');
    const user = h.world.createPerson();
    const app = h.world.createApp();
    h.world.grant(user, app, ['openid']);
    h.server.injectFault({
      operation: 'authorization.delete',
      fault: { type: 'reset-after-handling' },
      times: 1,
    });

    const service = createGrantService({ store: h.store, subject: user.subject, locale: 'en' });
    expect(await service.revokeApp(app.clientId)).toEqual({
      alreadyRevoked: true,
      consentForgotten: true,
    });
    expect(h.world.tokensOf(user, app)).toEqual([]);
    expect(h.server.requests().filter((r) => r.operation === 'authorization.delete')).toHaveLength(
      2,
    );
  });

  it('an update that landed is retried (update writes a set) and shows the new scopes', async () => {
    const h = await start('V2');
    const user = h.world.createPerson();
    const app = h.world.createApp();
    h.world.grant(user, app, ['openid', 'profile']);
    h.server.injectFault({
      operation: 'authorization.update',
      fault: { type: 'reset-after-handling' },
      times: 1,
    });

    const service = createGrantService({ store: h.store, subject: user.subject, locale: 'en' });
    const updated = await service.updateScopes(app.clientId, ['openid']);
    expect(updated.app.scopes.map((scope) => scope.name)).toEqual(['openid']);
    expect(h.world.tokensOf(user, app)[0]!.scopes).toEqual(['openid']);
  });
});
