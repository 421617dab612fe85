/**
 * What removal cannot undo: where the service issues self-contained (JWT)
 * access tokens, the app's summary says until when the last one it holds
 * keeps working; where tokens are opaque, or the backend cannot tell, it
 * claims nothing.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/embedded/database';
import { createEmbeddedStore } from '@/lib/embedded/embedded-store';
import { createGrantService } from '@/lib/grants/grant-service';
import type { GrantStore } from '@/lib/grants/grant-store';
import { freshDatabase } from '../support/memory-db';
import { createWorld, type World } from '../support/world';

vi.mock('@/lib/env', () => ({ logLevelSetting: () => 'silent' }));

const NOW = Date.UTC(2026, 11, 2, 12);
const HOUR = 3600_000;

let db: Db;
let world: World;
beforeEach(() => {
  db = freshDatabase();
  world = createWorld(db);
});

function appWithTokens(expiries: number[]) {
  const user = world.createPerson();
  const app = world.createApp();
  for (const accessTokenExpiresAt of expiries)
    world.grantToken(user, app, {
      scopes: ['openid'],
      createdAt: NOW - 10 * HOUR,
      accessTokenExpiresAt,
    });
  return { user, app };
}

function serviceOver(store: GrantStore, subject: string) {
  return createGrantService({ store, subject, locale: 'en', now: () => NOW });
}

describe('until when an access token keeps working after removal', () => {
  it('self-contained tokens: the latest expiry among the app’s still-valid ones', async () => {
    const { user, app } = appWithTokens([NOW - HOUR, NOW + 2 * HOUR, NOW + 5 * HOUR]);
    const store = createEmbeddedStore(db, { jwtAccessTokens: true });
    const summary = await serviceOver(store, user.subject).getApp(app.clientId);
    expect(summary.accessWorksUntil).toBe(new Date(NOW + 5 * HOUR).toISOString());
  });

  it('self-contained tokens, none still valid: nothing to warn about', async () => {
    const { user, app } = appWithTokens([NOW - HOUR]);
    const store = createEmbeddedStore(db, { jwtAccessTokens: true });
    const summary = await serviceOver(store, user.subject).getApp(app.clientId);
    expect(summary).not.toHaveProperty('accessWorksUntil');
  });

  it('opaque tokens (the embedded default): removal ends them at once, nothing claimed', async () => {
    const { user, app } = appWithTokens([NOW + 5 * HOUR]);
    const summary = await serviceOver(createEmbeddedStore(db), user.subject).getApp(app.clientId);
    expect(summary).not.toHaveProperty('accessWorksUntil');
  });

  it('a backend that cannot tell, or fails to, claims nothing and still shows the app', async () => {
    const { user, app } = appWithTokens([NOW + 5 * HOUR]);
    const base = createEmbeddedStore(db);
    const failing: GrantStore = {
      ...base,
      accessTokensSelfContained: () => Promise.reject(new Error('service down')),
    };
    const silent: GrantStore = { ...base, accessTokensSelfContained: undefined };
    for (const store of [failing, silent]) {
      const summary = await serviceOver(store, user.subject).getApp(app.clientId);
      expect(summary.clientId).toBe(app.clientId);
      expect(summary).not.toHaveProperty('accessWorksUntil');
    }
  });
});
