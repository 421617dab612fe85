/**
 * What the detail page renders from (app/apps/[clientId]/page.tsx): the app and its grants read
 * together, on every backend. It must show what getApp and getGrants show apart (the browser
 * refetches each through its own action), and refuse exactly what they refuse. Its call count
 * is guarded in tests/unit/authlete-call-counts.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { GrantError } from '@/lib/grants/errors';
import {
  grantService as service,
  personWithTvAndSignIn,
  useGrantBackends,
} from '../support/grant-service-harness';

const { backend } = useGrantBackends();

describe.each(['embedded', 'V2', 'V3'] as const)('the app and its grants on %s', (kind) => {
  it('are what getApp and getGrants give, each grant told apart', async () => {
    const { world, store } = await backend(kind);
    const { user, app } = personWithTvAndSignIn(world);
    const grants = service(store, user.subject);

    const shown = await grants.getAppWithGrants(app.clientId);
    expect(shown).toEqual({
      app: await grants.getApp(app.clientId),
      grants: await grants.getGrants(app.clientId),
    });
    expect(shown.app).toMatchObject({ name: app.name, tokenCount: 2 });
    expect(shown.grants.grants.map((grant) => grant.label)).toEqual([null, 'Hall TV']);
    // A grant's id from the one read ends that grant, as an id from getGrants does.
    const ended = await grants.endGrant(app.clientId, shown.grants.grants[1]!.id);
    expect(ended.alreadyEnded).toBe(false);
    expect(ended.grants.grants.map((grant) => grant.id)).toEqual([shown.grants.grants[0]!.id]);
  });

  it("answers app_not_found for another person's app, an unknown one, or one whose grants all ended", async () => {
    const { world, store } = await backend(kind);
    const alice = world.createPerson('Alice');
    const bob = world.createPerson('Bob');
    const app = world.createApp();
    world.grant(alice, app, ['openid', 'profile']);
    const asBob = service(store, bob.subject);
    for (const clientId of [app.clientId, '9007199254740993']) {
      await expect(asBob.getAppWithGrants(clientId)).rejects.toEqual(
        new GrantError('app_not_found', `subject holds no token for client ${clientId}`),
      );
    }
    const asAlice = service(store, alice.subject);
    const [only] = (await asAlice.getAppWithGrants(app.clientId)).grants.grants;
    await asAlice.endGrant(app.clientId, only!.id);
    await expect(asAlice.getAppWithGrants(app.clientId)).rejects.toMatchObject({
      code: 'app_not_found',
    });
    expect(world.tokensOf(alice, app)).toEqual([]);
  });
});
