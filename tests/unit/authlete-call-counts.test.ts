/**
 * Regression guards for the Authlete round trips of each view (issue 9): how many calls a list
 * page, a detail page, a whole-list view, a save, ending a grant and a removal make, and how many
 * of them wait one after another, counted in the test Authlete server's request log. Counts, not times: every call is held for
 * the same latency so calls that run together overlap in the log and calls in series do not,
 * and the chain is counted from the log (scripts/bench/first-view.ts). Caches that are the same
 * for everyone (client metadata, the scope catalogue) are warmed by another person first, as a
 * running server has them; nothing of the measured person is read before the measured view.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { GrantService } from '@/lib/grants/grant-service';
import { DEFAULT_LIST_PARAMS, type ListParams } from '@/lib/list-params';
import { longestChain } from '../../scripts/bench/first-view';
import {
  startAdapterHarness,
  type AdapterHarness,
} from '../support/authlete-server/adapter-harness';
import type { ApiVersion } from '../support/authlete-server/routes';
import { grantService } from '../support/grant-service-harness';
import type { TestApp, TestUser } from '../support/world';

/** Long enough that calls sent together always overlap in the log, even on a busy machine. */
const LATENCY_MS = 300;

let harness: AdapterHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function view(overrides: Partial<ListParams> = {}): ListParams {
  return { ...DEFAULT_LIST_PARAMS, ...overrides };
}

/** People holding the same apps with two tokens each: one to warm shared caches, one measured. */
async function twoPeopleWithApps(count: number, version: ApiVersion = 'V3') {
  harness = await startAdapterHarness(version);
  const { world } = harness;
  const apps: TestApp[] = Array.from({ length: count }, (_, index) =>
    world.createApp({ name: `${index % 10 === 0 ? 'Photos' : 'Notes'} ${index}` }),
  );
  const person = (): TestUser => {
    const user = world.createPerson();
    apps.forEach((app, index) => {
      world.grant(user, app, ['openid'], 400 - (index % 300));
      world.grant(user, app, ['openid', 'photos.read'], 10);
    });
    return user;
  };
  return { apps, warm: person(), measured: person() };
}

/**
 * The calls one view of `run` makes, with the chain they formed, after a warm-up view. What
 * `prepare` reads for each person first (a grant's id, say) is handed to `run` and not counted.
 */
async function measure<Prepared = undefined>(
  people: { warm: TestUser; measured: TestUser },
  run: (service: GrantService, prepared: Prepared) => Promise<unknown>,
  prepare: (service: GrantService) => Promise<Prepared> = async () => undefined as Prepared,
) {
  const h = harness!;
  const service = (user: TestUser) => grantService(h.store, user.subject);
  const warm = service(people.warm);
  await run(warm, await prepare(warm));
  const measured = service(people.measured);
  const prepared = await prepare(measured);
  h.server.setLatency(LATENCY_MS);
  h.server.clearRequests();
  await run(measured, prepared);
  const calls = h.server.requests();
  h.server.setLatency(0);
  const byOperation: Record<string, number> = {};
  for (const call of calls) byOperation[call.operation!] = (byOperation[call.operation!] ?? 0) + 1;
  return { count: calls.length, byOperation, chain: longestChain(calls) };
}

describe.each(['V2', 'V3'] as const)(
  'Authlete calls of a detail page (%s test server)',
  (version) => {
    it('the app and its grants from one token read', async () => {
      const people = await twoPeopleWithApps(5, version);
      const [app] = people.apps;
      let shown: Awaited<ReturnType<GrantService['getAppWithGrants']>> | undefined;
      // What app/apps/[clientId]/page.tsx renders from: reading the app and its grants apart
      // (getApp beside getGrants) was two token reads.
      const counted = await measure(people, async (service) => {
        shown = await service.getAppWithGrants(app!.clientId);
      });
      expect(counted).toEqual({ count: 1, byOperation: { 'token.list': 1 }, chain: 1 });
      expect(shown?.app).toMatchObject({ clientId: app!.clientId, name: app!.name, tokenCount: 2 });
      expect(shown?.grants.grants).toHaveLength(2);
    });
  },
);

describe('Authlete calls per view (v3 test server)', () => {
  it('a list page of the demo-sized account: the list and the tokens, in one wave', async () => {
    const people = await twoPeopleWithApps(5);
    const counted = await measure(people, (service) => service.listApps(view()));
    expect(counted).toEqual({
      count: 2,
      byOperation: { 'authorization.list': 1, 'token.list': 1 },
      chain: 1,
    });
  });

  it('a list page of a person with many tokens: one read per app shown, two waits deep', async () => {
    const people = await twoPeopleWithApps(100);
    const counted = await measure(people, (service) => service.listApps(view({ size: 5 })));
    // 200 tokens are 10 subject-wide pages: after the first, the 5 apps shown are read one call
    // each instead of the 9 pages left.
    expect(counted).toEqual({
      count: 7,
      byOperation: { 'authorization.list': 1, 'token.list': 6 },
      chain: 2,
    });
  });

  it('a name search over 120 apps: the list in chunks, tokens only for the page shown', async () => {
    const people = await twoPeopleWithApps(120);
    const counted = await measure(people, (service) =>
      service.listApps(view({ q: 'photos', size: 10 })),
    );
    // 2 list chunks of 100 (the first tells how many follow), then the 10 matches shown.
    expect(counted).toEqual({
      count: 12,
      byOperation: { 'authorization.list': 2, 'token.list': 10 },
      chain: 3,
    });
  });

  it('a filter over 120 apps: the list and every token page in two waves', async () => {
    const people = await twoPeopleWithApps(120);
    const counted = await measure(people, (service) =>
      service.listApps(view({ inactive: true, size: 10 })),
    );
    // 240 tokens are 12 subject-wide pages, far fewer calls than one per app: the first goes
    // with the first list chunk, the other 11 with the second.
    expect(counted).toEqual({
      count: 14,
      byOperation: { 'authorization.list': 2, 'token.list': 12 },
      chain: 2,
    });
  });

  it('the clean-up count over 120 apps, asked for: the same two waves as a filter, nothing more', async () => {
    const people = await twoPeopleWithApps(120);
    const counted = await measure(people, (service) => service.countExpiredApps());
    // The same whole-list walk the filters and time sorts make (docs/design-notes.md, clean-up).
    expect(counted).toEqual({
      count: 14,
      byOperation: { 'authorization.list': 2, 'token.list': 12 },
      chain: 2,
    });
  });

  /** One app held with two tokens, one lacking a kept scope, so a narrowing is written per token. */
  async function twoPeopleWithAppToNarrow() {
    harness = await startAdapterHarness('V3');
    const { world } = harness;
    const app = world.createApp();
    const person = (): TestUser => {
      const user = world.createPerson();
      world.grant(user, app, ['openid', 'profile'], 20);
      world.grant(user, app, ['openid', 'photos.read'], 10);
      return user;
    };
    return { app, warm: person(), measured: person() };
  }

  it('a save written token by token: the lookup, the update, the read-back', async () => {
    const { app, ...people } = await twoPeopleWithAppToNarrow();
    const counted = await measure(people, (service) =>
      service.updateScopes(app.clientId, ['openid', 'profile']),
    );
    // The update names the token by the hash the lookup read with it: no second token read
    // (docs/design-notes.md#a-save-reads-the-tokens-once).
    expect(counted).toEqual({
      count: 3,
      byOperation: { 'token.list': 2, 'token.update': 1 },
      chain: 3,
    });
    expect(harness!.world.tokensOf(people.measured, app).map((token) => token.scopes)).toEqual([
      ['openid', 'profile'],
      ['openid'],
    ]);
  });

  it('a save written in one call: the lookup, the update, the read-back', async () => {
    const { app, ...people } = await twoPeopleWithAppToNarrow();
    const counted = await measure(people, (service) =>
      service.updateScopes(app.clientId, ['openid']),
    );
    expect(counted).toEqual({
      count: 3,
      byOperation: { 'token.list': 2, 'authorization.update': 1 },
      chain: 3,
    });
  });

  it('ending one grant: the lookup, the revocation and the read-back, no second read of the grants', async () => {
    const { app, ...people } = await twoPeopleWithAppToNarrow();
    const counted = await measure<string>(
      people,
      (service, grantId) => service.endGrant(app.clientId, grantId),
      async (service) => (await service.getAppWithGrants(app.clientId)).grants.grants[0]!.id,
    );
    // The grant is found among the lookup's own tokens (GrantStore.grantsOfRead), and the store
    // revokes it by the hash it read with that token: no read between the lookup and the revoke.
    expect(counted).toEqual({
      count: 3,
      byOperation: { 'token.list': 2, 'token.revoke': 1 },
      chain: 3,
    });
    expect(harness!.world.tokensOf(people.measured, app)).toHaveLength(1);
  });

  it("ending the grants that can renew (v2's way to stop renewal): the lookup, a revocation each, the read-back", async () => {
    harness = await startAdapterHarness('V2');
    const { world } = harness;
    const app = world.createApp();
    const person = (): TestUser => {
      const user = world.createPerson();
      world.grant(user, app, ['openid', 'offline_access'], 20);
      world.grant(user, app, ['openid', 'offline_access', 'profile'], 10);
      return user;
    };
    const people = { warm: person(), measured: person() };
    const counted = await measure(people, (service) => service.endRenewingGrants(app.clientId));
    // Both grants can renew; each is revoked by the hash the lookup read with it.
    expect(counted).toEqual({
      count: 4,
      byOperation: { 'token.list': 2, 'token.revoke': 2 },
      chain: 4,
    });
    expect(harness!.world.tokensOf(people.measured, app)).toEqual([]);
  });

  it('a removal: the lookup, the token delete, then the consent delete', async () => {
    const { app, ...people } = await twoPeopleWithAppToNarrow();
    const counted = await measure(people, (service) => service.revokeApp(app.clientId));
    // The consent goes after the tokens, by design (docs/design-notes.md), so three in series.
    expect(counted).toEqual({
      count: 3,
      byOperation: { 'token.list': 1, 'authorization.delete': 1, 'granted_scopes.delete': 1 },
      chain: 3,
    });
  });
});
