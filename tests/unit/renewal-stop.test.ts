/**
 * "Can act while you're away" ends when the person says so (issue 10, item 4): unticking
 * offline_access leaves the app unable to renew where the backend can stop a grant renewing
 * (embedded, Authlete v3: refreshTokenExpiresAt on /auth/token/update), and where it cannot (v2)
 * the narrowing is refused before anything is written, so the page never says an ability is gone
 * while it is not.
 */
import { describe, expect, it } from 'vitest';
import type { ChangePlan } from '@/lib/changes/types';
import { GrantError } from '@/lib/grants/errors';
import { createGrantService } from '@/lib/grants/grant-service';
import type { AdapterHarness } from '../support/authlete-server/adapter-harness';
import { grantService as service, useGrantBackends } from '../support/grant-service-harness';
import type { World } from '../support/world';

const DAY = 86_400_000;

const { backend } = useGrantBackends();

function setUp(world: World) {
  const user = world.createPerson();
  const app = world.createApp();
  world.grantToken(user, app, {
    scopes: ['openid', 'photos.read', 'offline_access'],
    createdAt: Date.now() - 10 * DAY,
    accessTokenExpiresAt: Date.now() + DAY,
  });
  world.grantToken(user, app, {
    scopes: ['photos.read', 'offline_access'],
    createdAt: Date.now() - 2 * DAY,
    grantType: 'DEVICE_CODE',
    accessTokenExpiresAt: Date.now() + DAY,
  });
  return { user, app };
}

describe.each(['embedded', 'V3'] as const)('on %s, a backend that can stop renewal', (kind) => {
  it('unticking offline_access stops every grant renewing, and the badge follows', async () => {
    const { world, store, harness } = await backend(kind);
    const { user, app } = setUp(world);
    const grants = createGrantService({ store, subject: user.subject, locale: 'en' });
    expect((await grants.getApp(app.clientId)).offlineAccess).toBe(true);
    harness?.server.clearRequests();
    const before = Date.now();

    const { app: after } = await grants.updateScopes(app.clientId, ['openid', 'photos.read']);

    expect(after.canStopRenewal).toBe(true);
    expect(after.offlineAccess).toBe(false);
    expect(after.scopes.map((scope) => scope.name).sort()).toEqual(['openid', 'photos.read']);
    const found = await store.getAuthorizedApp(user.subject, app.clientId);
    for (const token of found!.tokens) {
      expect(token.refreshTokenExpiresAt).toBeGreaterThanOrEqual(before);
      expect(token.refreshTokenExpiresAt).toBeLessThanOrEqual(Date.now());
      // Access it already has is left alone.
      expect(token.accessTokenExpiresAt).toBeGreaterThan(Date.now());
    }
    if (harness) {
      const stops = harness.server
        .requests()
        .filter((r) => r.operation === 'token.update')
        .map((r) => r.body as Record<string, unknown>)
        .filter((body) => 'refreshTokenExpiresAt' in body);
      expect(stops).toHaveLength(2);
      for (const body of stops)
        expect(Object.keys(body).sort()).toEqual(['accessTokenHash', 'refreshTokenExpiresAt']);
    }
  });
});

describe('on Authlete v2, which cannot stop renewal', () => {
  it('refuses unticking offline_access before writing anything; other narrowings still work', async () => {
    const { world, store, harness } = await backend('V2');
    const { user, app } = setUp(world);
    const grants = createGrantService({ store, subject: user.subject, locale: 'en' });
    expect((await grants.getApp(app.clientId)).canStopRenewal).toBe(false);
    const tokensBefore = world.tokensOf(user, app);
    harness!.server.clearRequests();

    await expect(grants.updateScopes(app.clientId, ['openid', 'photos.read'])).rejects.toEqual(
      new GrantError(
        'renewal_not_stoppable',
        `backend cannot stop client ${app.clientId} renewing`,
      ),
    );
    expect(world.tokensOf(user, app)).toEqual(tokensBefore);
    const writes = harness!.server
      .requests()
      .filter((r) => r.operation === 'token.update' || r.operation === 'authorization.update');
    expect(writes).toEqual([]);

    const { app: after } = await grants.updateScopes(app.clientId, [
      'photos.read',
      'offline_access',
    ]);
    expect(after.scopes.map((scope) => scope.name).sort()).toEqual([
      'offline_access',
      'photos.read',
    ]);
  });
});

/**
 * Where the backend cannot stop renewal (v2), the review offers to end the grants that can renew
 * instead: the data layer picks them from its own read of the caller's tokens for the app.
 */
describe.each(['V2', 'embedded'] as const)('ending the grants that can renew, on %s', (kind) => {
  it("ends exactly the caller's grants of the app that can renew, each one recorded", async () => {
    const { world, store } = await backend(kind);
    const { user, app } = setUp(world);
    // Holds access for a day but cannot renew it: it stays.
    world.grantToken(user, app, {
      scopes: ['photos.read'],
      withRefreshToken: false,
      accessTokenExpiresAt: Date.now() + DAY,
    });
    const other = world.createPerson('Other');
    world.grantToken(other, app, { scopes: ['photos.read', 'offline_access'] });
    const othersBefore = world.tokensOf(other, app);
    const plans: ChangePlan[] = [];
    const grants = service(store, user.subject, plans);
    expect((await grants.getApp(app.clientId)).renewingGrantCount).toBe(2);

    const result = await grants.endRenewingGrants(app.clientId);

    expect(result.endedCount).toBe(2);
    expect(result.app?.renewingGrantCount).toBe(0);
    expect(result.app?.offlineAccess).toBe(false);
    expect(result.grants.grants).toHaveLength(1);
    expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([['photos.read']]);
    expect(world.tokensOf(other, app)).toEqual(othersBefore);
    expect(plans.map((plan) => [plan.operation, plan.kind])).toEqual([
      ['endRenewingGrants', 'grant_removed'],
      ['endRenewingGrants', 'grant_removed'],
    ]);
    // With nothing left to renew, unticking offline_access is no longer refused (it is not held).
    expect(result.app?.scopes.map((scope) => scope.name)).toEqual(['photos.read']);
  });

  it('ends nothing when no grant can renew, and unticking offline_access is then allowed', async () => {
    const { world, store, harness } = await backend(kind);
    const user = world.createPerson();
    const app = world.createApp();
    world.grantToken(user, app, {
      scopes: ['photos.read', 'offline_access'],
      withRefreshToken: false,
      accessTokenExpiresAt: Date.now() + DAY,
    });
    const plans: ChangePlan[] = [];
    const grants = service(store, user.subject, plans);
    harness?.server.clearRequests();

    const result = await grants.endRenewingGrants(app.clientId);

    expect(result.endedCount).toBe(0);
    expect(result.grants.grants).toHaveLength(1);
    expect(plans).toEqual([]);
    const revokes = harness?.server.requests().filter((r) => r.operation === 'token.revoke');
    expect(revokes ?? []).toEqual([]);
    const { app: after } = await grants.updateScopes(app.clientId, ['photos.read']);
    expect(after.scopes.map((scope) => scope.name)).toEqual(['photos.read']);
  });

  it("touches nothing of an app the caller has not authorized (another person's)", async () => {
    const { world, store, harness } = await backend(kind);
    const { user: owner, app } = setUp(world);
    const stranger = world.createPerson('Stranger');
    const before = world.tokensOf(owner, app);
    harness?.server.clearRequests();

    await expect(service(store, stranger.subject).endRenewingGrants(app.clientId)).rejects.toEqual(
      new GrantError('app_not_found', `subject holds no token for client ${app.clientId}`),
    );
    expect(world.tokensOf(owner, app)).toEqual(before);
    const revokes = harness?.server.requests().filter((r) => r.operation === 'token.revoke');
    expect(revokes ?? []).toEqual([]);
  });
});

/**
 * An app that renews without offline_access has nothing to untick: "Stop renewing" stops it where
 * the backend can (embedded, v3); v2 refuses before anything is written.
 */
describe.each(['embedded', 'V3'] as const)('stopping an app renewing, on %s', (kind) => {
  /** Two grants that renew without offline_access, and one that holds access only. */
  function renewsWithoutOfflineAccess(world: World) {
    const user = world.createPerson();
    const app = world.createApp();
    for (const daysAgo of [10, 2])
      world.grantToken(user, app, {
        scopes: ['openid', 'calendar.read'],
        withRefreshToken: true,
        createdAt: Date.now() - daysAgo * DAY,
        accessTokenExpiresAt: Date.now() + DAY,
      });
    world.grantToken(user, app, {
      scopes: ['calendar.read'],
      withRefreshToken: false,
      accessTokenExpiresAt: Date.now() + 2 * DAY,
    });
    return { user, app };
  }

  /** The /auth/token/update bodies sent that set a refresh token's expiry (none on embedded). */
  function renewalStops(harness: AdapterHarness | undefined): Record<string, unknown>[] {
    return (harness?.server.requests() ?? [])
      .filter((r) => r.operation === 'token.update')
      .map((r) => r.body as Record<string, unknown>)
      .filter((body) => 'refreshTokenExpiresAt' in body);
  }

  it('stops every grant renewing, keeps the access held and the scopes, and is recorded once', async () => {
    const { world, store, harness } = await backend(kind);
    const { user, app } = renewsWithoutOfflineAccess(world);
    const plans: ChangePlan[] = [];
    const grants = service(store, user.subject, plans);
    const before = await grants.getApp(app.clientId);
    expect([before.offlineAccess, before.renewingGrantCount]).toEqual([true, 2]);
    expect(before.scopes.map((scope) => scope.name)).not.toContain('offline_access');
    harness?.server.clearRequests();
    const startedAt = Date.now();

    const result = await grants.stopRenewing(app.clientId);

    expect(result.stoppedCount).toBe(2);
    expect(result.app).toMatchObject({ offlineAccess: false, renewingGrantCount: 0 });
    expect(result.app?.scopes.map((scope) => scope.name).sort()).toEqual([
      'calendar.read',
      'openid',
    ]);
    // The confirmation said until when its access lasts: the latest access token's expiry.
    expect(Date.parse(result.app!.accessHeldUntil!)).toBeGreaterThan(Date.now() + DAY);
    expect(result.grants.grants.map((grant) => grant.renewsUntil)).toEqual([null, null, null]);
    const found = await store.getAuthorizedApp(user.subject, app.clientId);
    expect(found!.tokens).toHaveLength(3);
    for (const token of found!.tokens) {
      expect(token.refreshTokenExpiresAt).toBeLessThanOrEqual(Date.now());
      expect(token.accessTokenExpiresAt).toBeGreaterThan(Date.now());
    }
    expect(plans).toEqual([
      {
        operation: 'stopRenewing',
        kind: 'renewal_stopped',
        apps: [{ clientId: app.clientId, name: app.name }],
      },
    ]);
    if (harness) {
      const stops = renewalStops(harness);
      expect(stops).toHaveLength(2);
      for (const body of stops) {
        expect(Object.keys(body).sort()).toEqual(['accessTokenHash', 'refreshTokenExpiresAt']);
        expect(body.refreshTokenExpiresAt).toBeGreaterThanOrEqual(startedAt);
      }
    }
  });

  it('with nothing left to renew, writes and records nothing', async () => {
    const { world, store, harness } = await backend(kind);
    const { user, app } = renewsWithoutOfflineAccess(world);
    await service(store, user.subject).stopRenewing(app.clientId);
    const plans: ChangePlan[] = [];
    harness?.server.clearRequests();

    const again = await service(store, user.subject, plans).stopRenewing(app.clientId);

    expect(again.stoppedCount).toBe(0);
    expect(again.app?.renewingGrantCount).toBe(0);
    expect(plans).toEqual([]);
    expect(renewalStops(harness)).toEqual([]);
  });

  it("touches nothing of an app the caller has not authorized, and only the caller's grants of a shared one", async () => {
    const { world, store, harness } = await backend(kind);
    const { user: owner, app } = renewsWithoutOfflineAccess(world);
    const stranger = world.createPerson('Stranger');
    const ownersBefore = await store.getAuthorizedApp(owner.subject, app.clientId);
    harness?.server.clearRequests();

    await expect(service(store, stranger.subject).stopRenewing(app.clientId)).rejects.toEqual(
      new GrantError('app_not_found', `subject holds no token for client ${app.clientId}`),
    );
    expect(renewalStops(harness)).toEqual([]);

    world.grantToken(stranger, app, { scopes: ['calendar.read'], withRefreshToken: true });
    const { stoppedCount } = await service(store, stranger.subject).stopRenewing(app.clientId);
    expect(stoppedCount).toBe(1);
    expect(await store.getAuthorizedApp(owner.subject, app.clientId)).toEqual(ownersBefore);
  });
});

describe('stopping an app renewing, on Authlete v2, which cannot', () => {
  it('is refused before anything is read or written: the page offers ending the grants instead', async () => {
    const { world, store, harness } = await backend('V2');
    const user = world.createPerson();
    const app = world.createApp();
    world.grantToken(user, app, { scopes: ['calendar.read'], withRefreshToken: true });
    const before = await store.getAuthorizedApp(user.subject, app.clientId);
    const plans: ChangePlan[] = [];
    harness!.server.clearRequests();

    await expect(service(store, user.subject, plans).stopRenewing(app.clientId)).rejects.toEqual(
      new GrantError(
        'renewal_not_stoppable',
        `backend cannot stop client ${app.clientId} renewing`,
      ),
    );
    expect(harness!.server.requests()).toEqual([]);
    expect(plans).toEqual([]);
    expect(await store.getAuthorizedApp(user.subject, app.clientId)).toEqual(before);
    expect((await service(store, user.subject).getApp(app.clientId)).renewingGrantCount).toBe(1);
  });
});
