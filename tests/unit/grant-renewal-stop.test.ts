/**
 * Stopping one grant renewing, where the backend can (embedded, Authlete v3): that grant's
 * refresh token expires now and the access it holds is left alone, the app's other grants keep
 * renewing, and the change is recorded as the grant it was. Found among the lookup's own tokens
 * as a grant to end is; on v2, which cannot change a refresh token's expiry, it is refused before
 * any write. On v3 what goes to Authlete is `/auth/token/update` with that token's hash and the
 * new expiry, nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { ChangePlan } from '@/lib/changes/types';
import { GrantError } from '@/lib/grants/errors';
import { grantService as service, useGrantBackends } from '../support/grant-service-harness';
import type { World } from '../support/world';

const DAY = 86_400_000;

const { backend } = useGrantBackends();

function twoRenewingGrants(world: World) {
  const user = world.createPerson();
  const app = world.createApp();
  world.grantToken(user, app, {
    scopes: ['openid', 'offline_access'],
    createdAt: Date.now() - 10 * DAY,
    accessTokenExpiresAt: Date.now() + DAY,
  });
  world.grantToken(user, app, {
    scopes: ['photos.read', 'offline_access'],
    createdAt: Date.now() - 2 * DAY,
    grantType: 'DEVICE_CODE',
    accessTokenExpiresAt: Date.now() + DAY,
    properties: [{ key: 'device', value: 'Hall TV' }],
  });
  return { user, app };
}

describe.each(['embedded', 'V3'] as const)('stopping one grant renewing on %s', (kind) => {
  it('expires that grant’s refresh token alone, records it, and reads back every grant', async () => {
    const { world, store, harness } = await backend(kind);
    const { user, app } = twoRenewingGrants(world);
    const plans: ChangePlan[] = [];
    const grants = service(store, user.subject, plans);
    const listed = await grants.getGrants(app.clientId);
    expect(listed.canStopRenewal).toBe(true);
    const [tv, signIn] = listed.grants;
    harness?.server.clearRequests();
    const before = Date.now();

    const result = await grants.stopGrantRenewing(app.clientId, tv!.id);

    expect(result.stopped).toBe(true);
    const [tvAfter, signInAfter] = result.grants.grants;
    expect(tvAfter).toMatchObject({
      id: tv!.id,
      renewsUntil: null,
      accessEndsAt: tv!.accessEndsAt,
    });
    expect(signInAfter).toMatchObject({ id: signIn!.id, renewsUntil: signIn!.renewsUntil });
    // The app can still act while the person is away, through the other grant.
    expect(result.app?.offlineAccess).toBe(true);
    const read = await store.getAuthorizedApp(user.subject, app.clientId);
    const [older, newer] = read!.tokens;
    expect(newer!.refreshTokenExpiresAt).toBeGreaterThanOrEqual(before);
    expect(newer!.refreshTokenExpiresAt).toBeLessThanOrEqual(Date.now());
    expect(newer!.accessTokenExpiresAt).toBeGreaterThan(Date.now());
    expect(older!.refreshTokenExpiresAt).toBeGreaterThan(Date.now() + DAY);
    expect(plans).toEqual([
      {
        operation: 'stopGrantRenewing',
        kind: 'renewal_stopped',
        apps: [{ clientId: app.clientId, name: app.name }],
        grant: { label: 'Hall TV', id: tv!.id },
      },
    ]);
    if (harness) {
      const updates = harness.server.requests().filter((r) => r.operation === 'token.update');
      expect(updates).toHaveLength(1);
      expect(Object.keys(updates[0]!.body as object).sort()).toEqual([
        'accessTokenHash',
        'refreshTokenExpiresAt',
      ]);
    }

    // Again: it no longer renews, so nothing is written or recorded.
    expect((await grants.stopGrantRenewing(app.clientId, tv!.id)).stopped).toBe(false);
    expect(plans).toHaveLength(1);
  });

  it("answers grant_not_found for a made-up id or another person's, and changes nothing", async () => {
    const { world, store } = await backend(kind);
    const { user: alice, app } = twoRenewingGrants(world);
    const bob = world.createPerson('Bob');
    world.grant(bob, app, ['openid', 'offline_access']);
    const [alices] = (await service(store, alice.subject).getGrants(app.clientId)).grants;
    const plans: ChangePlan[] = [];
    for (const grantId of [alices!.id, 'D'.repeat(43)]) {
      await expect(
        service(store, bob.subject, plans).stopGrantRenewing(app.clientId, grantId),
      ).rejects.toEqual(
        new GrantError('grant_not_found', `no such grant of client ${app.clientId}`),
      );
    }
    expect(plans).toEqual([]);
    const read = await store.getAuthorizedApp(alice.subject, app.clientId);
    for (const token of read!.tokens)
      expect(token.refreshTokenExpiresAt).toBeGreaterThan(Date.now());
  });
});

describe('stopping one grant renewing on Authlete v2', () => {
  it('is refused before any call: v2 cannot change a refresh token’s expiry', async () => {
    const { world, store, harness } = await backend('V2');
    const { user, app } = twoRenewingGrants(world);
    const grants = service(store, user.subject);
    const listed = await grants.getGrants(app.clientId);
    expect(listed.canStopRenewal).toBe(false);
    harness!.server.clearRequests();
    await expect(
      grants.stopGrantRenewing(app.clientId, listed.grants[0]!.id),
    ).rejects.toMatchObject({ code: 'renewal_not_stoppable' });
    expect(harness!.server.requests()).toEqual([]);
  });
});
