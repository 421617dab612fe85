/** The data layer's rules: ownership, narrowing only, no empty updates, idempotent revoke, the DTO. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/embedded/database';
import { createEmbeddedStore } from '@/lib/embedded/embedded-store';
import { GrantError } from '@/lib/grants/errors';
import { createGrantService } from '@/lib/grants/grant-service';
import { freshDatabase } from '../support/memory-db';
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

async function expectGrantError(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toBeInstanceOf(GrantError);
  await expect(promise).rejects.toMatchObject({ code });
}

describe('listApps', () => {
  it('returns the page with totals, and the last page for a page past the end', async () => {
    const { user } = world.personWithApps(23);
    const service = serviceFor(user);
    const third = await service.listApps({ page: 3, size: 5 });
    expect({ ...third, apps: third.apps.length }).toEqual({
      apps: 5,
      page: 3,
      size: 5,
      totalCount: 23,
      pageCount: 5,
    });

    const beyond = await service.listApps({ page: 99, size: 5 });
    expect(beyond.page).toBe(5);
    expect(beyond.apps).toHaveLength(3);
  });

  it('answers an empty list with page 1 of 1', async () => {
    const service = serviceFor(world.createPerson());
    expect(await service.listApps({ page: 4, size: 10 })).toEqual({
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
      scopes: [
        { name: 'openid', description: 'Confirm who you are' },
        { name: 'photos.read', description: 'View your photos and albums' },
        { name: 'photos.write', description: 'Upload, edit and delete your photos' },
      ],
      authorizedAt: new Date(NOW - 90 * DAY).toISOString(),
      lastActiveAt: new Date(NOW - 2 * DAY).toISOString(),
      offlineAccess: true,
      tokenCount: 2,
    });
  });

  it('says "never used" (null) when no token was refreshed, and no offline access without a refresh token', async () => {
    const user = world.createPerson();
    const app = world.createApp();
    world.grant(user, app, ['openid']);
    const summary = await serviceFor(user).getApp(app.clientId);
    expect(summary.lastActiveAt).toBeNull();
    expect(summary.offlineAccess).toBe(false);
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
      { name: 'openid', description: 'あなたが誰であるかを確認する' },
      { name: 'bookings.read', description: 'Bookings read' },
    ]);
  });

  it('drops links and logos that are not http(s) or a same-origin path', async () => {
    const user = world.createPerson();
    const app = world.createApp({
      logoUri: 'data:image/svg+xml,<svg onload=alert(1)>',
      clientUri: 'javascript:alert(1)',
      policyUri: '//evil.example/privacy',
      tosUri: 'ftp://files.example/terms',
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
    expect(updated.scopes.map((scope) => scope.name)).toEqual(['openid', 'email']);
    expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
      ['openid', 'email'],
      ['openid', 'email'],
    ]);
  });

  it('refuses to add a scope the app does not hold, and changes nothing', async () => {
    const user = world.createPerson();
    const app = world.createApp();
    world.grant(user, app, ['openid', 'profile']);
    await expectGrantError(
      serviceFor(user).updateScopes(app.clientId, ['openid', 'payments.initiate']),
      'scope_not_granted',
    );
    expect(world.tokensOf(user, app)[0]!.scopes).toEqual(['openid', 'profile']);
  });

  it('refuses an empty scope list: that is a revoke, which needs its own confirmation', async () => {
    const user = world.createPerson();
    const app = world.createApp();
    world.grant(user, app, ['openid']);
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
    const user = world.createPerson();
    const app = world.createApp();
    world.grant(user, app, ['openid']);
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
