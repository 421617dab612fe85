/**
 * Ending one grant: the data layer finds it in its own read of the signed-in person's tokens, and
 * an id that matches none of them changes nothing and answers grant_not_found; what goes to
 * Authlete is `/auth/token/revoke` with that token's hash and nothing else (never an empty
 * identifier, never a bare subject); the test server has Authlete's precedence trap.
 */
import { describe, expect, it } from 'vitest';
import { GrantError } from '@/lib/grants/errors';
import type { ChangePlan } from '@/lib/changes/types';
import {
  grantService as service,
  personWithTvAndSignIn,
  useGrantBackends,
} from '../support/grant-service-harness';

const { backend, harness: startHarness } = useGrantBackends();

describe.each(['embedded', 'V2', 'V3'] as const)('ending one grant on %s', (kind) => {
  it('lists each grant told apart, ends the one asked for, records it, and reads back the rest', async () => {
    const { world, store } = await backend(kind);
    const { user, app } = personWithTvAndSignIn(world);
    const plans: ChangePlan[] = [];
    const grants = service(store, user.subject, plans);

    const listed = await grants.getGrants(app.clientId);
    expect(listed.canEnd).toBe(true);
    expect(listed.grants.map((grant) => [grant.label, grant.way])).toEqual([
      [null, 'browser'],
      ['Hall TV', 'device_code'],
    ]);
    expect((await grants.getApp(app.clientId)).newestGrantLabel).toBe('Hall TV');

    const tv = listed.grants[1]!;
    const result = await grants.endGrant(app.clientId, tv.id);
    expect(result.alreadyEnded).toBe(false);
    expect(result.app?.tokenCount).toBe(1);
    expect(result.app?.newestGrantLabel).toBeNull();
    expect(result.grants.grants.map((grant) => grant.id)).toEqual([listed.grants[0]!.id]);
    expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([['openid', 'profile']]);
    expect(plans).toEqual([
      {
        operation: 'endGrant',
        kind: 'grant_removed',
        apps: [{ clientId: app.clientId, name: app.name }],
        grant: { label: 'Hall TV', id: tv.id },
      },
    ]);

    // The last one: the app has no access any more.
    const last = await grants.endGrant(app.clientId, listed.grants[0]!.id);
    expect(last.app).toBeNull();
    expect(plans[1]?.grant?.label).toMatch(/^A sign-in on \d{4}-\d\d-\d\d$/);
  });

  it("answers grant_not_found for a made-up id or another person's, and changes nothing", async () => {
    const { world, store } = await backend(kind);
    const alice = world.createPerson('Alice');
    const bob = world.createPerson('Bob');
    const app = world.createApp();
    world.grant(alice, app, ['openid']);
    world.grant(bob, app, ['openid']);
    const [alices] = (await service(store, alice.subject).getGrants(app.clientId)).grants;
    const plans: ChangePlan[] = [];
    const asBob = service(store, bob.subject, plans);
    for (const grantId of [alices!.id, 'B'.repeat(43)]) {
      await expect(asBob.endGrant(app.clientId, grantId)).rejects.toEqual(
        new GrantError('grant_not_found', `no such grant of client ${app.clientId}`),
      );
    }
    expect(plans).toEqual([]);
    expect(world.tokensOf(alice, app)).toHaveLength(1);
    expect(world.tokensOf(bob, app)).toHaveLength(1);
  });
});

describe.each(['V2', 'V3'] as const)('the wire of ending one grant (%s)', (version) => {
  it('sends /auth/token/revoke the one token hash, and nothing else', async () => {
    const harness = await startHarness(version);
    const user = harness.world.createPerson();
    const app = harness.world.createApp();
    harness.world.grant(user, app, ['openid', 'offline_access'], 4);
    harness.world.grant(user, app, ['openid'], 2);
    const grants = service(harness.store, user.subject);
    const [newest] = (await grants.getGrants(app.clientId)).grants;
    const hashes = () =>
      harness.db
        .prepare<[string], string>(
          'SELECT access_token_hash FROM access_tokens WHERE subject = ? ORDER BY created_at',
        )
        .pluck()
        .all(user.subject);
    const [olderHash, newerHash] = hashes();
    harness.server.clearRequests();
    await grants.endGrant(app.clientId, newest!.id);
    const revokes = harness.server.requests().filter((r) => r.operation === 'token.revoke');
    expect(revokes.map((r) => r.body)).toEqual([{ accessTokenIdentifier: newerHash }]);
    expect(hashes()).toEqual([olderHash]);
  });

  it('has Authlete’s precedence trap: a hash wins over subject, and a bare subject ends every app', async () => {
    const harness = await startHarness(version);
    const alice = harness.world.createPerson('Alice');
    const bob = harness.world.createPerson('Bob');
    const [one, two] = [harness.world.createApp(), harness.world.createApp()];
    harness.world.grant(alice, one, ['openid']);
    harness.world.grant(bob, one, ['openid']);
    harness.world.grant(bob, two, ['openid']);
    const alicesHash = harness.db
      .prepare<[string], string>('SELECT access_token_hash FROM access_tokens WHERE subject = ?')
      .pluck()
      .get(alice.subject)!;
    const revoke = async (body: Record<string, unknown>) => {
      const { credentials, server } = harness;
      const path =
        version === 'V2'
          ? '/api/auth/token/revoke'
          : `/api/${credentials.serviceApiKey}/auth/token/revoke`;
      const authorization =
        version === 'V2'
          ? `Basic ${Buffer.from(`${credentials.serviceApiKey}:${credentials.serviceApiSecret}`).toString('base64')}`
          : `Bearer ${credentials.serviceAccessToken}`;
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as { count?: number } };
    };
    // Bob's subject does not protect Alice's token: the hash decides.
    expect(
      (await revoke({ accessTokenIdentifier: alicesHash, subject: bob.subject })).body.count,
    ).toBe(1);
    expect(harness.world.tokensOf(alice, one)).toEqual([]);
    expect(harness.world.tokensOf(bob, one)).toHaveLength(1);
    expect((await revoke({})).status).toBe(400);
    // A bare subject: every app of that person.
    expect((await revoke({ subject: bob.subject })).body.count).toBe(2);
    expect([...harness.world.tokensOf(bob, one), ...harness.world.tokensOf(bob, two)]).toEqual([]);
  });
});
