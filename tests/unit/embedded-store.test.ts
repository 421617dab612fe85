/** The embedded backend follows Authlete's semantics (authlete-api.md §2–4). */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/embedded/database';
import { createEmbeddedStore } from '@/lib/embedded/embedded-store';
import type { GrantStore } from '@/lib/grants/grant-store';
import { freshDatabase } from '../support/memory-db';
import { createWorld, type World } from '../support/world';

let db: Db;
let store: GrantStore;
let world: World;

beforeEach(() => {
  db = freshDatabase();
  store = createEmbeddedStore(db);
  world = createWorld(db);
});

describe('listAuthorizedApps', () => {
  it('derives the list from token records, oldest authorization first, start inclusive and end exclusive', async () => {
    const { user, apps } = world.personWithApps(7);
    const page = await store.listAuthorizedApps(user.subject, { start: 5, end: 10 });
    expect(page.totalCount).toBe(7);
    expect(page.apps.map((app) => app.clientId)).toEqual([apps[5]!.clientId, apps[6]!.clientId]);

    const first = await store.listAuthorizedApps(user.subject, { start: 0, end: 5 });
    expect(first.apps.map((app) => app.name.value)).toEqual(
      apps.slice(0, 5).map((app) => app.name),
    );
  });

  it('lists an app once however many tokens the person holds for it, with every token attached', async () => {
    const user = world.createPerson();
    const app = world.createApp();
    world.grant(user, app, ['openid'], 30);
    world.grant(user, app, ['profile'], 3);
    const page = await store.listAuthorizedApps(user.subject, { start: 0, end: 5 });
    expect(page.totalCount).toBe(1);
    expect(page.apps[0]!.tokens.map((token) => token.scopes)).toEqual([['openid'], ['profile']]);
  });

  it('breaks ties in authorization time by client ID', async () => {
    const user = world.createPerson();
    const later = world.createApp({ clientId: 5000n });
    const earlier = world.createApp({ clientId: 4000n });
    world.grant(user, later, ['openid'], 2);
    world.grant(user, earlier, ['openid'], 2);
    const page = await store.listAuthorizedApps(user.subject, { start: 0, end: 5 });
    expect(page.apps.map((app) => app.clientId)).toEqual(['4000', '5000']);
  });

  it('filters by developer, with totalCount counting only the matches', async () => {
    const user = world.createPerson();
    const ours = world.createApp({ developer: 'Acme' });
    const theirs = world.createApp({ developer: 'Other' });
    world.grant(user, ours, ['openid']);
    world.grant(user, theirs, ['openid']);
    const page = await store.listAuthorizedApps(user.subject, {
      start: 0,
      end: 5,
      developer: 'Acme',
    });
    expect(page.totalCount).toBe(1);
    expect(page.apps.map((app) => app.clientId)).toEqual([ours.clientId]);
  });

  it("shows nobody else's apps", async () => {
    const { apps } = world.personWithApps(3);
    const stranger = world.createPerson();
    expect(await store.listAuthorizedApps(stranger.subject, { start: 0, end: 5 })).toEqual({
      totalCount: 0,
      apps: [],
    });
    expect(await store.getAuthorizedApp(stranger.subject, apps[0]!.clientId)).toBeNull();
  });

  it('keeps client IDs above 2^53 exact', async () => {
    const user = world.createPerson();
    const app = world.createApp({ clientId: 9007199254740993n });
    world.grant(user, app, ['openid']);
    const page = await store.listAuthorizedApps(user.subject, { start: 0, end: 5 });
    expect(page.apps[0]!.clientId).toBe('9007199254740993');
    expect((await store.getAuthorizedApp(user.subject, '9007199254740993'))?.clientId).toBe(
      '9007199254740993',
    );
  });

  it('returns public metadata with language tags, and never the client secret or redirect URIs', async () => {
    const user = world.createPerson();
    const app = world.createApp({
      name: 'Photo App',
      tagged: { clientName: { ja: 'フォトアプリ' } },
    });
    world.grant(user, app, ['openid']);
    const found = await store.getAuthorizedApp(user.subject, app.clientId);
    expect(found?.name).toEqual({
      value: 'Photo App',
      tagged: [{ tag: 'ja', value: 'フォトアプリ' }],
    });
    const serialized = JSON.stringify(found);
    const secret = db
      .prepare('SELECT client_secret FROM clients WHERE client_id = ?')
      .pluck()
      .get(BigInt(app.clientId));
    expect(serialized).not.toContain(String(secret));
    expect(serialized).not.toContain('callback');
  });
});

describe('replaceScopes', () => {
  it('writes the new set to every token of (subject, app), replacing what was there', async () => {
    const user = world.createPerson();
    const app = world.createApp();
    world.grant(user, app, ['openid', 'profile', 'email'], 20);
    world.grant(user, app, ['openid', 'email'], 5);
    expect(await store.replaceScopes(user.subject, app.clientId, ['openid'])).toEqual({
      updatedTokenCount: 2,
    });
    expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
      ['openid'],
      ['openid'],
    ]);
  });

  it('silently drops scopes the service does not know or the app may not request', async () => {
    const user = world.createPerson();
    const app = world.createApp({ requestableScopes: ['openid', 'profile'] });
    world.grant(user, app, ['openid', 'profile']);
    await store.replaceScopes(user.subject, app.clientId, ['openid', 'no.such.scope', 'email']);
    expect(world.tokensOf(user, app)[0]!.scopes).toEqual(['openid']);
  });

  it("touches only this subject's tokens", async () => {
    const alice = world.createPerson('Alice');
    const bob = world.createPerson('Bob');
    const app = world.createApp();
    world.grant(alice, app, ['openid', 'profile']);
    world.grant(bob, app, ['openid', 'profile']);
    await store.replaceScopes(bob.subject, app.clientId, ['openid']);
    expect(world.tokensOf(alice, app)[0]!.scopes).toEqual(['openid', 'profile']);
  });

  it('updates nothing for an unknown or malformed client ID', async () => {
    const user = world.createPerson();
    expect(await store.replaceScopes(user.subject, '12345', ['openid'])).toEqual({
      updatedTokenCount: 0,
    });
    expect(await store.replaceScopes(user.subject, '99999999999999999999', ['openid'])).toEqual({
      updatedTokenCount: 0,
    });
  });
});

describe('deleteAuthorization', () => {
  it("removes every token of (subject, app) and nothing of anyone else's", async () => {
    const alice = world.createPerson('Alice');
    const bob = world.createPerson('Bob');
    const app = world.createApp();
    const other = world.createApp();
    world.grant(alice, app, ['openid'], 9);
    world.grant(alice, app, ['profile'], 4);
    world.grant(alice, other, ['openid']);
    world.grant(bob, app, ['openid']);

    expect(await store.deleteAuthorization(alice.subject, app.clientId)).toEqual({
      deletedTokenCount: 2,
    });
    expect(world.tokensOf(alice, app)).toEqual([]);
    expect(world.tokensOf(alice, other)).toHaveLength(1);
    expect(world.tokensOf(bob, app)).toHaveLength(1);
    expect((await store.listAuthorizedApps(alice.subject, { start: 0, end: 5 })).totalCount).toBe(
      1,
    );
  });

  it('deletes nothing when there is nothing to delete', async () => {
    const user = world.createPerson();
    const app = world.createApp();
    expect(await store.deleteAuthorization(user.subject, app.clientId)).toEqual({
      deletedTokenCount: 0,
    });
  });
});

describe('scopeCatalogue', () => {
  it('lists about a dozen scopes with English and Japanese descriptions', async () => {
    const catalogue = await store.scopeCatalogue();
    expect(catalogue.length).toBeGreaterThanOrEqual(12);
    const write = catalogue.find((scope) => scope.name === 'photos.write');
    expect(write?.description.tagged.map((t) => t.tag).sort()).toEqual(['en', 'ja']);
    expect(catalogue.map((scope) => scope.name)).toEqual(
      expect.arrayContaining([
        'openid',
        'profile',
        'email',
        'offline_access',
        'photos.read',
        'payments.initiate',
      ]),
    );
  });
});
