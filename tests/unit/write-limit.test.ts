/**
 * The write limit as a caller meets it: the real server actions, over the real
 * data layer on an in-memory embedded database, counting in a real app store
 * (a SQLite file of its own), with only the request plumbing (session,
 * configuration, request scope, the store opened at start-up) stood in for.
 * The limit is counted in lib/user-action.ts, once per action call, so a bulk
 * revocation costs one write however many apps it removes.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { revokeAllApps, revokeApp, revokeApps } from '@/app/apps/actions';
import type { Db } from '@/lib/embedded/database';
import { createEmbeddedStore } from '@/lib/embedded/embedded-store';
import { grantsForSignedInUser } from '@/lib/grants';
import { createGrantService } from '@/lib/grants/grant-service';
import { sqliteAppStoreForThisFile } from '../support/sqlite-app-store';
import { freshDatabase } from '../support/memory-db';
import { createWorld, type TestApp, type TestUser, type World } from '../support/world';

const WRITE_LIMIT = 3;

vi.mock('@/lib/env', () => ({
  config: () => ({ writeLimitPerMinute: WRITE_LIMIT }),
  logLevelSetting: () => 'silent',
}));
vi.mock('@/lib/request-scope', () => ({
  withinRequest: <T>(work: () => Promise<T>) => work(),
}));
vi.mock('@/lib/grants', async () => ({
  GrantError: (await import('@/lib/grants/errors')).GrantError,
  grantsForSignedInUser: vi.fn(),
}));
vi.mock('@/lib/store', () => ({ appStore: () => store }));

const store = sqliteAppStoreForThisFile('write-limit');

let db: Db;
let world: World;

beforeEach(() => {
  db = freshDatabase();
  world = createWorld(db);
});

/** The person every action call below acts as, signed in just now (or long ago: `recent` false). */
function signIn(user: TestUser, recent = true) {
  vi.mocked(grantsForSignedInUser).mockImplementation(async () =>
    createGrantService({
      store: createEmbeddedStore(db),
      subject: user.subject,
      locale: 'en',
      signedInRecently: () => recent,
    }),
  );
}

const bulks = {
  'a selection': (apps: readonly TestApp[]) =>
    revokeApps({ clientIds: apps.map((app) => app.clientId) }),
  '"remove all"': () => revokeAllApps({}),
};

describe('the write limit', () => {
  it.each(Object.entries(bulks))(
    'counts %s of several apps once, and refuses the next write with the wait',
    async (_kind, revokeBulk) => {
      const { user, apps } = world.personWithApps(WRITE_LIMIT - 1 + 3);
      signIn(user);
      const singles = apps.slice(0, WRITE_LIMIT - 1);
      const bulk = apps.slice(WRITE_LIMIT - 1);
      for (const app of singles) {
        expect(await revokeApp({ clientId: app.clientId })).toMatchObject({ ok: true });
      }

      // The last write the limit allows; counted per app, it would be refused.
      const result = await revokeBulk(bulk);
      expect(result.ok && result.data.items.map((item) => item.outcome)).toEqual([
        'revoked',
        'revoked',
        'revoked',
      ]);

      // Counted at all, this is one write too many: refused, with when to try again.
      const late = world.createApp();
      world.grant(user, late, ['openid']);
      const refused = await revokeApp({ clientId: late.clientId });
      expect(refused).toEqual({
        ok: false,
        error: { code: 'rate_limited', retryAfterSeconds: expect.any(Number) },
      });
      expect(refused.ok === false && refused.error.retryAfterSeconds).toBeGreaterThan(0);
      expect(world.tokensOf(user, late)).toHaveLength(1);
    },
  );
});

describe('a bulk refused for an old sign-in', () => {
  it.each(Object.entries(bulks))(
    'costs %s no write: every write the limit allows is still there after the sign-in again',
    async (_kind, revokeBulk) => {
      const { user, apps } = world.personWithApps(WRITE_LIMIT + 2);
      signIn(user, false);
      for (let attempt = 0; attempt < WRITE_LIMIT + 1; attempt++) {
        expect(await revokeBulk(apps.slice(0, 2))).toEqual({
          ok: false,
          error: { code: 'reauth_required' },
        });
      }
      signIn(user, true);
      expect(await revokeBulk(apps.slice(0, 2))).toMatchObject({ ok: true });
      for (const app of apps.slice(2, WRITE_LIMIT + 1)) {
        expect(await revokeApp({ clientId: app.clientId })).toMatchObject({ ok: true });
      }
      expect(await revokeApp({ clientId: apps[WRITE_LIMIT + 1]!.clientId })).toMatchObject({
        ok: false,
        error: { code: 'rate_limited' },
      });
    },
  );
});
