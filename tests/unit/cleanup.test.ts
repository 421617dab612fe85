/**
 * The clean-up of apps that can no longer act, and first-party apps that no bulk action touches:
 * the selection rule, and the data layer's clean-up and bulk removals over the embedded store.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/embedded/database';
import { createEmbeddedStore } from '@/lib/embedded/embedded-store';
import { BULK_REVOKE_LIMIT, REVOKE_ALL_LIMIT } from '@/lib/grants/bulk-limits';
import { canNoLongerAct, cleanUpCandidates } from '@/lib/grants/cleanup';
import { isFirstParty } from '@/lib/grants/first-party';
import type { GrantToken } from '@/lib/grants/grant-store';
import { GrantError } from '@/lib/grants/errors';
import type { ChangeOutcome, ChangePlan, ChangeRecorder } from '@/lib/changes/types';
import { WHOLE_LIST_LIMIT, createGrantService } from '@/lib/grants/grant-service';
import { DEFAULT_LIST_PARAMS } from '@/lib/list-params';
import { freshDatabase } from '../support/memory-db';
import { recordingListRanges } from '../support/recording-store';
import { createWorld, type TestApp, type TestUser, type World } from '../support/world';

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

function token(accessTokenExpiresAt: number, refreshTokenExpiresAt: number): GrantToken {
  return {
    scopes: ['openid'],
    createdAt: NOW - 400 * DAY,
    lastRefreshedAt: 0,
    accessTokenExpiresAt,
    refreshTokenExpiresAt,
    grantType: 'AUTHORIZATION_CODE',
  };
}

describe('the selection rule', () => {
  const expired = token(NOW - DAY, NOW - DAY);
  const renewable = token(NOW - DAY, NOW + DAY);
  const accessLive = token(NOW + 60_000, 0);

  it('picks an app only when every grant has expired, access and renewal', () => {
    expect(canNoLongerAct({ tokens: [expired] }, NOW)).toBe(true);
    expect(canNoLongerAct({ tokens: [expired, token(NOW - 1, 0)] }, NOW)).toBe(true);
    // Access gone but it can still renew itself: it can act again without asking.
    expect(canNoLongerAct({ tokens: [renewable] }, NOW)).toBe(false);
    expect(canNoLongerAct({ tokens: [accessLive] }, NOW)).toBe(false);
    expect(canNoLongerAct({ tokens: [expired, renewable] }, NOW)).toBe(false);
    // Expiring exactly now is expired.
    expect(canNoLongerAct({ tokens: [token(NOW, NOW)] }, NOW)).toBe(true);
    expect(canNoLongerAct({ tokens: [] }, NOW)).toBe(false);
  });

  it('marks first-party apps by the named attribute with the value "true" only', () => {
    const app = (attributes: Array<{ key: string; value: string }>) => ({ attributes });
    expect(isFirstParty(app([{ key: 'first_party', value: 'true' }]), 'first_party')).toBe(true);
    expect(isFirstParty(app([{ key: 'first_party', value: ' TRUE ' }]), 'first_party')).toBe(true);
    expect(isFirstParty(app([{ key: 'first_party', value: 'false' }]), 'first_party')).toBe(false);
    expect(isFirstParty(app([{ key: 'first_party', value: 'yes' }]), 'first_party')).toBe(false);
    expect(isFirstParty(app([{ key: 'ours', value: 'true' }]), 'first_party')).toBe(false);
    expect(isFirstParty(app([{ key: 'ours', value: 'true' }]), 'ours')).toBe(true);
    expect(isFirstParty(app([]), 'first_party')).toBe(false);
  });

  it('never picks a first-party app, and keeps the order given', () => {
    const apps = [
      { id: 'a', tokens: [expired], attributes: [] },
      { id: 'b', tokens: [expired], attributes: [{ key: 'first_party', value: 'true' }] },
      { id: 'c', tokens: [renewable], attributes: [] },
      { id: 'd', tokens: [expired, expired], attributes: [] },
    ];
    expect(cleanUpCandidates(apps, 'first_party', NOW).map((app) => app.id)).toEqual(['a', 'd']);
  });
});

describe('the clean-up and first-party apps in the data layer', () => {
  let db: Db;
  let world: World;
  beforeEach(() => {
    db = freshDatabase();
    world = createWorld(db);
  });

  function service(user: TestUser, recent = true, changes?: ChangeRecorder) {
    return createGrantService({
      ...(changes ? { changes } : {}),
      store: createEmbeddedStore(db),
      subject: user.subject,
      locale: 'en',
      signedInRecently: () => recent,
      now: () => NOW,
      firstPartyAttribute: 'ours',
    });
  }

  /** A grant made long ago whose access and renewal have both expired. */
  function expiredGrant(user: TestUser, app: TestApp, daysAgo = 400) {
    world.grantToken(user, app, {
      scopes: ['openid', 'offline_access'],
      createdAt: NOW - daysAgo * DAY,
      accessTokenExpiresAt: NOW - (daysAgo - 1) * DAY,
      withRefreshToken: false,
    });
  }

  function liveGrant(user: TestUser, app: TestApp, daysAgo = 3) {
    world.grantToken(user, app, {
      scopes: ['openid'],
      createdAt: NOW - daysAgo * DAY,
      accessTokenExpiresAt: NOW + DAY,
    });
  }

  it('counts over the whole list, leaving out first-party apps, and marks each app', async () => {
    const user = world.createPerson();
    const ours = world.createApp({ attributes: [{ key: 'ours', value: 'true' }] });
    const stale = Array.from({ length: 7 }, () => world.createApp());
    const live = world.createApp();
    expiredGrant(user, ours, 500);
    stale.forEach((app, index) => expiredGrant(user, app, 450 - index));
    liveGrant(user, live);
    const grants = service(user);
    expect(await grants.countExpiredApps()).toEqual({ count: 7, unreadCount: 0 });
    // The default page holds 5 of 9: no free count; a filter reads the whole list and has it.
    const first = await grants.listApps({ ...DEFAULT_LIST_PARAMS, size: 5 });
    expect(first.expiredCount).toBeUndefined();
    const sorted = await grants.listApps({ ...DEFAULT_LIST_PARAMS, size: 5, sort: 'newest' });
    expect(sorted.expiredCount).toBe(7);
    const whole = await grants.listApps({ ...DEFAULT_LIST_PARAMS, size: 10 });
    expect(whole.expiredCount).toBe(7);
    const byId = new Map(whole.apps.map((app) => [app.clientId, app]));
    expect(byId.get(ours.clientId)).toMatchObject({ firstParty: true, canNoLongerAct: true });
    expect(byId.get(live.clientId)).toMatchObject({ firstParty: false, canNoLongerAct: false });
    expect(byId.get(stale[0]!.clientId)).toMatchObject({ canNoLongerAct: true });
  });

  it('removes only apps that can no longer act, never a first-party one, and reports each', async () => {
    const user = world.createPerson();
    const ours = world.createApp({ attributes: [{ key: 'ours', value: 'true' }] });
    const stale = world.createApp();
    const mixed = world.createApp();
    const live = world.createApp();
    expiredGrant(user, ours);
    expiredGrant(user, stale);
    expiredGrant(user, mixed);
    liveGrant(user, mixed);
    liveGrant(user, live);
    const result = await service(user).cleanUpExpiredApps();
    expect(result).toEqual({
      items: [{ clientId: stale.clientId, name: stale.name, outcome: 'revoked' }],
      remainingCount: 0,
    });
    expect([ours, stale, mixed, live].map((app) => world.tokensOf(user, app).length)).toEqual([
      1, 0, 2, 1,
    ]);
  });

  it('goes through the change seam as one removal of the apps it picked, with each outcome', async () => {
    const user = world.createPerson();
    const stale = world.createApp();
    const live = world.createApp();
    expiredGrant(user, stale);
    liveGrant(user, live);
    const recorded: Array<{ plan: ChangePlan; outcome: ChangeOutcome<unknown> }> = [];
    const changes: ChangeRecorder = {
      async record(plan, perform) {
        const outcome = await perform();
        recorded.push({ plan, outcome });
        return outcome.value;
      },
    };
    await service(user, true, changes).cleanUpExpiredApps();
    expect(recorded.map(({ plan, outcome }) => [plan, outcome.results])).toEqual([
      [
        {
          operation: 'cleanUpExpiredApps',
          kind: 'apps_removed',
          apps: [{ clientId: stale.clientId, name: stale.name }],
        },
        [{ clientId: stale.clientId, outcome: 'done' }],
      ],
    ]);
  });

  it('removes at most the bulk limit per request and says how many remain', async () => {
    const user = world.createPerson();
    const apps = Array.from({ length: BULK_REVOKE_LIMIT + 3 }, () => world.createApp());
    apps.forEach((app, index) => expiredGrant(user, app, 500 - index));
    const first = await service(user).cleanUpExpiredApps();
    expect(first.items.filter((item) => item.outcome === 'revoked')).toHaveLength(
      BULK_REVOKE_LIMIT,
    );
    expect(first.remainingCount).toBe(3);
    const second = await service(user).cleanUpExpiredApps();
    expect(second.items).toHaveLength(3);
    expect(second.remainingCount).toBe(0);
    expect(await service(user).countExpiredApps()).toEqual({ count: 0, unreadCount: 0 });
  });

  it('needs a recent sign-in, and removes nothing without one', async () => {
    const user = world.createPerson();
    const stale = world.createApp();
    expiredGrant(user, stale);
    const refused = service(user, false).cleanUpExpiredApps();
    await expect(refused).rejects.toBeInstanceOf(GrantError);
    await expect(refused).rejects.toMatchObject({ code: 'reauth_required' });
    expect(world.tokensOf(user, stale)).toHaveLength(1);
  });

  it('keeps first-party apps out of a selection and out of "remove all", whatever is asked', async () => {
    const user = world.createPerson();
    const ours = world.createApp({ attributes: [{ key: 'ours', value: 'true' }] });
    const theirs = world.createApp();
    liveGrant(user, ours, 4);
    liveGrant(user, theirs, 3);
    const selected = await service(user).revokeApps([ours.clientId]);
    expect(selected.items).toEqual([
      { clientId: ours.clientId, name: ours.name, outcome: 'first_party' },
    ]);
    const all = await service(user).revokeAllApps();
    expect(all.items.map((item) => [item.clientId, item.outcome])).toEqual([
      [ours.clientId, 'first_party'],
      [theirs.clientId, 'revoked'],
    ]);
    expect(world.tokensOf(user, ours)).toHaveLength(1);
    // On its own, the person may still remove it.
    expect(await service(user).revokeApp(ours.clientId)).toEqual({ alreadyRevoked: false });
  });

  /** The service over the embedded store, with every list range it asked for. */
  function recordingService(user: TestUser) {
    const { store, listed } = recordingListRanges(createEmbeddedStore(db));
    const grants = createGrantService({
      store,
      subject: user.subject,
      locale: 'en',
      signedInRecently: () => true,
      now: () => NOW,
      firstPartyAttribute: 'ours',
    });
    return { grants, listed };
  }

  /** `count` first-party apps, authorized before anything else (first in the backend's order). */
  function firstPartyApps(user: TestUser, count: number): TestApp[] {
    return Array.from({ length: count }, (_, index) => {
      const app = world.createApp({ attributes: [{ key: 'ours', value: 'true' }] });
      world.grantAt(user, app, ['openid'], NOW - (5000 - index) * DAY);
      return app;
    });
  }

  /** `count` apps of others, authorized after the first-party ones, in this order. */
  function otherApps(user: TestUser, count: number): TestApp[] {
    return Array.from({ length: count }, (_, index) => {
      const app = world.createApp();
      world.grantAt(user, app, ['openid'], NOW - (1000 - index) * DAY);
      return app;
    });
  }

  const outcomes = (items: ReadonlyArray<{ clientId: string; outcome: string }>) =>
    items.map((item) => [item.clientId, item.outcome]);

  it("reaches the apps after a cap's worth of first-party apps, and says none are left", async () => {
    const user = world.createPerson();
    const ours = firstPartyApps(user, REVOKE_ALL_LIMIT);
    const theirs = otherApps(user, 3);
    const { grants, listed } = recordingService(user);

    const result = await grants.revokeAllApps();
    expect(outcomes(result.items)).toEqual([
      ...ours.map((app) => [app.clientId, 'first_party']),
      ...theirs.map((app) => [app.clientId, 'revoked']),
    ]);
    expect(result.remainingCount).toBe(0);
    expect(theirs.map((app) => world.tokensOf(user, app).length)).toEqual([0, 0, 0]);
    expect(ours.every((app) => world.tokensOf(user, app).length === 1)).toBe(true);
    // Read a cap's worth at a time, and no further than the list goes.
    expect(listed).toEqual([
      { start: 0, end: REVOKE_ALL_LIMIT },
      { start: REVOKE_ALL_LIMIT, end: 2 * REVOKE_ALL_LIMIT },
    ]);
  });

  it('removes at most its cap past the kept apps, counts as left only the apps it did not reach, and the next run takes them', async () => {
    const user = world.createPerson();
    const ours = firstPartyApps(user, 2);
    const theirs = otherApps(user, REVOKE_ALL_LIMIT + 3);
    const { grants } = recordingService(user);

    const first = await grants.revokeAllApps();
    expect(outcomes(first.items)).toEqual([
      ...ours.map((app) => [app.clientId, 'first_party']),
      ...theirs.slice(0, REVOKE_ALL_LIMIT).map((app) => [app.clientId, 'revoked']),
    ]);
    expect(first.remainingCount).toBe(3);

    const second = await grants.revokeAllApps();
    expect(outcomes(second.items)).toEqual([
      ...ours.map((app) => [app.clientId, 'first_party']),
      ...theirs.slice(REVOKE_ALL_LIMIT).map((app) => [app.clientId, 'revoked']),
    ]);
    expect(second.remainingCount).toBe(0);
    expect(theirs.every((app) => world.tokensOf(user, app).length === 0)).toBe(true);
  });

  it('reads no further than the whole-list limit looking for apps to remove, and counts the rest as left', async () => {
    const user = world.createPerson();
    firstPartyApps(user, WHOLE_LIST_LIMIT);
    const theirs = otherApps(user, 2);
    const { grants, listed } = recordingService(user);

    const result = await grants.revokeAllApps();
    expect(result.items.filter((item) => item.outcome !== 'first_party')).toEqual([]);
    expect(result.remainingCount).toBe(2);
    expect(Math.max(...listed.map((range) => range.end))).toBe(WHOLE_LIST_LIMIT);
    expect(theirs.every((app) => world.tokensOf(user, app).length === 1)).toBe(true);
  });
});
