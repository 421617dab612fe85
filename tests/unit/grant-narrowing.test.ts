/**
 * Narrowing one grant: the data layer finds it among its lookup's own tokens, as it finds one to
 * end, writes that token alone to a subset of what that grant holds, and leaves the app's other
 * grants as they are; it refuses a scope that grant does not hold (even one another grant of the
 * app holds), an empty set, and taking offline_access from a grant that can still renew. What goes
 * to Authlete is `/auth/token/update` with that token's hash and its new scopes, nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { ChangePlan } from '@/lib/changes/types';
import { GrantError } from '@/lib/grants/errors';
import {
  grantService as service,
  personWithTvAndSignIn,
  useGrantBackends,
} from '../support/grant-service-harness';

const { backend, harness: startHarness } = useGrantBackends();

describe.each(['embedded', 'V2', 'V3'] as const)('narrowing one grant on %s', (kind) => {
  it('writes the one grant asked for, records it, and reads back every grant', async () => {
    const { world, store } = await backend(kind);
    const { user, app } = personWithTvAndSignIn(world);
    const plans: ChangePlan[] = [];
    const grants = service(store, user.subject, plans);
    const listed = await grants.getGrants(app.clientId);
    expect(listed.canNarrow).toBe(true);
    const [signIn, tv] = listed.grants;

    const result = await grants.narrowGrant(app.clientId, signIn!.id, ['openid']);
    expect(result.alreadyEnded).toBe(false);
    expect(result.renewalKeeps).toEqual([]);
    // The same grant, by the same id, holding only what was kept; the TV's grant as it was.
    expect(
      result.grants.grants.map((grant) => [grant.id, grant.scopes.map((s) => s.name)]),
    ).toEqual([
      [signIn!.id, ['openid']],
      [tv!.id, tv!.scopes.map((s) => s.name)],
    ]);
    expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
      ['photos.read', 'offline_access'],
      ['openid'],
    ]);
    // What the app can do is what its grants hold together, read back: profile is gone.
    expect(result.app?.scopes.map((scope) => scope.name).sort()).toEqual([
      'offline_access',
      'photos.read',
    ]);
    expect(plans).toEqual([
      {
        operation: 'narrowGrant',
        kind: 'grant_narrowed',
        apps: [
          {
            clientId: app.clientId,
            name: app.name,
            scopesKept: ['openid'],
            scopesRemoved: ['profile'],
          },
        ],
        grant: {
          label: expect.stringMatching(/^A sign-in on \d{4}-\d\d-\d\d$/),
          id: signIn!.id,
        },
      },
    ]);
  });

  it('refuses what would widen the grant, empty it or leave it renewing, and changes nothing', async () => {
    const { world, store } = await backend(kind);
    const { user, app } = personWithTvAndSignIn(world);
    const plans: ChangePlan[] = [];
    const grants = service(store, user.subject, plans);
    const [signIn, tv] = (await grants.getGrants(app.clientId)).grants;

    // photos.read is the TV's, not the sign-in's: the app holds it, this grant does not.
    await expect(
      grants.narrowGrant(app.clientId, signIn!.id, ['openid', 'photos.read']),
    ).rejects.toMatchObject({ code: 'scope_not_granted' });
    await expect(grants.narrowGrant(app.clientId, signIn!.id, [])).rejects.toMatchObject({
      code: 'empty_scopes',
    });
    // The TV's grant can renew: its scopes do not stop its refresh token.
    await expect(grants.narrowGrant(app.clientId, tv!.id, ['photos.read'])).rejects.toMatchObject({
      code: 'renewal_not_stoppable',
    });
    // Nothing removed: nothing written or recorded.
    const same = await grants.narrowGrant(app.clientId, signIn!.id, ['profile', 'openid']);
    expect(same.grants.grants[0]!.scopes.map((s) => s.name).sort()).toEqual(['openid', 'profile']);
    expect(plans).toEqual([]);
    expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
      ['photos.read', 'offline_access'],
      ['openid', 'profile'],
    ]);
  });

  it("answers grant_not_found for a made-up id or another person's, and changes nothing", async () => {
    const { world, store } = await backend(kind);
    const alice = world.createPerson('Alice');
    const bob = world.createPerson('Bob');
    const app = world.createApp();
    world.grant(alice, app, ['openid', 'profile']);
    world.grant(bob, app, ['openid', 'profile']);
    const [alices] = (await service(store, alice.subject).getGrants(app.clientId)).grants;
    const plans: ChangePlan[] = [];
    const asBob = service(store, bob.subject, plans);
    for (const grantId of [alices!.id, 'C'.repeat(43)]) {
      await expect(asBob.narrowGrant(app.clientId, grantId, ['openid'])).rejects.toEqual(
        new GrantError('grant_not_found', `no such grant of client ${app.clientId}`),
      );
    }
    expect(plans).toEqual([]);
    expect(world.tokensOf(alice, app).map((token) => token.scopes)).toEqual([
      ['openid', 'profile'],
    ]);
    expect(world.tokensOf(bob, app).map((token) => token.scopes)).toEqual([['openid', 'profile']]);
  });
});

describe.each(['V2', 'V3'] as const)('the wire of narrowing one grant (%s)', (version) => {
  it('sends /auth/token/update the one token hash and its new scopes: the lookup, the update, the read-back', async () => {
    const harness = await startHarness(version);
    const user = harness.world.createPerson();
    const app = harness.world.createApp();
    harness.world.grant(user, app, ['openid', 'profile'], 4);
    harness.world.grant(user, app, ['openid', 'profile', 'email'], 2);
    const grants = service(harness.store, user.subject);
    const [newest] = (await grants.getGrants(app.clientId)).grants;
    const [, newerHash] = harness.db
      .prepare<[string], string>(
        'SELECT access_token_hash FROM access_tokens WHERE subject = ? ORDER BY created_at',
      )
      .pluck()
      .all(user.subject);
    harness.server.clearRequests();
    await grants.narrowGrant(app.clientId, newest!.id, ['openid', 'email']);
    // The token calls (the client's metadata is read beside the lookup, and cached).
    const calls = harness.server.requests().filter((call) => call.operation!.startsWith('token.'));
    expect(calls.map((call) => call.operation)).toEqual([
      'token.list',
      'token.update',
      'token.list',
    ]);
    expect(calls[1]!.body).toEqual({ accessTokenHash: newerHash, scopes: ['openid', 'email'] });
    expect(harness.world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
      ['openid', 'profile'],
      ['openid', 'email'],
    ]);
  });
});
