/**
 * The behaviour every GrantStore must have, whatever the backend: one
 * conformance suite for all of them. Each `*.test.ts` here runs it against one
 * backend: the embedded store directly, and the Authlete adapter over HTTP
 * against the wire test server in v2 and in v3. Data is made per test with the
 * world builders, in the database the backend serves.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/embedded/database';
import { createToken } from '@/lib/embedded/seed';
import { selfRegistration } from '@/lib/grants/dto';
import { deriveGrantIdKey, grantIdOf } from '@/lib/grants/grant-ids';
import type { AuthorizedApp, GrantStore } from '@/lib/grants/grant-store';
import { createWorld, type World } from '../support/world';

export type ContractBackend = {
  db: Db;
  store: GrantStore;
  close(): Promise<void>;
};

const DAY = 24 * 60 * 60 * 1000;
const BIG_CLIENT_ID = '9007199254740993';
const FORBIDDEN_KEYS = [
  'clientSecret',
  'redirectUris',
  'jwks',
  'accessTokenHash',
  'refreshTokenHash',
  'apiSecret',
];

export function grantStoreContract(backendName: string, open: () => Promise<ContractBackend>) {
  describe(`GrantStore contract: ${backendName}`, () => {
    let backend: ContractBackend;
    let world: World;

    beforeAll(async () => {
      backend = await open();
    });
    afterAll(() => backend.close());
    beforeEach(() => {
      world = createWorld(backend.db);
    });

    const store = () => backend.store;
    const ids = (apps: readonly AuthorizedApp[]) => apps.map((app) => app.clientId);

    describe('listAuthorizedApps', () => {
      it('pages with start inclusive and end exclusive, totalCount counting every app', async () => {
        const { user, apps } = world.personWithApps(7);
        const first = await store().listAuthorizedApps(user.subject, { start: 0, end: 5 });
        const second = await store().listAuthorizedApps(user.subject, { start: 5, end: 10 });
        const middle = await store().listAuthorizedApps(user.subject, { start: 2, end: 4 });

        expect([first.totalCount, second.totalCount, middle.totalCount]).toEqual([7, 7, 7]);
        expect([first.apps.length, second.apps.length, middle.apps.length]).toEqual([5, 2, 2]);
        expect([...ids(first.apps), ...ids(second.apps)].sort()).toEqual(
          apps.map((app) => app.clientId).sort(),
        );
        expect(ids(middle.apps)).toEqual(ids(first.apps).slice(2, 4));
      });

      it('lists an app once however many tokens the person holds, with every token attached', async () => {
        const user = world.createPerson();
        const app = world.createApp();
        world.grant(user, app, ['openid'], 30);
        world.grant(user, app, ['profile'], 3);
        const page = await store().listAuthorizedApps(user.subject, { start: 0, end: 5 });
        expect(page.totalCount).toBe(1);
        expect(page.apps[0]!.tokens.map((token) => token.scopes)).toEqual([
          ['openid'],
          ['profile'],
        ]);
      });

      it('filters by developer, totalCount counting only the matches', async () => {
        const user = world.createPerson();
        const developer = `Acme ${world.tag}`;
        const ours = world.createApp({ developer });
        const theirs = world.createApp({ developer: 'Other' });
        world.grant(user, ours, ['openid']);
        world.grant(user, theirs, ['openid']);
        const page = await store().listAuthorizedApps(user.subject, {
          start: 0,
          end: 5,
          developer,
        });
        expect(page.totalCount).toBe(1);
        expect(ids(page.apps)).toEqual([ours.clientId]);
      });

      it("pages a developer's apps, start and end counting within the filter", async () => {
        const user = world.createPerson();
        const developer = `Paged ${world.tag}`;
        const ours = [1, 2, 3].map(() => world.createApp({ developer }));
        ours.forEach((app, index) => world.grant(user, app, ['openid'], 30 - index));
        world.grant(user, world.createApp({ developer: 'Other' }), ['openid'], 40);
        const first = await store().listAuthorizedApps(user.subject, {
          start: 0,
          end: 2,
          developer,
        });
        const second = await store().listAuthorizedApps(user.subject, {
          start: 2,
          end: 4,
          developer,
        });
        expect([first.totalCount, second.totalCount]).toEqual([3, 3]);
        expect([...ids(first.apps), ...ids(second.apps)].sort()).toEqual(
          ours.map((app) => app.clientId).sort(),
        );
      });

      it("shows nobody else's apps", async () => {
        world.personWithApps(2);
        const stranger = world.createPerson();
        expect(await store().listAuthorizedApps(stranger.subject, { start: 0, end: 5 })).toEqual({
          totalCount: 0,
          apps: [],
        });
      });

      it('returns the public metadata with its language tags', async () => {
        const user = world.createPerson();
        const app = world.createApp({
          name: 'Photo App',
          description: 'Shares photos.',
          developer: 'Lumen Labs',
          logoUri: 'https://app.example/logo.svg',
          tagged: {
            clientName: { ja: 'フォトアプリ', fr: 'Appli photo' },
            description: { ja: '写真を共有します。' },
            tosUri: { ja: 'https://app.example/ja/terms' },
          },
        });
        world.grant(user, app, ['openid']);
        const [listed] = (await store().listAuthorizedApps(user.subject, { start: 0, end: 5 }))
          .apps;
        const { tokens, clientSource, dynamicallyRegistered, attributes, ...metadata } = listed!;
        expect(tokens).toHaveLength(1);
        expect(attributes).toEqual([]);
        // v3 says STATIC_REGISTRATION where the others say nothing: both mean the operators did.
        expect([clientSource ?? 'STATIC_REGISTRATION', dynamicallyRegistered]).toEqual([
          'STATIC_REGISTRATION',
          false,
        ]);
        expect(metadata).toEqual({
          clientId: app.clientId,
          name: {
            value: 'Photo App',
            tagged: [
              { tag: 'fr', value: 'Appli photo' },
              { tag: 'ja', value: 'フォトアプリ' },
            ],
          },
          description: {
            value: 'Shares photos.',
            tagged: [{ tag: 'ja', value: '写真を共有します。' }],
          },
          logoUri: { value: 'https://app.example/logo.svg', tagged: [] },
          clientUri: { value: 'https://app.example', tagged: [] },
          policyUri: { value: 'https://app.example/privacy', tagged: [] },
          tosUri: {
            value: 'https://app.example/terms',
            tagged: [{ tag: 'ja', value: 'https://app.example/ja/terms' }],
          },
          developer: 'Lumen Labs',
        });
        expect(await store().getAuthorizedApp(user.subject, app.clientId)).toEqual(listed);
      });
    });

    describe('reading more than a page', () => {
      it('answers a range wider than one call with every app once, in the order pages give', async () => {
        const { user, apps } = world.personWithApps(130);
        const wide = await store().listAuthorizedApps(user.subject, { start: 0, end: 1000 });
        const paged = [];
        for (let start = 0; start < 130; start += 50) {
          paged.push(
            ...(await store().listAuthorizedApps(user.subject, { start, end: start + 50 })).apps,
          );
        }
        expect(wide.totalCount).toBe(130);
        expect(ids(wide.apps)).toEqual(ids(paged));
        expect(new Set(ids(wide.apps))).toEqual(new Set(apps.map((app) => app.clientId)));
        expect(wide.apps.every((app) => app.tokens.length === 1)).toBe(true);
      });

      it('gives each app only its own tokens when the person holds many across apps', async () => {
        const user = world.createPerson();
        const [one, two] = [world.createApp(), world.createApp()];
        for (let day = 30; day > 0; day--) world.grant(user, day % 3 ? one : two, [`s${day}`], day);
        const other = world.createPerson();
        world.grant(other, one, ['not-theirs'], 1);
        const { apps } = await store().listAuthorizedApps(user.subject, { start: 0, end: 5 });
        const scopes = (app: AuthorizedApp | undefined) =>
          app!.tokens.flatMap((token) => token.scopes).sort();
        expect(scopes(apps.find((app) => app.clientId === one.clientId))).toEqual(
          scopes((await store().getAuthorizedApp(user.subject, one.clientId))!),
        );
        expect(apps.find((app) => app.clientId === one.clientId)!.tokens).toHaveLength(20);
        expect(apps.find((app) => app.clientId === two.clientId)!.tokens).toHaveLength(10);
        expect(apps.flatMap((app) => app.tokens.flatMap((token) => token.scopes))).not.toContain(
          'not-theirs',
        );
      });

      it('lists names alone in the same order and count as the apps', async () => {
        const { user } = world.personWithApps(7);
        const app = world.createApp({
          name: 'Photo App',
          tagged: { clientName: { ja: 'フォト' } },
        });
        world.grant(user, app, ['openid'], 0);
        const full = await store().listAuthorizedApps(user.subject, { start: 0, end: 1000 });
        const names = await store().listAppNames(user.subject, { start: 0, end: 1000 });
        expect(names.totalCount).toBe(8);
        expect(names.apps).toEqual(full.apps.map(({ clientId, name }) => ({ clientId, name })));
        expect(names.apps.at(-1)!.name).toEqual({
          value: 'Photo App',
          tagged: [{ tag: 'ja', value: 'フォト' }],
        });
      });

      it('reads named apps in the order asked, leaving out what the person does not hold', async () => {
        const { user, apps } = world.personWithApps(3);
        const notHeld = world.createApp();
        world.grant(world.createPerson(), notHeld, ['openid']);
        const asked = [apps[2]!.clientId, notHeld.clientId, '../x', '999999', apps[0]!.clientId];
        const found = await store().getAuthorizedApps(user.subject, asked);
        expect(ids(found)).toEqual([apps[2]!.clientId, apps[0]!.clientId]);
        expect(found[0]).toEqual(await store().getAuthorizedApp(user.subject, apps[2]!.clientId));
      });
    });

    describe('where an app came from', () => {
      it('says an app registered itself through dynamic registration, in the list and alone', async () => {
        const user = world.createPerson();
        const agent = world.createApp({ clientSource: 'DYNAMIC_REGISTRATION' });
        const listedByOperators = world.createApp({ clientSource: 'STATIC_REGISTRATION' });
        const older = world.createApp();
        world.grant(user, agent, ['openid'], 3);
        world.grant(user, listedByOperators, ['openid'], 2);
        world.grant(user, older, ['openid'], 1);
        const { apps } = await store().listAuthorizedApps(user.subject, { start: 0, end: 5 });
        expect(apps.map((app) => [app.clientId, selfRegistration(app)])).toEqual([
          [agent.clientId, 'dynamic'],
          [listedByOperators.clientId, null],
          [older.clientId, null],
        ]);
        // Authlete's older flag is there whatever the generation.
        expect(apps.map((app) => app.dynamicallyRegistered)).toEqual([true, false, false]);
        const alone = await store().getAuthorizedApp(user.subject, agent.clientId);
        expect(alone && selfRegistration(alone)).toBe('dynamic');
      });
    });

    describe("the operator's client attributes", () => {
      it('carries them in the list, in a read by name and alone; an app without any has none', async () => {
        const user = world.createPerson();
        const pairs = [
          { key: 'first_party', value: 'true' },
          { key: 'team', value: 'accounts' },
        ];
        const marked = world.createApp({ attributes: pairs });
        const plain = world.createApp();
        world.grant(user, marked, ['openid'], 2);
        world.grant(user, plain, ['openid'], 1);
        const { apps } = await store().listAuthorizedApps(user.subject, { start: 0, end: 5 });
        expect(apps.map((app) => app.attributes)).toEqual([pairs, []]);
        const [named] = await store().getAuthorizedApps(user.subject, [marked.clientId]);
        expect(named?.attributes).toEqual(pairs);
        expect((await store().getAuthorizedApp(user.subject, marked.clientId))?.attributes).toEqual(
          pairs,
        );
      });
    });

    describe('token details', () => {
      it("carries each token's scopes, dates, expiries and grant type, oldest first", async () => {
        const user = world.createPerson();
        const app = world.createApp();
        const createdAt = Date.now() - 40 * DAY;
        createToken(backend.db, {
          subject: user.subject,
          clientId: app.clientId,
          scopes: ['openid', 'offline_access'],
          createdAt,
          lastRefreshedAt: createdAt + 5 * DAY,
          grantType: 'AUTHORIZATION_CODE',
        });
        createToken(backend.db, {
          subject: user.subject,
          clientId: app.clientId,
          scopes: ['profile'],
          createdAt: createdAt + DAY,
          grantType: 'CIBA',
        });
        const rows = backend.db
          .prepare<[string], Record<string, number>>(
            `SELECT created_at, last_refreshed_at, access_token_expires_at, refresh_token_expires_at
               FROM access_tokens WHERE subject = ? ORDER BY created_at`,
          )
          .all(user.subject);

        const found = await store().getAuthorizedApp(user.subject, app.clientId);
        // Where the backend keeps the refresh token's scopes apart (v3), they are as issued; the
        // embedded backend and v2 have none of their own.
        expect([undefined, ['openid', 'offline_access']]).toContainEqual(
          found?.tokens[0]?.refreshTokenScopes,
        );
        expect(found?.tokens[1]?.refreshTokenScopes).toBeUndefined();
        expect(found?.tokens.map(({ refreshTokenScopes: _kept, ...token }) => token)).toEqual([
          {
            scopes: ['openid', 'offline_access'],
            createdAt,
            lastRefreshedAt: createdAt + 5 * DAY,
            accessTokenExpiresAt: rows[0]!.access_token_expires_at,
            refreshTokenExpiresAt: rows[0]!.refresh_token_expires_at,
            grantType: 'AUTHORIZATION_CODE',
          },
          {
            scopes: ['profile'],
            createdAt: createdAt + DAY,
            lastRefreshedAt: 0,
            accessTokenExpiresAt: rows[1]!.access_token_expires_at,
            refreshTokenExpiresAt: 0,
            grantType: 'CIBA',
          },
        ]);
        expect(rows[0]!.refresh_token_expires_at).toBeGreaterThan(0);
      });

      it('returns every token even when there are more than a token list page holds', async () => {
        const user = world.createPerson();
        const app = world.createApp();
        for (let day = 45; day > 0; day--) world.grant(user, app, [`photos.read`], day);
        const found = await store().getAuthorizedApp(user.subject, app.clientId);
        expect(found?.tokens).toHaveLength(45);
        const listed = await store().listAuthorizedApps(user.subject, { start: 0, end: 5 });
        expect(listed.apps[0]!.tokens).toHaveLength(45);
        const times = found!.tokens.map((token) => token.createdAt);
        expect(times).toEqual([...times].sort((a, b) => a - b));
      });
    });

    describe('getAuthorizedApp', () => {
      it('is null for a person who holds no token for the app, and for unknown or malformed IDs', async () => {
        const { apps } = world.personWithApps(1);
        const stranger = world.createPerson();
        const unused = world.createApp();
        for (const clientId of [
          apps[0]!.clientId,
          unused.clientId,
          '12345',
          'abc',
          '-1',
          '0',
          '99999999999999999999',
          '1/../2',
        ]) {
          expect(await store().getAuthorizedApp(stranger.subject, clientId)).toBeNull();
        }
      });
    });

    describe('replaceScopes', () => {
      it('writes the new set to every token of (subject, app), replacing what was there', async () => {
        const user = world.createPerson();
        const app = world.createApp();
        world.grant(user, app, ['openid', 'profile', 'email'], 20);
        world.grant(user, app, ['openid', 'email'], 5);
        expect(
          await store().replaceScopes(user.subject, app.clientId, ['openid', 'email']),
        ).toEqual({ updatedTokenCount: 2 });
        expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
          ['openid', 'email'],
          ['openid', 'email'],
        ]);
        const found = await store().getAuthorizedApp(user.subject, app.clientId);
        expect(found?.tokens.map((token) => token.scopes)).toEqual([
          ['openid', 'email'],
          ['openid', 'email'],
        ]);
      });

      it('drops scopes the service does not know or the app may not request', async () => {
        const user = world.createPerson();
        const app = world.createApp({ requestableScopes: ['openid', 'profile'] });
        world.grant(user, app, ['openid', 'profile']);
        await store().replaceScopes(user.subject, app.clientId, [
          'openid',
          'no.such.scope',
          'email',
        ]);
        expect(world.tokensOf(user, app)[0]!.scopes).toEqual(['openid']);
      });

      it("touches only this subject's tokens", async () => {
        const alice = world.createPerson('Alice');
        const bob = world.createPerson('Bob');
        const app = world.createApp();
        world.grant(alice, app, ['openid', 'profile']);
        world.grant(bob, app, ['openid', 'profile']);
        expect(await store().replaceScopes(bob.subject, app.clientId, ['openid'])).toEqual({
          updatedTokenCount: 1,
        });
        expect(world.tokensOf(alice, app)[0]!.scopes).toEqual(['openid', 'profile']);
      });

      it('updates nothing for a malformed client ID', async () => {
        const user = world.createPerson();
        for (const clientId of ['abc', '99999999999999999999', '1/../2']) {
          expect(await store().replaceScopes(user.subject, clientId, ['openid'])).toEqual({
            updatedTokenCount: 0,
          });
        }
      });
    });

    describe('updateEachToken', () => {
      /** The store's own read of (subject, app), as the data layer's ownership lookup makes it. */
      async function lookup(subject: string, clientId: string): Promise<AuthorizedApp> {
        const app = await store().getAuthorizedApp(subject, clientId);
        expect(app).not.toBeNull();
        return app!;
      }

      it("writes each token its own scopes, leaves the others alone, and reports each one's outcome", async () => {
        const user = world.createPerson();
        const app = world.createApp();
        world.grant(user, app, ['openid', 'profile', 'email'], 20);
        world.grant(user, app, ['openid', 'photos.read'], 5);
        world.grant(user, app, ['profile'], 2);
        const read = await lookup(user.subject, app.clientId);
        const outcomes = await store().updateEachToken(user.subject, read, (token) =>
          token.scopes.includes('profile')
            ? token.scopes.filter((scope) => scope !== 'profile')
            : null,
        );
        expect(
          outcomes.map(({ token, scopes, outcome }) => [token.scopes, scopes, outcome]),
        ).toEqual([
          [['openid', 'profile', 'email'], ['openid', 'email'], 'updated'],
          [['profile'], [], 'updated'],
        ]);
        expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
          ['openid', 'email'],
          ['openid', 'photos.read'],
          [],
        ]);
      });

      it("drops what the app may not request, and never touches another subject's tokens", async () => {
        const alice = world.createPerson('Alice');
        const bob = world.createPerson('Bob');
        const app = world.createApp({ requestableScopes: ['openid', 'profile'] });
        world.grant(alice, app, ['openid', 'profile']);
        world.grant(bob, app, ['openid', 'profile']);
        const seen: string[][] = [];
        await store().updateEachToken(
          bob.subject,
          await lookup(bob.subject, app.clientId),
          (token) => {
            seen.push([...token.scopes]);
            return ['openid', 'email', 'no.such.scope'];
          },
        );
        expect(seen).toEqual([['openid', 'profile']]);
        expect(world.tokensOf(bob, app)[0]!.scopes).toEqual(['openid']);
        expect(world.tokensOf(alice, app)[0]!.scopes).toEqual(['openid', 'profile']);
      });

      it("writes only tokens the store read for that subject: another's read, a copy or a token issued since change nothing", async () => {
        const alice = world.createPerson('Alice');
        const bob = world.createPerson('Bob');
        const app = world.createApp();
        world.grant(alice, app, ['openid', 'profile'], 3);
        world.grant(bob, app, ['openid', 'profile'], 3);
        const alicesRead = await lookup(alice.subject, app.clientId);
        // Bob names Alice's read: her token is not his to write.
        expect(
          (await store().updateEachToken(bob.subject, alicesRead, () => ['openid'])).map(
            ({ outcome }) => outcome,
          ),
        ).toEqual(['failed']);
        // A copy of a token the store handed out carries nothing that names it.
        const copied = { ...alicesRead, tokens: alicesRead.tokens.map((token) => ({ ...token })) };
        expect(
          (await store().updateEachToken(alice.subject, copied, () => ['openid'])).map(
            ({ outcome }) => outcome,
          ),
        ).toEqual(['failed']);
        // A token issued after the read is not in it, and is left as it is.
        world.grant(alice, app, ['openid', 'profile'], 1);
        expect(
          (await store().updateEachToken(alice.subject, alicesRead, () => ['openid'])).map(
            ({ outcome }) => outcome,
          ),
        ).toEqual(['updated']);
        expect(world.tokensOf(alice, app).map((token) => token.scopes)).toEqual([
          ['openid'],
          ['openid', 'profile'],
        ]);
        expect(world.tokensOf(bob, app)[0]!.scopes).toEqual(['openid', 'profile']);
      });

      it('updates nothing for an unknown or malformed client ID', async () => {
        const user = world.createPerson();
        const app = world.createApp();
        world.grant(user, app, ['openid', 'profile']);
        const read = await lookup(user.subject, app.clientId);
        for (const clientId of ['abc', '12345', '1/../2']) {
          const outcomes = await store().updateEachToken(
            user.subject,
            { ...read, clientId },
            () => ['openid'],
          );
          expect(outcomes.filter(({ outcome }) => outcome === 'updated')).toEqual([]);
        }
        expect(world.tokensOf(user, app)[0]!.scopes).toEqual(['openid', 'profile']);
      });
    });

    describe('per grant', () => {
      const idOf = grantIdOf(deriveGrantIdKey('contract-test-secret-contract-test-secret'));

      it('reads each grant with its own stable id, its visible properties only, and no hash', async () => {
        const user = world.createPerson();
        const app = world.createApp();
        world.grantToken(user, app, {
          scopes: ['openid', 'offline_access'],
          createdAt: Date.now() - 9 * DAY,
          properties: [
            { key: 'device', value: 'Kitchen TV' },
            { key: 'secret-ish', value: 'not for people', hidden: true },
          ],
          grantType: 'DEVICE_CODE',
        });
        world.grant(user, app, ['openid'], 2);
        const first = await store().readGrants(user.subject, app.clientId, idOf);
        const again = await store().readGrants(user.subject, app.clientId, idOf);
        expect(first.map((grant) => grant.grantId)).toEqual(again.map((grant) => grant.grantId));
        expect(new Set(first.map((grant) => grant.grantId)).size).toBe(2);
        expect(first.map((grant) => [grant.token.grantType, grant.token.properties])).toEqual([
          ['DEVICE_CODE', [{ key: 'device', value: 'Kitchen TV' }]],
          ['AUTHORIZATION_CODE', undefined],
        ]);
        const listed = await store().getAuthorizedApp(user.subject, app.clientId);
        expect(listed?.tokens[0]?.properties).toEqual([{ key: 'device', value: 'Kitchen TV' }]);
        const hashes = backend.db
          .prepare<[string], { a: string; r: string | null }>(
            'SELECT access_token_hash AS a, refresh_token_hash AS r FROM access_tokens WHERE subject = ?',
          )
          .all(user.subject)
          .flatMap((row) => [row.a, row.r ?? 'none']);
        const serialized = JSON.stringify(first);
        for (const hash of hashes) expect(serialized).not.toContain(hash);
        expect(serialized).not.toContain('not for people');
        expect(await store().readGrants(world.createPerson().subject, app.clientId, idOf)).toEqual(
          [],
        );
      });

      it("names the grants of its own read as readGrants does, and none of another's read, a copy or another app", async () => {
        const alice = world.createPerson('Alice');
        const bob = world.createPerson('Bob');
        const app = world.createApp();
        const other = world.createApp();
        world.grantToken(alice, app, {
          scopes: ['openid', 'offline_access'],
          createdAt: Date.now() - 9 * DAY,
          properties: [{ key: 'device', value: 'Kitchen TV' }],
        });
        world.grant(alice, app, ['openid'], 2);
        world.grant(alice, other, ['openid'], 2);
        world.grant(bob, app, ['openid'], 2);
        const read = await store().getAuthorizedApp(alice.subject, app.clientId);
        const fromRead = store().grantsOfRead(alice.subject, read!, idOf);
        expect(fromRead).toEqual(await store().readGrants(alice.subject, app.clientId, idOf));
        expect(fromRead.map((grant) => grant.token)).toEqual(read!.tokens);
        // Bob naming Alice's read, a copy of it, or her read passed off as another app's: no grant.
        expect(store().grantsOfRead(bob.subject, read!, idOf)).toEqual([]);
        const copied = { ...read!, tokens: read!.tokens.map((token) => ({ ...token })) };
        expect(store().grantsOfRead(alice.subject, copied, idOf)).toEqual([]);
        expect(
          store().grantsOfRead(alice.subject, { ...read!, clientId: other.clientId }, idOf),
        ).toEqual([]);
        // A grant issued after the read is not in it.
        world.grant(alice, app, ['openid', 'profile'], 1);
        expect(store().grantsOfRead(alice.subject, read!, idOf)).toEqual(fromRead);
      });

      it('ends the one grant named and nothing else, not even for the same app', async () => {
        const user = world.createPerson();
        const app = world.createApp();
        const other = world.createApp();
        world.grant(user, app, ['openid', 'offline_access'], 9);
        world.grant(user, app, ['openid'], 3);
        world.grant(user, other, ['openid'], 3);
        const [older, newer] = await store().readGrants(user.subject, app.clientId, idOf);
        expect(store().grantCapabilities.end).toBe(true);
        expect(await store().endGrant(user.subject, app.clientId, older!.token)).toEqual({
          ended: true,
        });
        expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([['openid']]);
        expect(world.tokensOf(user, other)).toHaveLength(1);
        const left = await store().readGrants(user.subject, app.clientId, idOf);
        expect(left.map((grant) => grant.grantId)).toEqual([newer!.grantId]);
        // Again: already gone, nothing more changes.
        expect(await store().endGrant(user.subject, app.clientId, older!.token)).toEqual({
          ended: false,
        });
        expect(world.tokensOf(user, app)).toHaveLength(1);
      });

      it("ends nothing for a token it did not hand out: another person's, another app's, a copy", async () => {
        const alice = world.createPerson('Alice');
        const bob = world.createPerson('Bob');
        const app = world.createApp();
        const other = world.createApp();
        world.grant(alice, app, ['openid']);
        world.grant(bob, app, ['openid']);
        world.grant(bob, other, ['openid']);
        const [alices] = await store().readGrants(alice.subject, app.clientId, idOf);
        const [bobsOther] = await store().readGrants(bob.subject, other.clientId, idOf);
        const [bobs] = await store().readGrants(bob.subject, app.clientId, idOf);
        for (const [token, clientId] of [
          [alices!.token, app.clientId],
          [bobsOther!.token, app.clientId],
          [{ ...bobs!.token }, app.clientId],
          [bobs!.token, '1/../2'],
        ] as const) {
          expect(await store().endGrant(bob.subject, clientId, token)).toEqual({ ended: false });
        }
        expect(world.tokensOf(alice, app)).toHaveLength(1);
        expect(world.tokensOf(bob, app)).toHaveLength(1);
        expect(world.tokensOf(bob, other)).toHaveLength(1);
      });

      it('ends a grant named by the token of a lookup (getAuthorizedApp) as well', async () => {
        const user = world.createPerson();
        const app = world.createApp();
        world.grant(user, app, ['openid'], 9);
        world.grant(user, app, ['openid', 'profile'], 3);
        const read = await store().getAuthorizedApp(user.subject, app.clientId);
        const [, newer] = store().grantsOfRead(user.subject, read!, idOf);
        expect(await store().endGrant(user.subject, app.clientId, newer!.token)).toEqual({
          ended: true,
        });
        expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([['openid']]);
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

        expect(await store().deleteAuthorization(alice.subject, app.clientId)).toEqual({
          deletedTokenCount: 2,
        });
        expect(world.tokensOf(alice, app)).toEqual([]);
        expect(world.tokensOf(alice, other)).toHaveLength(1);
        expect(world.tokensOf(bob, app)).toHaveLength(1);
        expect(await store().getAuthorizedApp(alice.subject, app.clientId)).toBeNull();
        const remaining = await store().listAuthorizedApps(alice.subject, { start: 0, end: 5 });
        expect(ids(remaining.apps)).toEqual([other.clientId]);
      });

      it('deletes nothing when there is nothing to delete', async () => {
        const user = world.createPerson();
        const app = world.createApp();
        expect(await store().deleteAuthorization(user.subject, app.clientId)).toEqual({
          deletedTokenCount: 0,
        });
        expect(await store().deleteAuthorization(user.subject, 'abc')).toEqual({
          deletedTokenCount: 0,
        });
      });
    });

    describe('forgetConsent', () => {
      it("leaves every token alone, anyone's, and forgets nothing for a malformed client ID", async () => {
        const user = world.createPerson();
        const app = world.createApp();
        world.grant(user, app, ['openid']);
        const { forgotten } = await store().forgetConsent(user.subject, app.clientId);
        expect(typeof forgotten).toBe('boolean');
        expect(world.tokensOf(user, app)).toHaveLength(1);
        expect(await store().forgetConsent(user.subject, '1/../2')).toEqual({ forgotten: false });
      });
    });

    describe('scopeCatalogue', () => {
      it('names the supported scopes with their localized descriptions', async () => {
        const catalogue = await store().scopeCatalogue();
        expect(catalogue.map((scope) => scope.name)).toEqual(
          expect.arrayContaining(['openid', 'profile', 'email', 'offline_access', 'photos.write']),
        );
        expect(catalogue.find((scope) => scope.name === 'photos.write')?.description).toEqual({
          value: 'Upload, edit and delete your photos',
          tagged: [
            { tag: 'en', value: 'Upload, edit and delete your photos' },
            { tag: 'ja', value: '写真のアップロード・編集・削除' },
          ],
        });
      });
    });

    describe('checkReachable', () => {
      it('resolves while the backend answers', async () => {
        await expect(store().checkReachable()).resolves.toBeUndefined();
      });
    });

    describe('client IDs above 2^53', () => {
      it('keeps them exact through list, get, update and delete', async () => {
        const user = world.createPerson();
        const app = world.createApp({ clientId: BigInt(BIG_CLIENT_ID) });
        world.grant(user, app, ['openid', 'profile']);

        const page = await store().listAuthorizedApps(user.subject, { start: 0, end: 5 });
        expect(ids(page.apps)).toEqual([BIG_CLIENT_ID]);
        expect((await store().getAuthorizedApp(user.subject, BIG_CLIENT_ID))?.clientId).toBe(
          BIG_CLIENT_ID,
        );
        // One below, which a JS number would round to the same value, names no app of this person.
        expect(await store().getAuthorizedApp(user.subject, '9007199254740992')).toBeNull();
        expect(await store().replaceScopes(user.subject, BIG_CLIENT_ID, ['openid'])).toEqual({
          updatedTokenCount: 1,
        });
        expect(await store().deleteAuthorization(user.subject, BIG_CLIENT_ID)).toEqual({
          deletedTokenCount: 1,
        });
      });
    });

    describe('secrets', () => {
      it('never returns a client secret, redirect URI, JWKS or token hash', async () => {
        const user = world.createPerson();
        const app = world.createApp();
        world.grant(user, app, ['openid', 'offline_access']);
        const outputs = [
          await store().listAuthorizedApps(user.subject, { start: 0, end: 5 }),
          await store().getAuthorizedApp(user.subject, app.clientId),
          await store().scopeCatalogue(),
        ];
        const secrets = [
          backend.db
            .prepare<[bigint], string>('SELECT client_secret FROM clients WHERE client_id = ?')
            .pluck()
            .get(BigInt(app.clientId))!,
          ...backend.db
            .prepare<[string], { a: string; r: string | null }>(
              'SELECT access_token_hash AS a, refresh_token_hash AS r FROM access_tokens WHERE subject = ?',
            )
            .all(user.subject)
            .flatMap((row) => [row.a, row.r ?? 'no refresh token']),
        ];
        const serialized = JSON.stringify(outputs);
        for (const secret of secrets) expect(serialized).not.toContain(secret);
        expect(serialized).not.toContain('callback');
        expect(keysOf(outputs).filter((key) => FORBIDDEN_KEYS.includes(key))).toEqual([]);
      });
    });
  });
}

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
  }
  return [];
}
