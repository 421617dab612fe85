/**
 * The change seam as the data layer meets it: real grant service rules over
 * an in-memory embedded backend, recording into a real app store (a SQLite
 * file of its own). Each change leaves one history entry, settled with each
 * app's outcome, one held-then-released event per changed app (when events
 * are configured), and one audit line.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createChangeRecorder, wasRecorded, type ChangeEvents } from '@/lib/changes/recorder';
import { summarizeUserAgent } from '@/lib/changes/user-agent';
import type { Db } from '@/lib/embedded/database';
import { createEmbeddedStore } from '@/lib/embedded/embedded-store';
import type { GrantStore } from '@/lib/grants/grant-store';
import { createGrantService, type GrantWording } from '@/lib/grants/grant-service';
import { log } from '@/lib/log';
import type { AppStore } from '@/lib/store/app-store';
import { testGrantIdOf } from '../support/grant-service-harness';
import { sqliteAppStoreForThisFile } from '../support/sqlite-app-store';
import { freshDatabase } from '../support/memory-db';
import { createWorld, type TestUser, type World } from '../support/world';

vi.mock('@/lib/env', () => ({ logLevelSetting: () => 'silent' }));

const store = sqliteAppStoreForThisFile('changes');
let db: Db;
let world: World;
beforeEach(() => {
  db = freshDatabase();
  world = createWorld(db);
});

/** Events that are plain strings naming their app, so tests can read what was enqueued. */
function fakeEvents() {
  let released = 0;
  const events: ChangeEvents = {
    issue: async ({ txn, kind, apps }) =>
      apps.map((app) => ({
        clientId: app.clientId,
        jti: `${txn}-${app.clientId}`,
        token: `${kind}:${app.clientId}`,
      })),
    released: () => void released++,
  };
  return { events, releasedCalls: () => released };
}

function serviceFor(
  user: TestUser,
  {
    backend,
    events = null,
    grants,
    history = store.history,
    outbox = store.outbox,
  }: {
    backend?: GrantStore;
    events?: ChangeEvents | null;
    grants?: GrantWording;
    history?: AppStore['history'];
    outbox?: AppStore['outbox'];
  } = {},
) {
  return createGrantService({
    store: backend ?? createEmbeddedStore(db),
    subject: user.subject,
    locale: 'en',
    signedInRecently: () => true,
    changes: createChangeRecorder({
      subject: user.subject,
      userAgent: 'Firefox 128 on macOS',
      history,
      outbox,
      events,
    }),
    grants,
  });
}

/** The embedded backend, except that removing an app's access fails (only `onlyFor`'s, if named). */
function refusingRemovals(failure: Error, onlyFor?: string): GrantStore {
  const embedded = createEmbeddedStore(db);
  return {
    ...embedded,
    deleteAuthorization: async (subject, clientId) => {
      if (onlyFor === undefined || clientId === onlyFor) throw failure;
      return embedded.deleteAuthorization(subject, clientId);
    },
  };
}

const newest = async (user: TestUser) =>
  (await store.history.listForSubject(user.subject, { page: 1, size: 10 })).entries;

describe('the change seam', () => {
  it('records a narrowing with what was removed and kept, settled done, and its event released', async () => {
    const user = world.createPerson();
    const app = world.createApp({ name: 'Photo Printer' });
    world.grant(user, app, ['openid', 'profile', 'email']);
    const { events, releasedCalls } = fakeEvents();
    const audit = vi.spyOn(log, 'info');

    await serviceFor(user, { events }).updateScopes(app.clientId, ['openid']);

    const [entry, ...rest] = await newest(user);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      kind: 'scopes_narrowed',
      outcome: 'done',
      userAgent: 'Firefox 128 on macOS',
      detail: {
        apps: [{ clientId: app.clientId, name: 'Photo Printer' }],
        scopesKept: ['openid'],
        scopesRemoved: ['profile', 'email'],
      },
      results: [{ clientId: app.clientId, outcome: 'done' }],
    });
    const outbox = await store.outbox.forHistoryEntry(entry!.id);
    expect(outbox.map((e) => [e.event, e.status, e.txn])).toEqual([
      [`scopes_narrowed:${app.clientId}`, 'pending', entry!.txn],
    ]);
    expect(releasedCalls()).toBe(1);
    expect(audit.mock.calls.filter(([event]) => event === 'audit')).toEqual([
      [
        'audit',
        expect.objectContaining({
          actor: user.subject,
          action: 'updateScopes',
          outcome: 'done',
          txn: entry!.txn,
        }),
      ],
    ]);
    audit.mockRestore();
  });

  it('records narrowing one grant with the grant, what it keeps and lost, and its event', async () => {
    const user = world.createPerson();
    const app = world.createApp({ name: 'Photo Printer' });
    world.grant(user, app, ['openid', 'profile', 'email'], 9);
    world.grant(user, app, ['openid', 'email'], 2);
    const { events, releasedCalls } = fakeEvents();
    const service = serviceFor(user, {
      events,
      grants: {
        idOf: testGrantIdOf,
        labelProperty: 'device',
        signInLabel: () => 'A sign-in',
      },
    });
    const [, older] = (await service.getGrants(app.clientId)).grants;

    await service.narrowGrant(app.clientId, older!.id, ['openid', 'email']);

    const [entry, ...rest] = await newest(user);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      kind: 'grant_narrowed',
      outcome: 'done',
      detail: {
        apps: [{ clientId: app.clientId, name: 'Photo Printer' }],
        scopesKept: ['openid', 'email'],
        scopesRemoved: ['profile'],
        // The grant's id too, by which the crash sweep would find it among the app's others.
        grant: { label: 'A sign-in', id: older!.id },
      },
      results: [{ clientId: app.clientId, outcome: 'done' }],
    });
    const outbox = await store.outbox.forHistoryEntry(entry!.id);
    expect(outbox.map((e) => [e.event, e.status])).toEqual([
      [`grant_narrowed:${app.clientId}`, 'pending'],
    ]);
    expect(releasedCalls()).toBe(1);
  });

  it('records stopping renewal as one renewal_stopped entry, settled done, with no event to send', async () => {
    const user = world.createPerson();
    const app = world.createApp({ name: 'Family Hub' });
    world.grantToken(user, app, { scopes: ['openid', 'calendar.read'], withRefreshToken: true });
    const { events, releasedCalls } = fakeEvents();
    const audit = vi.spyOn(log, 'info');
    const service = serviceFor(user, {
      events,
      grants: {
        idOf: testGrantIdOf,
        labelProperty: 'device',
        signInLabel: () => 'A sign-in',
      },
    });

    await service.stopRenewing(app.clientId);

    const [entry, ...rest] = await newest(user);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      kind: 'renewal_stopped',
      outcome: 'done',
      detail: { apps: [{ clientId: app.clientId, name: 'Family Hub' }] },
      results: [{ clientId: app.clientId, outcome: 'done' }],
    });
    // Its session is not over and no claim changed: CAEP has no event for it (lib/events/caep.ts).
    expect(await store.outbox.forHistoryEntry(entry!.id)).toEqual([]);
    expect(releasedCalls()).toBe(0);
    expect(audit.mock.calls.filter(([event]) => event === 'audit')).toEqual([
      [
        'audit',
        expect.objectContaining({
          actor: user.subject,
          action: 'stopRenewing',
          kind: 'renewal_stopped',
          outcome: 'done',
        }),
      ],
    ]);
    audit.mockRestore();
  });

  it('records a bulk removal as one entry; events only for the apps that lost access, sharing one txn', async () => {
    const user = world.createPerson();
    const [a, b, c] = [world.createApp(), world.createApp(), world.createApp()];
    for (const app of [a!, b!, c!]) world.grant(user, app, ['openid']);
    // The backend refuses to delete b: the change is partly done.
    const backend = refusingRemovals(new Error('backend down'), b!.clientId);
    const { events } = fakeEvents();

    const result = await serviceFor(user, { backend, events }).revokeApps([
      a!.clientId,
      b!.clientId,
      c!.clientId,
    ]);

    expect(result.items.map((item) => item.outcome)).toEqual(['revoked', 'failed', 'revoked']);
    const [entry] = await newest(user);
    expect(entry).toMatchObject({
      kind: 'apps_removed',
      outcome: 'partial',
      results: [
        { clientId: a!.clientId, outcome: 'done' },
        { clientId: b!.clientId, outcome: 'failed' },
        { clientId: c!.clientId, outcome: 'done' },
      ],
    });
    const outbox = await store.outbox.forHistoryEntry(entry!.id);
    expect(outbox.map((e) => e.event).sort()).toEqual(
      [`apps_removed:${a!.clientId}`, `apps_removed:${c!.clientId}`].sort(),
    );
    expect(new Set(outbox.map((e) => e.txn))).toEqual(new Set([entry!.txn]));
    expect(outbox.every((e) => e.status === 'pending')).toBe(true);
  });

  it('settles a change the backend refused as failed, drops its event, and marks the error recorded', async () => {
    const { user, app } = world.personWithApp(['openid']);
    const failure = new Error('backend down');
    const backend = refusingRemovals(failure);

    await expect(
      serviceFor(user, { backend, events: fakeEvents().events }).revokeApp(app.clientId),
    ).rejects.toBe(failure);

    expect(wasRecorded(failure)).toBe(true);
    const [entry] = await newest(user);
    expect(entry).toMatchObject({ kind: 'app_removed', outcome: 'failed' });
    expect(await store.outbox.forHistoryEntry(entry!.id)).toEqual([]);
  });

  it('writes no outbox rows when no events are configured, and nothing for a refused request', async () => {
    const { user, app } = world.personWithApp(['openid', 'profile']);
    const service = serviceFor(user);

    await expect(service.updateScopes(app.clientId, ['openid', 'admin'])).rejects.toMatchObject({
      code: 'scope_not_granted',
    });
    expect(await newest(user)).toEqual([]);

    await service.revokeApp(app.clientId);
    const [entry] = await newest(user);
    expect(entry).toMatchObject({ kind: 'app_removed', outcome: 'done' });
    expect(await store.outbox.forHistoryEntry(entry!.id)).toEqual([]);
  });

  it('costs the app store one statement before the backend call and one after, without events', async () => {
    const { user, app } = world.personWithApp(['openid', 'profile']);
    const calls: string[] = [];
    const counted = <T extends object>(name: string, target: T): T =>
      new Proxy(target, {
        get: (object, key, receiver) => {
          const value = Reflect.get(object, key, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls.push(`${name}.${String(key)}`);
            return value.apply(object, args);
          };
        },
      });
    const service = serviceFor(user, {
      history: counted('history', store.history),
      outbox: counted('outbox', store.outbox),
    });

    await service.updateScopes(app.clientId, ['openid']);
    expect(calls).toEqual(['history.begin', 'history.settle']);
    calls.length = 0;
    await service.revokeApp(app.clientId);
    expect(calls).toEqual(['history.begin', 'history.settle']);
    const [removal, narrowing] = await newest(user);
    expect(removal).toMatchObject({ kind: 'app_removed', outcome: 'done' });
    expect(narrowing).toMatchObject({ kind: 'scopes_narrowed', outcome: 'done' });
  });

  it("keeps one person's entries out of another's history", async () => {
    const [alice, bob] = [world.createPerson('Alice'), world.createPerson('Bob')];
    const app = world.createApp();
    world.grant(alice, app, ['openid']);
    await serviceFor(alice).revokeApp(app.clientId);
    expect(await newest(bob)).toEqual([]);
    expect(await newest(alice)).toHaveLength(1);
  });
});

describe('the user-agent summary', () => {
  it('names the browser, its major version and the system, never the raw header', () => {
    const header =
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7; rv:128.0) Gecko/20100101 Firefox/128.0';
    expect(summarizeUserAgent(new Headers({ 'user-agent': header }))).toBe('Firefox 128 on Mac OS');
    expect(summarizeUserAgent(new Headers())).toBe('');
  });
});
