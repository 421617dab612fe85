/**
 * A narrowing never widens a token: every token in play ends up with (its own scopes ∩ what the
 * person kept), by one call when that is exactly what the one call does and token by token
 * otherwise; tokens whose access and renewal have both expired count for nothing; and a removed
 * scope that a grant's renewal still carries is reported. On the embedded backend and over HTTP.
 */
import { describe, expect, it } from 'vitest';
import { createToken } from '@/lib/embedded/seed';
import type { GrantStore } from '@/lib/grants/grant-store';
import { createGrantService } from '@/lib/grants/grant-service';
import { useGrantBackends, type Backend } from '../support/grant-service-harness';
import type { TestApp, TestUser } from '../support/world';

const DAY = 24 * 60 * 60 * 1000;

const { backend } = useGrantBackends();

/** A token that is still live (its access token valid for another day). */
function live(b: Backend, user: TestUser, app: TestApp, scopes: string[], extra = {}) {
  createToken(b.db, {
    subject: user.subject,
    clientId: app.clientId,
    scopes,
    createdAt: Date.now() - DAY,
    accessTokenExpiresAt: Date.now() + DAY,
    ...extra,
  });
}

/** A token whose access expired long ago and that has no refresh token: it counts for nothing. */
function dead(b: Backend, user: TestUser, app: TestApp, scopes: string[]) {
  createToken(b.db, {
    subject: user.subject,
    clientId: app.clientId,
    scopes,
    createdAt: Date.now() - 60 * DAY,
    withRefreshToken: false,
  });
}

const service = (b: Backend, user: TestUser) =>
  createGrantService({ store: b.store, subject: user.subject, locale: 'en' });

/** A service over `store` whose change seam keeps each recorded change's outcome, in order. */
function recordingService(store: GrantStore, user: TestUser) {
  const recorded: string[] = [];
  const service = createGrantService({
    store,
    subject: user.subject,
    locale: 'en',
    changes: {
      async record(_plan, perform) {
        const outcome = await perform();
        recorded.push(...outcome.results.map((item) => item.outcome));
        return outcome.value;
      },
    },
  });
  return { service, recorded };
}

/** A person holding one app through one live token per list of scopes, oldest first. */
function personWithLiveTokens(b: Backend, ...tokens: string[][]) {
  const user = b.world.createPerson();
  const app = b.world.createApp();
  for (const scopes of tokens) live(b, user, app, scopes);
  return { user, app };
}

const updateCalls = (b: Backend) =>
  (b.harness?.server.requests() ?? []).filter((request) => request.operation);

describe.each(['embedded', 'V2', 'V3'] as const)('narrowing on %s', (kind) => {
  it("gives a device's token nothing it never had: each live token keeps only its own share", async () => {
    const b = await backend(kind);
    const { user, app } = personWithLiveTokens(
      b,
      ['openid', 'profile', 'email'],
      ['openid', 'email'],
    );
    b.harness?.server.clearRequests();

    const result = await service(b, user).updateScopes(app.clientId, ['openid', 'profile']);

    expect(b.world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
      ['openid', 'profile'],
      ['openid'],
    ]);
    expect(result.grants.map((grant) => grant.outcome)).toEqual(['narrowed', 'narrowed']);
    expect(result.app.scopes.map((scope) => scope.name).sort()).toEqual(['openid', 'profile']);
    if (b.harness) {
      const operations = updateCalls(b).map((request) => request.operation);
      expect(operations).not.toContain('authorization.update');
      expect(operations.filter((operation) => operation === 'token.update')).toHaveLength(2);
    }
  });

  it('uses the one call when every token already holds everything kept', async () => {
    const b = await backend(kind);
    const { user, app } = personWithLiveTokens(
      b,
      ['openid', 'profile', 'email'],
      ['openid', 'profile'],
    );
    b.harness?.server.clearRequests();

    const result = await service(b, user).updateScopes(app.clientId, ['openid']);

    expect(b.world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
      ['openid'],
      ['openid'],
    ]);
    expect(result.grants).toEqual([]);
    if (b.harness) {
      const operations = updateCalls(b).map((request) => request.operation);
      expect(operations.filter((operation) => operation === 'authorization.update')).toHaveLength(
        1,
      );
      expect(operations).not.toContain('token.update');
    }
  });

  it('lets an expired token that held more count for nothing, in what the app can do and what may be kept', async () => {
    const b = await backend(kind);
    const user = b.world.createPerson();
    const app = b.world.createApp();
    dead(b, user, app, ['openid', 'profile', 'email', 'photos.read']);
    live(b, user, app, ['openid', 'profile']);
    live(b, user, app, ['openid']);

    const before = await service(b, user).getApp(app.clientId);
    expect(before.scopes.map((scope) => scope.name).sort()).toEqual(['openid', 'profile']);
    await expect(
      service(b, user).updateScopes(app.clientId, ['openid', 'email']),
    ).rejects.toMatchObject({ code: 'scope_not_granted' });

    const result = await service(b, user).updateScopes(app.clientId, ['profile']);
    // Each live token narrowed to its own share; the dead one left as it was, gaining nothing.
    expect(b.world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
      ['openid', 'profile', 'email', 'photos.read'],
      ['profile'],
      [],
    ]);
    expect(result.grants.map((grant) => grant.outcome)).toEqual(['narrowed', 'narrowed']);
    expect(result.app.scopes.map((scope) => scope.name)).toEqual(['profile']);
  });
});

describe.each(['embedded', 'V2', 'V3'] as const)(
  'a token issued while a save is written, on %s',
  (kind) => {
    it('is narrowed too, from the read-back, as a second recorded write', async () => {
      const b = await backend(kind);
      const { user, app } = personWithLiveTokens(
        b,
        ['openid', 'profile', 'email'],
        ['openid', 'email'],
      );
      // A new sign-in lands after the ownership lookup read the tokens, before the write.
      const racing: GrantStore = {
        ...b.store,
        async updateEachToken(subject, read, scopesFor) {
          if (b.world.tokensOf(user, app).length === 2)
            live(b, user, app, ['openid', 'profile', 'email'], { createdAt: Date.now() });
          return b.store.updateEachToken(subject, read, scopesFor);
        },
      };
      const { service: recording, recorded } = recordingService(racing, user);
      const result = await recording.updateScopes(app.clientId, ['openid', 'profile']);

      expect(b.world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
        ['openid', 'profile'],
        ['openid'],
        ['openid', 'profile'],
      ]);
      expect(result.app.scopes.map((scope) => scope.name).sort()).toEqual(['openid', 'profile']);
      expect(result.grants.map((grant) => grant.outcome)).toEqual([
        'narrowed',
        'narrowed',
        'narrowed',
      ]);
      expect(recorded).toEqual(['done', 'done']);
    });
  },
);

describe('what renewal still carries', () => {
  it('reports a removed scope that survives in a grant’s refresh token scopes (v3)', async () => {
    const b = await backend('V3');
    const user = b.world.createPerson();
    const app = b.world.createApp();
    live(b, user, app, ['openid', 'profile', 'offline_access'], {
      refreshTokenScopes: ['openid', 'profile', 'offline_access'],
    });

    const result = await service(b, user).updateScopes(app.clientId, ['openid', 'offline_access']);

    expect(b.world.tokensOf(user, app)[0]!.scopes).toEqual(['openid', 'offline_access']);
    expect(result.renewalKeeps).toMatchObject([
      { name: 'profile', description: expect.any(String), kind: 'read' },
    ]);
    expect(result.renewalKeeps).toHaveLength(1);
  });

  it.each(['embedded', 'V2'] as const)(
    'reports nothing where renewal has no scopes of its own (%s)',
    async (kind) => {
      const b = await backend(kind);
      const user = b.world.createPerson();
      const app = b.world.createApp();
      live(b, user, app, ['openid', 'profile', 'offline_access'], {
        refreshTokenScopes: ['openid', 'profile', 'offline_access'],
      });
      const result = await service(b, user).updateScopes(app.clientId, [
        'openid',
        'offline_access',
      ]);
      expect(result.renewalKeeps).toEqual([]);
    },
  );
});

describe('a grant that cannot be narrowed', () => {
  it('is reported as failed while the others are narrowed, and the change is recorded as failed', async () => {
    const b = await backend('V3');
    const { user, app } = personWithLiveTokens(
      b,
      ['openid', 'profile', 'email'],
      ['openid', 'email'],
    );
    b.harness!.server.injectFault({
      operation: 'token.update',
      fault: { type: 'status', status: 400 },
      times: 1,
    });
    const { service: recording, recorded } = recordingService(b.store, user);
    const result = await recording.updateScopes(app.clientId, ['openid', 'profile']);

    expect(result.grants.map((grant) => grant.outcome)).toEqual(['failed', 'narrowed']);
    expect(b.world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
      ['openid', 'profile', 'email'],
      ['openid'],
    ]);
    expect(recorded).toEqual(['failed']);
  });
});
