/** The data layer's rules: ownership, narrowing only, no empty updates, idempotent revoke, the DTO. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/embedded/database';
import { REVOKE_ALL_LIMIT } from '@/lib/grants/bulk-limits';
import { createEmbeddedStore } from '@/lib/embedded/embedded-store';
import { GrantError } from '@/lib/grants/errors';
import type { GrantStore } from '@/lib/grants/grant-store';
import { createGrantService } from '@/lib/grants/grant-service';
import { DEFAULT_LIST_PARAMS, type ListParams } from '@/lib/list-params';
import { signedInRecently } from '@/lib/session-rules';
import {
  startAdapterHarness,
  type AdapterHarness,
} from '../support/authlete-server/adapter-harness';
import { captureLogLines } from '../support/log-lines';
import { freshDatabase } from '../support/memory-db';
import { recordingListRanges } from '../support/recording-store';
import { createWorld, type TestUser, type World } from '../support/world';

let db: Db;
let world: World;

beforeEach(() => {
  db = freshDatabase();
  world = createWorld(db);
});

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

function serviceFor(user: TestUser, locale = 'en') {
  return createGrantService({
    store: createEmbeddedStore(db),
    subject: user.subject,
    locale,
    now: () => NOW,
  });
}

function view(overrides: Partial<ListParams>): ListParams {
  return { ...DEFAULT_LIST_PARAMS, ...overrides };
}

async function expectGrantError(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toBeInstanceOf(GrantError);
  await expect(promise).rejects.toMatchObject({ code });
}

describe('listApps', () => {
  it('returns the page with totals, and the last page for a page past the end', async () => {
    const { user } = world.personWithApps(23);
    const service = serviceFor(user);
    const third = await service.listApps(view({ page: 3 }));
    expect({ ...third, apps: third.apps.length }).toEqual({
      apps: 5,
      page: 3,
      size: 5,
      totalCount: 23,
      pageCount: 5,
    });

    const beyond = await service.listApps(view({ page: 99 }));
    expect(beyond.page).toBe(5);
    expect(beyond.apps).toHaveLength(3);
  });

  it('answers an empty list with page 1 of 1', async () => {
    const service = serviceFor(world.createPerson());
    expect(await service.listApps(view({ page: 4, size: 10 }))).toEqual({
      apps: [],
      page: 1,
      size: 10,
      totalCount: 0,
      pageCount: 1,
    });
  });
});

describe('the DTO', () => {
  it('carries exactly the fields the page shows', async () => {
    const user = world.createPerson();
    const app = world.createApp({
      name: 'Photo App',
      description: 'Shares photos.',
      developer: 'Lumen Labs',
      logoUri: '/logos/photoshare.svg',
      clientUri: 'https://photo.example',
      policyUri: 'https://photo.example/privacy',
      tosUri: 'https://photo.example/terms',
    });
    db.prepare(
      `INSERT INTO access_tokens (client_id, subject, access_token_hash, refresh_token_hash, grant_type, scopes, created_at,
         last_refreshed_at, access_token_expires_at, refresh_token_expires_at) VALUES (?, ?, 'h1', 'r1', 'AUTHORIZATION_CODE', ?, ?, ?, ?, ?)`,
    ).run(
      BigInt(app.clientId),
      user.subject,
      JSON.stringify(['openid', 'photos.read']),
      NOW - 90 * DAY,
      NOW - 2 * DAY,
      NOW + DAY,
      NOW + 30 * DAY,
    );
    world.grant(user, app, ['photos.write'], 30);

    const summary = await serviceFor(user).getApp(app.clientId);
    expect(summary).toEqual({
      clientId: app.clientId,
      name: 'Photo App',
      description: 'Shares photos.',
      logoUrl: '/logos/photoshare.svg',
      developer: 'Lumen Labs',
      homepageUrl: 'https://photo.example/',
      privacyPolicyUrl: 'https://photo.example/privacy',
      termsUrl: 'https://photo.example/terms',
      // The photos.write token's access and renewal have both expired: it counts for nothing.
      scopes: [
        { name: 'openid', description: 'Confirm who you are', kind: 'read', whenRemoved: null },
        {
          name: 'photos.read',
          description: 'View your photos and albums',
          kind: 'read',
          whenRemoved: null,
        },
      ],
      authorizedAt: new Date(NOW - 90 * DAY).toISOString(),
      lastActiveAt: new Date(NOW - 2 * DAY).toISOString(),
      selfRegistration: null,
      firstParty: false,
      canNoLongerAct: false,
      offlineAccess: true,
      tokenCount: 2,
      newestGrantLabel: null,
      canStopRenewal: true,
      renewingGrantCount: 1,
      // The live token's access: what "Stop renewing" says the app keeps until.
      accessHeldUntil: new Date(NOW + DAY).toISOString(),
    });
  });

  it('says "never used" (null) when no token was refreshed, and no offline access without a refresh token', async () => {
    const { user, app } = world.personWithApp(['openid']);
    const summary = await serviceFor(user).getApp(app.clientId);
    expect(summary.lastActiveAt).toBeNull();
    expect(summary.offlineAccess).toBe(false);
  });

  it('"can act while you\'re away" (badge and filter) is a live refresh token, whatever the scopes say', async () => {
    const user = world.createPerson();
    // Holds offline_access, but its renewal was stopped: it acts only while its access lasts.
    const stopped = world.createApp({ name: 'Stopped' });
    world.grantToken(user, stopped, {
      scopes: ['openid', 'offline_access'],
      createdAt: NOW - 10 * DAY,
      accessTokenExpiresAt: NOW + DAY,
      refreshTokenExpiresAt: NOW - 1000,
    });
    // Never asked for offline_access, yet the service gave it a refresh token: it renews.
    const renews = world.createApp({ name: 'Renews' });
    world.grantToken(user, renews, {
      scopes: ['openid', 'calendar.read'],
      withRefreshToken: true,
      createdAt: NOW - 10 * DAY,
      refreshTokenExpiresAt: NOW + 30 * DAY,
    });
    const service = serviceFor(user);

    const [before, after] = [
      await service.getApp(stopped.clientId),
      await service.getApp(renews.clientId),
    ];
    expect([before.offlineAccess, before.renewingGrantCount]).toEqual([false, 0]);
    expect(before.scopes.map((scope) => scope.name)).toContain('offline_access');
    expect([after.offlineAccess, after.renewingGrantCount]).toEqual([true, 1]);
    const filtered = await service.listApps(view({ offline: true }));
    expect(filtered.apps.map((app) => app.name)).toEqual(['Renews']);
  });

  it('picks names and scope descriptions in the person’s language, and humanizes unknown scopes', async () => {
    const user = world.createPerson();
    const app = world.createApp({
      name: 'Travel Wallet',
      tagged: { clientName: { ja: 'トラベルウォレット' } },
    });
    world.grant(user, app, ['openid', 'bookings.read']);
    const summary = await serviceFor(user, 'ja').getApp(app.clientId);
    expect(summary.name).toBe('トラベルウォレット');
    expect(summary.scopes).toEqual([
      {
        name: 'openid',
        description: 'あなたが誰であるかを確認する',
        kind: 'read',
        whenRemoved: null,
      },
      { name: 'bookings.read', description: 'Bookings read', kind: 'read', whenRemoved: null },
    ]);
  });

  it('drops links that are not absolute http(s), and logos that are neither https nor a same-origin path', async () => {
    const user = world.createPerson();
    const app = world.createApp({
      logoUri: 'http://cdn.example/logo.png',
      clientUri: '/sign-in?callbackUrl=/apps',
      policyUri: 'javascript:alert(1)',
      tosUri: '//evil.example/terms',
    });
    world.grant(user, app, ['openid']);
    const summary = await serviceFor(user).getApp(app.clientId);
    expect([
      summary.logoUrl,
      summary.homepageUrl,
      summary.privacyPolicyUrl,
      summary.termsUrl,
    ]).toEqual([null, null, null, null]);
  });
});

describe('updateScopes', () => {
  it('narrows what the app may do, on every token', async () => {
    const user = world.createPerson();
    const app = world.createApp();
    world.grant(user, app, ['openid', 'profile', 'email'], 20);
    world.grant(user, app, ['openid', 'email'], 2);
    const updated = await serviceFor(user).updateScopes(app.clientId, ['openid', 'email']);
    expect(updated.app.scopes.map((scope) => scope.name)).toEqual(['openid', 'email']);
    expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
      ['openid', 'email'],
      ['openid', 'email'],
    ]);
  });

  it('refuses to add a scope the app does not hold, and changes nothing', async () => {
    const { user, app } = world.personWithApp(['openid', 'profile']);
    await expectGrantError(
      serviceFor(user).updateScopes(app.clientId, ['openid', 'payments.initiate']),
      'scope_not_granted',
    );
    expect(world.tokensOf(user, app)[0]!.scopes).toEqual(['openid', 'profile']);
  });

  it('refuses an empty scope list: that is a revoke, which needs its own confirmation', async () => {
    const { user, app } = world.personWithApp(['openid']);
    await expectGrantError(serviceFor(user).updateScopes(app.clientId, []), 'empty_scopes');
    expect(world.tokensOf(user, app)[0]!.scopes).toEqual(['openid']);
  });

  it('refuses an app this person has not authorized, even one someone else has, and leaves theirs alone', async () => {
    const alice = world.createPerson('Alice');
    const bob = world.createPerson('Bob');
    const app = world.createApp();
    world.grant(alice, app, ['openid', 'profile']);
    await expectGrantError(serviceFor(bob).updateScopes(app.clientId, ['openid']), 'app_not_found');
    await expectGrantError(serviceFor(bob).getApp(app.clientId), 'app_not_found');
    expect(world.tokensOf(alice, app)[0]!.scopes).toEqual(['openid', 'profile']);
  });
});

describe('revokeApp', () => {
  it('removes the app and is idempotent', async () => {
    const { user, app } = world.personWithApp(['openid']);
    const service = serviceFor(user);
    expect(await service.revokeApp(app.clientId)).toEqual({ alreadyRevoked: false });
    expect(world.tokensOf(user, app)).toEqual([]);
    expect(await service.revokeApp(app.clientId)).toEqual({ alreadyRevoked: true });
  });

  it("cannot touch another person's grant for the same app", async () => {
    const alice = world.createPerson('Alice');
    const bob = world.createPerson('Bob');
    const app = world.createApp();
    world.grant(alice, app, ['openid']);
    expect(await serviceFor(bob).revokeApp(app.clientId)).toEqual({ alreadyRevoked: true });
    expect(world.tokensOf(alice, app)).toHaveLength(1);
  });
});

describe('permissions in plain words', () => {
  it('lists payment, then write, then offline access, then the rest', async () => {
    const { user, app } = world.personWithApp([
      'openid',
      'offline_access',
      'photos.read',
      'calendar.write',
      'payments.initiate',
    ]);
    const { scopes } = await serviceFor(user).getApp(app.clientId);
    expect(scopes.map((scope) => [scope.name, scope.kind])).toEqual([
      ['payments.initiate', 'payment'],
      ['calendar.write', 'write'],
      ['offline_access', 'offline'],
      ['openid', 'read'],
      ['photos.read', 'read'],
    ]);
  });

  it("prefers the operator's words in the person's language, then the service's, then any", async () => {
    const { user, app } = world.personWithApp(['openid', 'photos.read', 'email']);
    const service = createGrantService({
      store: createEmbeddedStore(db),
      subject: user.subject,
      locale: 'ja',
      scopeOverrides: {
        openid: { ja: 'ログインに使う' },
        'photos.read': { en: 'Look at your pictures' },
      },
    });
    const { scopes } = await service.getApp(app.clientId);
    expect(Object.fromEntries(scopes.map((scope) => [scope.name, scope.description]))).toEqual({
      openid: 'ログインに使う',
      'photos.read': '写真とアルバムを見る',
      email: 'メールアドレスを見る',
    });
  });
});

describe('search, sort and filters over the whole list', () => {
  function personWithVariedApps() {
    const user = world.createPerson();
    const make = (
      name: string,
      daysAgo: number,
      scopes: string[],
      lastRefreshedDaysAgo?: number,
    ) => {
      const app = world.createApp({ name });
      const renews = scopes.includes('offline_access');
      db.prepare(
        `INSERT INTO access_tokens (client_id, subject, access_token_hash, refresh_token_hash, grant_type, scopes,
           created_at, last_refreshed_at, access_token_expires_at, refresh_token_expires_at)
         VALUES (?, ?, 'h', ?, 'AUTHORIZATION_CODE', ?, ?, ?, ?, ?)`,
      ).run(
        BigInt(app.clientId),
        user.subject,
        // Only the app holding offline_access can renew (a live refresh token).
        renews ? `r-${name}` : null,
        JSON.stringify(scopes),
        NOW - daysAgo * DAY,
        lastRefreshedDaysAgo === undefined ? 0 : NOW - lastRefreshedDaysAgo * DAY,
        NOW + DAY,
        renews ? NOW + 300 * DAY : 0,
      );
      return app;
    };
    make('Zebra Notes', 400, ['openid'], 200);
    make('Photo Frame', 300, ['photos.read', 'offline_access'], 1);
    make('alpha Maps', 200, ['openid']);
    make('Photo Book', 20, ['photos.read'], 5);
    return user;
  }

  it('searches names across every page, ignoring case', async () => {
    const service = serviceFor(personWithVariedApps());
    const page = await service.listApps(view({ q: 'photo', size: 5 }));
    expect(page.apps.map((app) => app.name)).toEqual(['Photo Frame', 'Photo Book']);
    expect(page.totalCount).toBe(2);
  });

  it('sorts by name, newest access, last renewal and oldest access', async () => {
    const service = serviceFor(personWithVariedApps());
    const names = async (sort: ListParams['sort']) =>
      (await service.listApps(view({ sort }))).apps.map((a) => a.name);
    expect(await names('name')).toEqual(['alpha Maps', 'Photo Book', 'Photo Frame', 'Zebra Notes']);
    expect(await names('newest')).toEqual([
      'Photo Book',
      'alpha Maps',
      'Photo Frame',
      'Zebra Notes',
    ]);
    expect(await names('active')).toEqual([
      'Photo Frame',
      'Photo Book',
      'Zebra Notes',
      'alpha Maps',
    ]);
    expect(await names('oldest')).toEqual([
      'Zebra Notes',
      'Photo Frame',
      'alpha Maps',
      'Photo Book',
    ]);
  });

  it('"Oldest access first" sorts by grant date over the whole list; the default keeps the service\'s order, paged by it', async () => {
    const user = personWithVariedApps();
    const embedded = createEmbeddedStore(db);
    const ranges: Array<{ start: number; end: number }> = [];
    // A service whose own order is not by grant date (Authlete documents none): reversed here.
    const reversed: GrantStore = {
      ...embedded,
      async listAuthorizedApps(subject, range) {
        ranges.push({ start: range.start, end: range.end });
        const all = await embedded.listAuthorizedApps(subject, { start: 0, end: 1000 });
        const apps = [...all.apps].reverse().slice(range.start, range.end);
        return { totalCount: all.totalCount, apps };
      },
    };
    const service = createGrantService({
      store: reversed,
      subject: user.subject,
      locale: 'en',
      now: () => NOW,
    });
    const names = async (params: Partial<ListParams>) =>
      (await service.listApps(view(params))).apps.map((a) => a.name);

    expect(await names({ size: 5 })).toEqual([
      'Photo Book',
      'alpha Maps',
      'Photo Frame',
      'Zebra Notes',
    ]);
    // The default view is one backend page: the range asked is the page's own.
    expect(ranges).toEqual([{ start: 0, end: 5 }]);
    expect(await names({ sort: 'oldest', size: 5 })).toEqual([
      'Zebra Notes',
      'Photo Frame',
      'alpha Maps',
      'Photo Book',
    ]);
  });

  it("a publisher's apps come from the backend's developer filter: paged by it alone, or read whole for a sort", async () => {
    const user = world.createPerson();
    const developer = `Lumen ${world.tag}`;
    const theirs = [1, 2, 3].map((n) => world.createApp({ name: `Lumen ${n}`, developer }));
    const other = world.createApp({ name: 'Other', developer: 'Someone else' });
    theirs.forEach((app, index) => world.grant(user, app, ['openid'], 30 - index));
    world.grant(user, other, ['openid'], 40);
    const { store, listed: calls } = recordingListRanges(createEmbeddedStore(db));
    const service = createGrantService({
      store,
      subject: user.subject,
      locale: 'en',
      now: () => NOW,
    });

    const second = await service.listApps(view({ developer, page: 2, size: 5 }));
    expect(second.page).toBe(1);
    expect(second.totalCount).toBe(3);
    // Page 2 is past the end: the backend is asked for it, then for the last page, both filtered.
    expect(calls).toEqual([
      { start: 5, end: 10, developer },
      { start: 0, end: 5, developer },
    ]);
    expect(second.apps.map((app) => app.name)).toEqual(['Lumen 1', 'Lumen 2', 'Lumen 3']);

    calls.length = 0;
    const byName = await service.listApps(view({ developer, sort: 'name', q: '2' }));
    expect(byName.apps.map((app) => app.name)).toEqual(['Lumen 2']);
    expect(calls.every((range) => range.developer === developer)).toBe(true);
  });

  it('filters to offline access, and to apps not renewed for more than 90 days', async () => {
    const service = serviceFor(personWithVariedApps());
    expect((await service.listApps(view({ offline: true }))).apps.map((a) => a.name)).toEqual([
      'Photo Frame',
    ]);
    // Never renewed counts from the grant: alpha Maps was authorized 200 days ago.
    expect((await service.listApps(view({ inactive: true }))).apps.map((a) => a.name)).toEqual([
      'Zebra Notes',
      'alpha Maps',
    ]);
  });

  it('pages the filtered result and clamps a page past its end', async () => {
    const { user } = world.personWithApps(12);
    const page = await serviceFor(user).listApps(view({ q: 'app', page: 9, size: 5 }));
    expect({ page: page.page, count: page.apps.length, total: page.totalCount }).toEqual({
      page: 3,
      count: 2,
      total: 12,
    });
  });
});

describe('reading the whole list', () => {
  let harness: AdapterHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
    vi.restoreAllMocks();
  });

  it('finds every app when Authlete answers fewer apps per call than asked', async () => {
    harness = await startAdapterHarness('V3', { server: { maxClientsPerListPage: 3 } });
    const { user, apps } = harness.world.personWithApps(10);
    const service = createGrantService({
      store: harness.store,
      subject: user.subject,
      locale: 'en',
    });

    const page = await service.listApps(view({ sort: 'name', size: 20 }));
    expect(page.totalCount).toBe(10);
    expect(page.apps.map((app) => app.name)).toEqual(apps.map((app) => app.name).sort());
    const listCalls = harness.server
      .requests()
      .filter((request) => request.operation === 'authorization.list')
      .map((request) => (request.body as { start: number }).start);
    // The first chunk shows the server's cap; the rest go out together, in no fixed order.
    expect(listCalls[0]).toBe(0);
    expect(listCalls.slice(1).sort((a, b) => a - b)).toEqual([3, 6, 9]);
  });

  it('stops at an empty answer when the backend overstates its total, and says so in the log', async () => {
    const { user } = world.personWithApps(12);
    const embedded = createEmbeddedStore(db);
    const ranges: Array<[number, number]> = [];
    const overstating: GrantStore = {
      ...embedded,
      async listAppNames(subject, range) {
        ranges.push([range.start, range.end]);
        const page = await embedded.listAppNames(subject, range);
        return { ...page, totalCount: 40 };
      },
    };
    const logLines = captureLogLines();
    const service = createGrantService({ store: overstating, subject: user.subject, locale: 'en' });

    const page = await service.listApps(view({ q: 'app', size: 20 }));
    expect(page.totalCount).toBe(12);
    // The person is told how many apps the view could not look at.
    expect(page.unreadCount).toBe(28);
    expect(ranges).toEqual([
      [0, 1000],
      [12, 1000],
    ]);
    expect(logLines[0]).toMatchObject({
      msg: 'grants.whole_list_truncated',
      total: 40,
      read: 12,
    });
  });
});

describe('bulk revocation', () => {
  function bulkService(user: TestUser, signedInAgoMs: number) {
    return createGrantService({
      store: createEmbeddedStore(db),
      subject: user.subject,
      locale: 'en',
      signedInRecently: () =>
        signedInRecently(
          { signedInAt: NOW - signedInAgoMs, method: 'password', providerAuthAt: null },
          600_000,
          NOW,
        ),
      now: () => NOW,
    });
  }

  it('needs a recent sign-in, and changes nothing without one', async () => {
    const { user, apps } = world.personWithApps(3);
    const stale = bulkService(user, 601_000);
    await expectGrantError(stale.revokeApps([apps[0]!.clientId]), 'reauth_required');
    await expectGrantError(stale.revokeAllApps(), 'reauth_required');
    expect(apps.map((app) => world.tokensOf(user, app).length)).toEqual([1, 1, 1]);
  });

  it('revokes the selected apps and reports each one, including those already gone', async () => {
    const { user, apps } = world.personWithApps(3);
    const stranger = world.createApp();
    const result = await bulkService(user, 1000).revokeApps([
      apps[0]!.clientId,
      apps[2]!.clientId,
      stranger.clientId,
    ]);
    expect(result).toEqual({
      items: [
        { clientId: apps[0]!.clientId, name: apps[0]!.name, outcome: 'revoked' },
        { clientId: apps[2]!.clientId, name: apps[2]!.name, outcome: 'revoked' },
        { clientId: stranger.clientId, name: null, outcome: 'already_revoked' },
      ],
      remainingCount: 0,
    });
    expect(apps.map((app) => world.tokensOf(user, app).length)).toEqual([0, 1, 0]);
  });

  it('reports exactly which apps failed when the backend fails for some', async () => {
    const { user, apps } = world.personWithApps(3);
    // A real failure from the database for one app only.
    db.exec(`CREATE TRIGGER refuse_delete BEFORE DELETE ON access_tokens WHEN OLD.client_id = ${apps[1]!.clientId}
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const result = await bulkService(user, 1000).revokeAllApps();
    expect(result.items.map((item) => [item.name, item.outcome])).toEqual([
      [apps[0]!.name, 'revoked'],
      [apps[1]!.name, 'failed'],
      [apps[2]!.name, 'revoked'],
    ]);
    expect(result.remainingCount).toBe(0);
    expect(apps.map((app) => world.tokensOf(user, app).length)).toEqual([0, 1, 0]);
  });

  it('removes every app when they fit in one request, and says none are left', async () => {
    const { user, apps } = world.personWithApps(REVOKE_ALL_LIMIT);
    const result = await bulkService(user, 1000).revokeAllApps();
    expect(result.items.filter((item) => item.outcome === 'revoked')).toHaveLength(
      REVOKE_ALL_LIMIT,
    );
    expect(result.remainingCount).toBe(0);
    expect(apps.every((app) => world.tokensOf(user, app).length === 0)).toBe(true);
  });

  it('removes at most its cap per request, says how many still have access, and the next run takes them', async () => {
    const { user, apps } = world.personWithApps(REVOKE_ALL_LIMIT + 3);
    const service = bulkService(user, 1000);

    const first = await service.revokeAllApps();
    // The first ones in the backend's order (oldest authorization first), each reported.
    expect(first.items.map((item) => [item.clientId, item.outcome])).toEqual(
      apps.slice(0, REVOKE_ALL_LIMIT).map((app) => [app.clientId, 'revoked']),
    );
    expect(first.remainingCount).toBe(3);
    expect(apps.map((app) => world.tokensOf(user, app).length)).toEqual([
      ...Array<number>(REVOKE_ALL_LIMIT).fill(0),
      1,
      1,
      1,
    ]);

    const second = await service.revokeAllApps();
    expect(second.items.map((item) => item.name)).toEqual(
      apps.slice(REVOKE_ALL_LIMIT).map((app) => app.name),
    );
    expect(second.remainingCount).toBe(0);
    expect(apps.every((app) => world.tokensOf(user, app).length === 0)).toBe(true);
  });

  it('refuses more apps than the bulk limit in one request', async () => {
    const user = world.createPerson();
    const ids = Array.from({ length: 51 }, (_, i) => String(1000 + i));
    await expectGrantError(bulkService(user, 1000).revokeApps(ids), 'invalid_input');
  });
});
