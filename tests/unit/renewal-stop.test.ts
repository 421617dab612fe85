/**
 * "Can act while you're away" ends when the person says so (issue 10, item 4): unticking
 * offline_access leaves the app unable to renew where the backend can stop a grant renewing
 * (embedded, Authlete v3: refreshTokenExpiresAt on /auth/token/update), and where it cannot (v2)
 * the narrowing is refused before anything is written, so the page never says an ability is gone
 * while it is not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '@/lib/embedded/embedded-store';
import { GrantError } from '@/lib/grants/errors';
import type { GrantStore } from '@/lib/grants/grant-store';
import { createGrantService } from '@/lib/grants/grant-service';
import {
  startAdapterHarness,
  type AdapterHarness,
} from '../support/authlete-server/adapter-harness';
import { freshDatabase } from '../support/memory-db';
import { createWorld, type World } from '../support/world';

const DAY = 86_400_000;

let harness: AdapterHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function backend(
  kind: 'embedded' | 'V2' | 'V3',
): Promise<{ world: World; store: GrantStore }> {
  if (kind === 'embedded') {
    const db = freshDatabase();
    return { world: createWorld(db), store: createEmbeddedStore(db) };
  }
  harness = await startAdapterHarness(kind);
  return { world: harness.world, store: harness.store };
}

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
    const { world, store } = await backend(kind);
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
    const { world, store } = await backend('V2');
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
