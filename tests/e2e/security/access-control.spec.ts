/**
 * Server actions and route handlers are public HTTP endpoints, whatever the
 * pages do. Each test here calls them directly — signed out, as another
 * person, with another person's app, with forged fields, with scopes the app
 * does not hold — and checks two things a caller and the person whose apps
 * they are would notice: the answer (a clear refusal code), and the backend
 * (the database rows, unchanged).
 */
import type { APIRequestContext, Request } from '@playwright/test';
import { expect } from '../../support/fixtures';
import type { TestApp, TestUser, World } from '../../support/world';
import {
  ACTIONS,
  builtActions,
  callAction,
  form,
  RawBody,
  type ActionAnswer,
  type ActionName,
} from '../../support/actions';
import { E2E_METRICS_TOKEN } from '../../support/e2e-env';
import { DEFAULT_LIST_PARAMS } from '../../../lib/list-params';
import { backendState, type BackendState } from './backend-state';
import {
  type Callers,
  test as callersTest,
  SESSION_COOKIE,
  sessionSubject,
  startsSession,
} from './callers';

const SCOPES = ['openid', 'profile', 'photos.read'];
const DAY = 24 * 60 * 60 * 1000;
/** What the list page asks for on a first visit: page 1, unfiltered. */
const FIRST_PAGE = DEFAULT_LIST_PARAMS;

/** The app actions, each with arguments a page would send, aimed at `clientId`. */
function appCalls(clientId: string): [ActionName, unknown[]][] {
  return [
    ['listApps', [FIRST_PAGE]],
    ['getApp', [{ clientId }]],
    ['getGrants', [{ clientId }]],
    ['updateScopes', [{ clientId, scopes: ['openid'] }]],
    ['revokeApp', [{ clientId }]],
    ['endGrant', [{ clientId, grantId: MADE_UP_GRANT_ID }]],
    ['narrowGrant', [{ clientId, grantId: MADE_UP_GRANT_ID, scopes: ['openid'] }]],
    ['stopGrantRenewing', [{ clientId, grantId: MADE_UP_GRANT_ID }]],
    ['endRenewingGrants', [{ clientId }]],
    ['stopRenewing', [{ clientId }]],
    ['revokeApps', [{ clientIds: [clientId] }]],
    ['revokeAllApps', [{}]],
    ['countExpiredApps', [{}]],
    ['cleanUpExpiredApps', [{}]],
  ];
}

/** Shaped like a grant ID (lib/grants/grant-ids.ts), but no grant's. */
const MADE_UP_GRANT_ID = 'A'.repeat(43);

function refusal(code: string) {
  return { ok: false, error: expect.objectContaining({ code }) };
}

/** A bulk removal's answer: `[clientId, name, outcome]` for each app named, in order; none left. */
function bulkAnswer(...items: [clientId: string, name: string | null, outcome: string][]) {
  const answered = items.map(([clientId, name, outcome]) => ({ clientId, name, outcome }));
  return { ok: true, data: { items: answered, remainingCount: 0 } };
}

const test = callersTest.extend<{
  /** Bob, signed in over HTTP, holding one app with SCOPES; and the backend state before any call. */
  bobWithOneApp: { bob: TestUser; app: TestApp; before: BackendState; asBob: APIRequestContext };
  /** Alice and Bob with an app each, holding SCOPES; Bob signed in over HTTP. */
  aliceAndBobWithAnAppEach: {
    alice: TestUser;
    bob: TestUser;
    alicesApp: TestApp;
    bobsApp: TestApp;
    asBob: APIRequestContext;
  };
}>({
  bobWithOneApp: async ({ world, db, callers }, use) => {
    const bob = world.createPerson('Bob');
    const app = world.createApp();
    world.grant(bob, app, SCOPES);
    const before = backendState(db, [bob], [app]);
    await use({ bob, app, before, asBob: await callers.as(bob) });
  },
  aliceAndBobWithAnAppEach: async ({ world, callers }, use) => {
    const alice = world.createPerson('Alice');
    const bob = world.createPerson('Bob');
    const alicesApp = world.createApp();
    const bobsApp = world.createApp();
    world.grant(alice, alicesApp, SCOPES);
    world.grant(bob, bobsApp, SCOPES);
    await use({ alice, bob, alicesApp, bobsApp, asBob: await callers.as(bob) });
  },
});

type People = { world: World; callers: Callers };

/** Alice and Bob on one app, each holding what `grant` gives them; Bob signed in over HTTP. */
async function aliceAndBobOnOneApp(
  { world, callers }: People,
  grant: (person: TestUser, app: TestApp) => void,
) {
  const alice = world.createPerson('Alice');
  const bob = world.createPerson('Bob');
  const shared = world.createApp();
  grant(alice, shared);
  grant(bob, shared);
  return { alice, bob, shared, asBob: await callers.as(bob) };
}

function redirectOrigin(answer: ActionAnswer, baseURL: string): string {
  expect(answer.redirect, 'the action redirected').toBeDefined();
  return new URL(answer.redirect!, baseURL).origin;
}

test('every server action in the build is covered by this suite', () => {
  // A new action without a row in ACTIONS (and so in these tests) fails here.
  expect(builtActions()).toEqual(
    Object.values(ACTIONS)
      .map(({ file, name }) => `${file}#${name}`)
      .sort(),
  );
});

test('signed out, every app action answers "unauthenticated" and changes nothing', async ({
  callers,
  world,
  db,
}) => {
  const owner = world.createPerson('Owner');
  const app = world.createApp();
  world.grant(owner, app, SCOPES);
  const before = backendState(db, [owner], [app]);
  const stranger = await callers.signedOut();

  // Posted where the pages post (the list, the detail page) and where they don't (sign-in).
  for (const path of ['/apps', `/apps/${app.clientId}`, '/sign-in']) {
    for (const [action, args] of appCalls(app.clientId)) {
      for (const input of [args, [{ subject: owner.subject }], []]) {
        const answer = await callAction(stranger, action, input, { path });
        expect(answer.status, `${action} at ${path}`).toBe(200);
        // Session first: even junk input learns nothing but "sign in".
        expect(answer.value, `${action} at ${path}`).toEqual({
          ok: false,
          error: { code: 'unauthenticated' },
        });
      }
    }
  }
  expect(backendState(db, [owner], [app])).toEqual(before);
  expect(await sessionSubject(stranger)).toBeNull();
});

test("signed in as someone else, another person's app can be neither read nor changed", async ({
  aliceAndBobWithAnAppEach: { alice, bob, alicesApp, bobsApp, asBob },
  world,
  db,
}) => {
  world.grant(alice, alicesApp, ['openid']);
  const alicesBefore = backendState(db, [alice], [alicesApp]);
  const target = alicesApp.clientId;

  const answers: Record<string, ActionAnswer> = {};
  // "Remove all" and the clean-up name no app: they act on the caller's own list, checked below.
  const namingCalls = appCalls(target).filter(
    ([name]) => name !== 'revokeAllApps' && name !== 'cleanUpExpiredApps',
  );
  for (const [action, args] of namingCalls) {
    answers[action] = await callAction(asBob, action, args);
  }
  expect(answers.getApp!.value).toEqual(refusal('app_not_found'));
  expect(answers.getGrants!.value).toEqual(refusal('app_not_found'));
  expect(answers.endGrant!.value).toEqual(refusal('grant_not_found'));
  expect(answers.narrowGrant!.value).toEqual(refusal('grant_not_found'));
  expect(answers.stopGrantRenewing!.value).toEqual(refusal('grant_not_found'));
  expect(answers.endRenewingGrants!.value).toEqual(refusal('app_not_found'));
  expect(answers.stopRenewing!.value).toEqual(refusal('app_not_found'));
  expect(answers.updateScopes!.value).toEqual(refusal('app_not_found'));
  // Revoking is idempotent: Bob has nothing of this app's to remove, and is told so.
  expect(answers.revokeApp!.value).toEqual({ ok: true, data: { alreadyRevoked: true } });
  expect(answers.revokeApps!.value).toEqual(bulkAnswer([target, null, 'already_revoked']));
  const list = answers.listApps!.value as { ok: true; data: { apps: { clientId: string }[] } };
  expect(list.data.apps.map((app) => app.clientId)).toEqual([bobsApp.clientId]);
  // Naming the publisher of Alice's app shows Bob his own apps by it, never hers.
  const byPublisher = await callAction(asBob, 'listApps', [
    { ...FIRST_PAGE, developer: 'Test Developer' },
  ]);
  expect(
    (byPublisher.value as { data: { apps: { clientId: string }[] } }).data.apps.map(
      (app) => app.clientId,
    ),
  ).toEqual([bobsApp.clientId]);
  expect(byPublisher.body).not.toContain(alicesApp.name);
  for (const [action, answer] of Object.entries(answers)) {
    expect(answer.body, `${action} says nothing about Alice's app`).not.toContain(alicesApp.name);
  }
  expect(backendState(db, [alice], [alicesApp])).toEqual(alicesBefore);

  // "Remove all" removes all of Bob's, and only Bob's.
  const all = await callAction(asBob, 'revokeAllApps', [{}]);
  expect(all.value).toEqual(bulkAnswer([bobsApp.clientId, bobsApp.name, 'revoked']));
  expect(world.tokensOf(bob, bobsApp)).toEqual([]);
  expect(backendState(db, [alice], [alicesApp])).toEqual(alicesBefore);
});

test("on an app both people authorized, one person's changes touch only their own tokens", async ({
  callers,
  world,
}) => {
  const { alice, bob, shared, asBob } = await aliceAndBobOnOneApp(
    { world, callers },
    (person, app) => world.grant(person, app, SCOPES),
  );
  const alicesTokens = world.tokensOf(alice, shared);

  const narrowed = await callAction(asBob, 'updateScopes', [
    { clientId: shared.clientId, scopes: ['openid'] },
  ]);
  expect(narrowed.value).toMatchObject({ ok: true, data: { app: { clientId: shared.clientId } } });
  expect(world.tokensOf(bob, shared).map((token) => token.scopes)).toEqual([['openid']]);
  expect(world.tokensOf(alice, shared)).toEqual(alicesTokens);

  const revoked = await callAction(asBob, 'revokeApp', [{ clientId: shared.clientId }]);
  expect(revoked.value).toEqual({ ok: true, data: { alreadyRevoked: false } });
  expect(world.tokensOf(bob, shared)).toEqual([]);
  expect(world.tokensOf(alice, shared)).toEqual(alicesTokens);
});

test("ending the grants that can renew, on an app both authorized, ends only the caller's", async ({
  callers,
  world,
}) => {
  const { alice, bob, shared, asBob } = await aliceAndBobOnOneApp(
    { world, callers },
    (person, app) => world.grant(person, app, [...SCOPES, 'offline_access']),
  );
  world.grant(bob, shared, SCOPES);
  const alicesTokens = world.tokensOf(alice, shared);

  const ended = await callAction(asBob, 'endRenewingGrants', [{ clientId: shared.clientId }]);

  expect(ended.value).toMatchObject({
    ok: true,
    data: { endedCount: 1, app: { clientId: shared.clientId, renewingGrantCount: 0 } },
  });
  expect(world.tokensOf(bob, shared).map((token) => token.scopes)).toEqual([SCOPES]);
  expect(world.tokensOf(alice, shared)).toEqual(alicesTokens);
});

test("stopping renewal, on an app both authorized, stops only the caller's grants", async ({
  callers,
  world,
  db,
}) => {
  // Both renew without offline_access: nothing to untick, so "Stop renewing" is the way.
  const { alice, bob, shared, asBob } = await aliceAndBobOnOneApp(
    { world, callers },
    (person, app) => world.grantToken(person, app, { scopes: SCOPES, withRefreshToken: true }),
  );
  const alicesBefore = backendState(db, [alice], [shared]).tokens.filter(
    (token) => token.subject === alice.subject,
  );

  const stopped = await callAction(asBob, 'stopRenewing', [{ clientId: shared.clientId }]);

  expect(stopped.value).toMatchObject({
    ok: true,
    data: { stoppedCount: 1, app: { clientId: shared.clientId, renewingGrantCount: 0 } },
  });
  const after = backendState(db, [alice, bob], [shared]).tokens;
  const bobs = after.filter((token) => token.subject === bob.subject);
  expect(bobs.map((token) => Number(token.refresh_token_expires_at) <= Date.now())).toEqual([true]);
  expect(after.filter((token) => token.subject === alice.subject)).toEqual(alicesBefore);
});

test("another person's real grant ID ends and narrows nothing: not found, whichever app it is sent with", async ({
  callers,
  world,
  db,
}) => {
  const alice = world.createPerson('Alice');
  const bob = world.createPerson('Bob');
  const shared = world.createApp();
  world.grant(alice, shared, SCOPES, 5);
  world.grant(alice, shared, ['openid'], 2);
  world.grant(bob, shared, SCOPES);
  const bobsOwnApp = world.createApp();
  world.grant(bob, bobsOwnApp, SCOPES);
  const before = backendState(db, [alice, bob], [shared, bobsOwnApp]);
  const asAlice = await callers.as(alice);
  const asBob = await callers.as(bob);
  const alices = await callAction(asAlice, 'getGrants', [{ clientId: shared.clientId }]);
  const grantIds = (alices.value as { data: { grants: { id: string }[] } }).data.grants.map(
    (grant) => grant.id,
  );
  expect(grantIds).toHaveLength(2);
  for (const grantId of grantIds) {
    const answer = await callAction(asBob, 'endGrant', [{ clientId: shared.clientId, grantId }]);
    expect(answer.value).toEqual(refusal('grant_not_found'));
    // Narrowed to openid, Alice's first grant would lose profile and photos.read were it Bob's.
    const narrowed = await callAction(asBob, 'narrowGrant', [
      { clientId: shared.clientId, grantId, scopes: ['openid'] },
    ]);
    expect(narrowed.value).toEqual(refusal('grant_not_found'));
    const stopped = await callAction(asBob, 'stopGrantRenewing', [
      { clientId: shared.clientId, grantId },
    ]);
    expect(stopped.value).toEqual(refusal('grant_not_found'));
  }
  // Sent with an app Alice has not authorized (Bob's own, say): still another person's grant.
  for (const grantId of grantIds) {
    const ended = await callAction(asBob, 'endGrant', [{ clientId: bobsOwnApp.clientId, grantId }]);
    expect(ended.value).toEqual(refusal('grant_not_found'));
    const narrowed = await callAction(asBob, 'narrowGrant', [
      { clientId: bobsOwnApp.clientId, grantId, scopes: ['openid'] },
    ]);
    expect(narrowed.value).toEqual(refusal('grant_not_found'));
    const stopped = await callAction(asBob, 'stopGrantRenewing', [
      { clientId: bobsOwnApp.clientId, grantId },
    ]);
    expect(stopped.value).toEqual(refusal('grant_not_found'));
  }
  // Bob's own grant list names none of Alice's.
  const bobs = await callAction(asBob, 'getGrants', [{ clientId: shared.clientId }]);
  for (const grantId of grantIds) expect(bobs.body).not.toContain(grantId);
  for (const grantId of [' ', '', 'x'.repeat(44), `${grantIds[0]}=`, grantIds[0]!.slice(1), 42]) {
    const answer = await callAction(asBob, 'endGrant', [{ clientId: shared.clientId, grantId }]);
    expect(answer.value, String(grantId)).toEqual(refusal('invalid_input'));
    const narrowed = await callAction(asBob, 'narrowGrant', [
      { clientId: shared.clientId, grantId, scopes: ['openid'] },
    ]);
    expect(narrowed.value, String(grantId)).toEqual(refusal('invalid_input'));
    const stopped = await callAction(asBob, 'stopGrantRenewing', [
      { clientId: shared.clientId, grantId },
    ]);
    expect(stopped.value, String(grantId)).toEqual(refusal('invalid_input'));
  }
  expect(backendState(db, [alice, bob], [shared, bobsOwnApp])).toEqual(before);

  // The same request for Bob's own grant does narrow it, so the refusals above could have failed;
  // Alice's tokens stay as they were.
  const alicesTokens = world.tokensOf(alice, shared);
  const [bobsGrant] = (bobs.value as { data: { grants: { id: string }[] } }).data.grants;
  const own = await callAction(asBob, 'narrowGrant', [
    { clientId: shared.clientId, grantId: bobsGrant!.id, scopes: ['openid'] },
  ]);
  expect(own.value).toMatchObject({
    ok: true,
    data: { alreadyEnded: false, app: { clientId: shared.clientId } },
  });
  expect(world.tokensOf(bob, shared).map((token) => token.scopes)).toEqual([['openid']]);
  expect(world.tokensOf(alice, shared)).toEqual(alicesTokens);
});

test('a forged subject, or any field the pages do not send, is refused as invalid input', async ({
  aliceAndBobWithAnAppEach: { alice, bob, alicesApp, bobsApp, asBob },
  db,
}) => {
  const before = backendState(db, [alice, bob], [alicesApp, bobsApp]);

  const forgeries: Record<string, unknown>[] = [
    { subject: alice.subject },
    { sub: alice.subject },
    { userId: alice.subject },
    { owner: alice.subject },
    { isAdmin: true },
  ];
  // Aimed at Bob's own app: the refusal comes from the field, not from ownership.
  for (const [action, [input]] of appCalls(bobsApp.clientId)) {
    for (const forged of forgeries) {
      const answer = await callAction(asBob, action, [{ ...(input as object), ...forged }]);
      expect(answer.value, `${action} with ${Object.keys(forged)[0]}`).toEqual(
        refusal('invalid_input'),
      );
    }
  }
  expect(backendState(db, [alice, bob], [alicesApp, bobsApp])).toEqual(before);

  // A subject sent as an extra argument is never read: the session decides whose apps these are.
  const viaExtraArgument = await callAction(asBob, 'getApp', [
    { clientId: alicesApp.clientId },
    { subject: alice.subject },
    alice.subject,
  ]);
  expect(viaExtraArgument.value).toEqual(refusal('app_not_found'));
  const revokeViaExtra = await callAction(asBob, 'revokeApp', [
    { clientId: alicesApp.clientId },
    alice.subject,
  ]);
  expect(revokeViaExtra.value).toEqual({ ok: true, data: { alreadyRevoked: true } });
  expect(backendState(db, [alice, bob], [alicesApp, bobsApp])).toEqual(before);
});

test('an app can only lose scopes: any scope it does not hold is refused, and so is none', async ({
  callers,
  world,
  db,
}) => {
  const bob = world.createPerson('Bob');
  const app = world.createApp();
  world.grant(bob, app, ['openid', 'profile']);
  world.grant(bob, app, ['openid']);
  const before = backendState(db, [bob], [app]);
  const asBob = await callers.as(bob);

  const widenings = [
    ['openid', 'photos.write'],
    ['payments.write'],
    ['offline_access'],
    ['not.a.scope'],
    ['openid', 'openid', 'photos.read'],
    ['OPENID'],
    ['openid '],
  ];
  for (const scopes of widenings) {
    const answer = await callAction(asBob, 'updateScopes', [{ clientId: app.clientId, scopes }]);
    expect(answer.value, scopes.join(' ')).toEqual(refusal('scope_not_granted'));
  }
  const none = await callAction(asBob, 'updateScopes', [{ clientId: app.clientId, scopes: [] }]);
  expect(none.value).toEqual(refusal('empty_scopes'));
  expect(backendState(db, [bob], [app])).toEqual(before);

  // The same request with held scopes does change things, so the checks above could have failed.
  const narrowed = await callAction(asBob, 'updateScopes', [
    { clientId: app.clientId, scopes: ['profile'] },
  ]);
  expect(narrowed.value).toMatchObject({ ok: true });
  // Each token keeps its own scopes ∩ what was kept: the one that never held `profile` gains nothing.
  expect(world.tokensOf(bob, app).map((token) => token.scopes)).toEqual([['profile'], []]);
});

test("one grant can only lose scopes it holds itself: another grant's are refused, and so are none", async ({
  callers,
  world,
  db,
}) => {
  const bob = world.createPerson('Bob');
  const app = world.createApp();
  world.grant(bob, app, ['openid', 'profile'], 3);
  world.grant(bob, app, ['openid'], 2);
  world.grant(bob, app, [...SCOPES, 'offline_access'], 1);
  const before = backendState(db, [bob], [app]);
  const asBob = await callers.as(bob);
  const listed = await callAction(asBob, 'getGrants', [{ clientId: app.clientId }]);
  const grants = (
    listed.value as { data: { grants: { id: string; scopes: { name: string }[] }[] } }
  ).data.grants;
  const holding = (...names: string[]) => {
    const found = grants.filter(
      (grant) =>
        JSON.stringify(grant.scopes.map((scope) => scope.name).sort()) ===
        JSON.stringify([...names].sort()),
    );
    expect(found, names.join(' ')).toHaveLength(1);
    return found[0]!.id;
  };
  const signIn = holding('openid', 'profile');
  const openidOnly = holding('openid');
  const renewing = holding(...SCOPES, 'offline_access');

  // profile and photos.read are held by the app's other grants, not by this one.
  const widenings = [
    ['openid', 'profile'],
    ['openid', 'photos.read'],
    ['offline_access'],
    ['openid', 'photos.write'],
    ['not.a.scope'],
    ['OPENID'],
    ['openid '],
  ];
  for (const scopes of widenings) {
    const answer = await callAction(asBob, 'narrowGrant', [
      { clientId: app.clientId, grantId: openidOnly, scopes },
    ]);
    expect(answer.value, scopes.join(' ')).toEqual(refusal('scope_not_granted'));
  }
  const none = await callAction(asBob, 'narrowGrant', [
    { clientId: app.clientId, grantId: signIn, scopes: [] },
  ]);
  expect(none.value).toEqual(refusal('empty_scopes'));
  // A token's scopes do not stop its refresh token: taking offline_access away is refused.
  const stillRenewing = await callAction(asBob, 'narrowGrant', [
    { clientId: app.clientId, grantId: renewing, scopes: SCOPES },
  ]);
  expect(stillRenewing.value).toEqual(refusal('renewal_not_stoppable'));
  expect(backendState(db, [bob], [app])).toEqual(before);

  // A subset of the grant's own scopes does narrow it, that grant alone: the checks could have failed.
  const narrowed = await callAction(asBob, 'narrowGrant', [
    { clientId: app.clientId, grantId: signIn, scopes: ['profile'] },
  ]);
  expect(narrowed.value).toMatchObject({ ok: true, data: { alreadyEnded: false } });
  expect(world.tokensOf(bob, app).map((token) => token.scopes)).toEqual([
    ['profile'],
    ['openid'],
    [...SCOPES, 'offline_access'],
  ]);
});

test('app IDs: unknown ones are "not found", malformed ones are invalid input', async ({
  bobWithOneApp: { bob, app, before, asBob },
  db,
}) => {
  const unknown = [
    '1',
    '9007199254740993',
    '9223372036854775807',
    // Shaped like an ID but past int64: no app can have it.
    '9223372036854775808',
    '9999999999999999999',
  ];
  for (const clientId of unknown) {
    expect((await callAction(asBob, 'getApp', [{ clientId }])).value, clientId).toEqual(
      refusal('app_not_found'),
    );
    const update = await callAction(asBob, 'updateScopes', [{ clientId, scopes: ['openid'] }]);
    expect(update.value, clientId).toEqual(refusal('app_not_found'));
    expect((await callAction(asBob, 'revokeApp', [{ clientId }])).value, clientId).toEqual({
      ok: true,
      data: { alreadyRevoked: true },
    });
  }

  const malformed: unknown[] = [
    0,
    '0',
    '-1',
    '01',
    '1e3',
    '1.0',
    ' 1',
    '+1',
    '１２３',
    '12345678901234567890',
    9007199254740993,
    BigInt(app.clientId),
    Number(app.clientId),
    [app.clientId],
    { value: app.clientId },
    null,
    true,
  ];
  for (const clientId of malformed) {
    for (const [action, args] of [
      ['getApp', [{ clientId }]],
      ['revokeApp', [{ clientId }]],
      ['updateScopes', [{ clientId, scopes: ['openid'] }]],
      ['revokeApps', [{ clientIds: [clientId] }]],
    ] as [ActionName, unknown[]][]) {
      const answer = await callAction(asBob, action, args);
      expect(answer.value, `${action} ${String(clientId)}`).toEqual(refusal('invalid_input'));
    }
  }
  expect(backendState(db, [bob], [app])).toEqual(before);
});

test("a first-party app survives every bulk request naming it, and the clean-up takes only the caller's expired apps", async ({
  callers,
  world,
  db,
}) => {
  const bob = world.createPerson('Bob');
  const alice = world.createPerson('Alice');
  const ours = world.createApp({ attributes: [{ key: 'first_party', value: 'true' }] });
  const stale = world.createApp();
  const alicesStale = world.createApp();
  const longAgo = Date.now() - 400 * DAY;
  const expiredGrant = { scopes: ['openid'], createdAt: longAgo, withRefreshToken: false };
  // The first-party app's only grant has expired too: the clean-up would pick it but for the mark.
  world.grantToken(bob, ours, expiredGrant);
  world.grantToken(bob, stale, expiredGrant);
  world.grantToken(alice, alicesStale, expiredGrant);
  const untouched = () => backendState(db, [alice], [ours, alicesStale]);
  const before = untouched();
  const asBob = await callers.as(bob);

  // A forged selection naming the first-party app: refused for that app, reported, untouched.
  const forged = await callAction(asBob, 'revokeApps', [{ clientIds: [ours.clientId] }]);
  expect(forged.value).toEqual(bulkAnswer([ours.clientId, ours.name, 'first_party']));
  expect(world.tokensOf(bob, ours)).toHaveLength(1);

  expect((await callAction(asBob, 'countExpiredApps', [{}])).value).toEqual({
    ok: true,
    data: { count: 1, unreadCount: 0 },
  });
  const cleanUp = await callAction(asBob, 'cleanUpExpiredApps', [{}]);
  expect(cleanUp.value).toEqual(bulkAnswer([stale.clientId, stale.name, 'revoked']));
  const all = await callAction(asBob, 'revokeAllApps', [{}]);
  expect(all.value).toEqual(bulkAnswer([ours.clientId, ours.name, 'first_party']));
  expect(world.tokensOf(bob, ours)).toHaveLength(1);
  expect(world.tokensOf(bob, stale)).toEqual([]);
  expect(cleanUp.body).not.toContain(alicesStale.name);
  expect(untouched()).toEqual(before);
  // Nothing of the attribute reaches the browser: the page is told "first-party", no more.
  const list = await callAction(asBob, 'listApps', [FIRST_PAGE]);
  expect(list.value).toMatchObject({ ok: true, data: { apps: [{ firstParty: true }] } });
  expect(list.body).not.toContain('first_party');
});

test('removing in bulk with an old session is refused as "reauth_required" and removes nothing', async ({
  callers,
  world,
  db,
}) => {
  const { user, apps } = world.personWithApps(3);
  const before = backendState(db, [user], apps);
  const oldSession = await callers.withSessionAge(user, 3600);
  expect(await sessionSubject(oldSession)).toBe(user.subject);

  const some = await callAction(oldSession, 'revokeApps', [
    { clientIds: apps.map((app) => app.clientId) },
  ]);
  expect(some.value).toEqual(refusal('reauth_required'));
  expect((await callAction(oldSession, 'revokeAllApps', [{}])).value).toEqual(
    refusal('reauth_required'),
  );
  expect((await callAction(oldSession, 'cleanUpExpiredApps', [{}])).value).toEqual(
    refusal('reauth_required'),
  );
  // One app at a time needs no recent sign-in; that is the page's own flow.
  expect(backendState(db, [user], apps)).toEqual(before);
});

test('an action called from another site is refused before it runs', async ({
  bobWithOneApp: { bob, app, before, asBob },
  world,
  baseURL,
  db,
}) => {
  const fromElsewhere = { headers: { Origin: 'https://evil.example' } };

  for (const [action, args] of appCalls(app.clientId)) {
    const answer = await callAction(asBob, action, args, fromElsewhere);
    // Next refuses a cross-origin action call (its answer is a 500 with no result).
    expect(answer.returned, action).toBe(false);
    expect(answer.status, action).toBeGreaterThanOrEqual(400);
  }
  const signOut = await callAction(asBob, 'signOutAndReturn', [], fromElsewhere);
  expect(signOut.redirect).toBeUndefined();
  expect(await sessionSubject(asBob)).toBe(bob.subject);
  expect(backendState(db, [bob], [app])).toEqual(before);

  // From the app's own origin, the same request works.
  const sameSite = await callAction(asBob, 'revokeApp', [{ clientId: app.clientId }], {
    headers: { Origin: new URL(baseURL!).origin },
  });
  expect(sameSite.value).toEqual({ ok: true, data: { alreadyRevoked: false } });
  expect(world.tokensOf(bob, app)).toEqual([]);
});

test('a request that is not a well-formed action call changes nothing', async ({
  bobWithOneApp: { bob, app, before, asBob },
  db,
}) => {
  const bodies = [
    '',
    '{not json',
    `{"clientId":"${app.clientId}"}`,
    `"${app.clientId}"`,
    'null',
    `[{"clientId":"${app.clientId}"}`,
    '["$F1"]',
    '["$K1"]',
    '["$@5"]',
    '[{"then":"$1:__proto__:then"}]',
  ];
  for (const action of [
    'revokeApp',
    'updateScopes',
    'revokeAllApps',
    'cleanUpExpiredApps',
  ] as const) {
    for (const body of bodies) {
      const answer = await callAction(asBob, action, new RawBody(body));
      expect(answer.value, `${action} ${body}`).not.toEqual(expect.objectContaining({ ok: true }));
    }
  }
  expect(backendState(db, [bob], [app])).toEqual(before);
  // An action ID the build does not have.
  const unknown = await callAction(asBob, { id: `7f${'0'.repeat(40)}` }, [{}]);
  expect(unknown.headers['x-nextjs-action-not-found']).toBe('1');
  expect(unknown.status).toBeGreaterThanOrEqual(400);
  expect(unknown.status).toBeLessThan(500);
  expect(unknown.returned).toBe(false);
});

test('a person whose session ended while the page was open is asked to sign in again', async ({
  page,
  context,
  world,
  signIn,
}) => {
  const { user, apps } = world.personWithApps(1);
  // Every account request renews the session cookie: one still in flight (a link prefetch
  // on hover, say) would put it back after it is cleared. So the page is left to settle first.
  const inFlight = new Set<Request>();
  page.on('request', (request) => inFlight.add(request));
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
  await signIn(user);
  const card = page.getByRole('article', { name: apps[0]!.name });
  await card.getByRole('button', { name: 'Remove access' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect.poll(() => inFlight.size).toBe(0);
  await context.clearCookies();
  expect(await context.cookies()).toEqual([]);

  await dialog.getByRole('button', { name: 'Remove access' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'Your session has ended. Sign in again to continue.',
  );
  expect(world.tokensOf(user, apps[0]!)).toHaveLength(1);
});

test('password sign-in refuses bad input with a clear error and starts no session', async ({
  callers,
  world,
}) => {
  const user = world.createPerson();
  const cases: [string, unknown[], object][] = [
    ['no fields', [{}, form({})], { error: 'missingFields', login: '' }],
    ['blank login', [{}, form({ login: '   ', password: 'x' })], { error: 'missingFields' }],
    [
      'no password',
      [{}, form({ login: user.login, password: '' })],
      { error: 'missingFields', login: user.login },
    ],
    [
      'login too long',
      [{}, form({ login: 'x'.repeat(201), password: 'x' })],
      { error: 'missingFields', login: 'x'.repeat(200) },
    ],
    [
      'password too long',
      [{}, form({ login: user.login, password: 'p'.repeat(1001) })],
      { error: 'missingFields' },
    ],
    [
      'wrong password',
      [{}, form({ login: user.login, password: `${user.password}x` })],
      { error: 'invalidCredentials', login: user.login },
    ],
    [
      'unknown login',
      [{}, form({ login: `${user.login}-nobody`, password: user.password })],
      { error: 'invalidCredentials' },
    ],
    // Not a form at all: what a script, not the page, would send.
    ['JSON instead of a form', [{}, { login: user.login, password: user.password }], {}],
    ['a string instead of a form', [{}, 'login=x&password=y'], {}],
    ['no arguments', [], {}],
  ];
  for (const [label, args, expected] of cases) {
    const stranger = await callers.signedOut();
    const answer = await callAction(stranger, 'signInWithPassword', args, { path: '/sign-in' });
    expect(answer.status, label).toBe(200);
    expect(answer.value, label).toMatchObject({ error: expect.any(String), ...expected });
    expect(startsSession(answer), label).toBe(false);
    expect(await sessionSubject(stranger), label).toBeNull();
    // The login may be echoed back to the form; the password never is.
    expect(answer.body, label).not.toContain(user.password);
  }
});

test('after a sign-in, only a path on this site is followed', async ({
  callers,
  baseURL,
  world,
}) => {
  const user = world.createPerson();
  const origin = new URL(baseURL!).origin;
  const cases: [string, string][] = [
    ['https://evil.example/apps', '/apps'],
    ['//evil.example/apps', '/apps'],
    ['/\\evil.example', '/apps'],
    ['javascript:alert(1)', '/apps'],
    ['/apps?page=2', '/apps?page=2'],
  ];
  for (const [callbackUrl, expected] of cases) {
    const caller = await callers.signedOut();
    const answer = await callAction(
      caller,
      'signInWithPassword',
      [{}, form({ login: user.login, password: user.password, callbackUrl })],
      { path: '/sign-in' },
    );
    expect(answer.redirect, callbackUrl).toBe(`${origin}${expected}`);
    expect(await sessionSubject(caller)).toBe(user.subject);
  }
});

test('a signed-in visitor of the sign-in page is sent on only to a page of this site', async ({
  callers,
  baseURL,
  world,
}) => {
  const origin = new URL(baseURL!).origin;
  const asBob = await callers.as(world.createPerson('Bob'));
  const cases: [string, string][] = [
    ['/apps?page=2', '/apps?page=2'],
    ['https://evil.example/', '/apps'],
    ['//evil.example', '/apps'],
    // Dot segments that collapse into `//evil.example`, which a browser reads as another host.
    ['/.//evil.example/phish', '/apps'],
    ['/..//evil.example', '/apps'],
    ['/%2e//evil.example', '/apps'],
    ['/apps/..//evil.example', '/apps'],
  ];
  for (const [callbackUrl, expected] of cases) {
    const response = await asBob.get(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`, {
      maxRedirects: 0,
    });
    expect(response.status(), callbackUrl).toBe(307);
    const location = response.headers().location!;
    // Resolved as the browser resolves a Location header.
    const target = new URL(location, `${origin}/sign-in`);
    expect(target.origin, `${callbackUrl} -> ${location}`).toBe(origin);
    expect(`${target.pathname}${target.search}`, callbackUrl).toBe(expected);
  }
});

test('OpenID sign-in, not configured here, starts no session and leaves no way off the site', async ({
  callers,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  for (const args of [
    [form({ callbackUrl: 'https://evil.example/' })],
    [form({ reason: 'reauth', callbackUrl: '//evil.example' })],
  ]) {
    const caller = await callers.signedOut();
    const answer = await callAction(caller, 'signInWithOidc', args, { path: '/sign-in' });
    expect(redirectOrigin(answer, baseURL!)).toBe(origin);
    expect(answer.redirect).not.toContain('evil.example');
    expect(startsSession(answer)).toBe(false);
    expect(await sessionSubject(caller)).toBeNull();
  }
  for (const args of [['not a form'], [{ callbackUrl: 'https://evil.example/' }], []]) {
    const caller = await callers.signedOut();
    const answer = await callAction(caller, 'signInWithOidc', args, { path: '/sign-in' });
    expect(answer.status, JSON.stringify(args)).toBe(200);
    expect(answer.redirect, JSON.stringify(args)).toBeUndefined();
    expect(startsSession(answer)).toBe(false);
  }
});

test('"sign in again" and "sign out" end only the caller\'s own session and stay on this site', async ({
  callers,
  baseURL,
  world,
}) => {
  const bob = world.createPerson('Bob');
  const origin = new URL(baseURL!).origin;
  for (const returnTo of [
    'https://evil.example/',
    '//evil.example',
    { path: '/apps' },
    '/apps/1',
  ]) {
    const asBob = await callers.as(bob);
    const answer = await callAction(asBob, 'signInAgain', [returnTo], { path: '/apps' });
    const back = typeof returnTo === 'string' && returnTo.startsWith('/apps') ? returnTo : '/apps';
    // A path on this site, or this site's own URL: never another host.
    expect(new URL(answer.redirect!, origin).href, JSON.stringify(returnTo)).toBe(
      `${origin}/sign-in?reason=reauth&callbackUrl=${encodeURIComponent(back)}`,
    );
    expect(await sessionSubject(asBob)).toBeNull();
  }
  const asBob = await callers.as(bob);
  const signOut = await callAction(asBob, 'signOutAndReturn', [
    { redirectTo: 'https://evil.example' },
  ]);
  // A local sign-out (no provider session) answers a path on this site.
  expect(new URL(signOut.redirect!, origin).href).toBe(`${origin}/sign-in`);
  expect(await sessionSubject(asBob)).toBeNull();
});

test('choosing a language accepts only a language the site speaks', async ({ callers }) => {
  const caller = await callers.signedOut();
  const junk: unknown[] = [
    'fr',
    'EN',
    'ja ',
    '',
    'ja; Path=/; Domain=evil.example',
    'ja\r\nSet-Cookie: pwned=1',
    ['ja'],
    { locale: 'ja' },
    { toString: 'ja' },
    null,
    42,
  ];
  for (const locale of junk) {
    const answer = await callAction(caller, 'chooseLocale', [locale], { path: '/sign-in' });
    expect(answer.status, JSON.stringify(locale)).toBe(200);
    expect(answer.setCookies, JSON.stringify(locale)).toEqual([]);
  }
  expect(await caller.storageState()).toMatchObject({ cookies: [] });

  const chosen = await callAction(caller, 'chooseLocale', ['ja'], { path: '/sign-in' });
  expect(chosen.setCookies).toEqual([expect.stringMatching(/^NEXT_LOCALE=ja;/)]);
});

test('/api/health and /api/ready are public and say nothing but their status', async ({
  callers,
  world,
}) => {
  const stranger = await callers.signedOut();
  const bob = await callers.as(world.createPerson('Bob'));
  for (const caller of [stranger, bob]) {
    for (const [path, body] of [
      ['/api/health', { status: 'ok' }],
      ['/api/health?verbose=1&debug=true', { status: 'ok' }],
      ['/api/ready', { status: 'ready' }],
      ['/api/ready?details=1', { status: 'ready' }],
    ] as const) {
      const response = await caller.get(path);
      expect(response.status(), path).toBe(200);
      expect(await response.json(), path).toEqual(body);
      const headers = response.headers();
      expect(headers['cache-control'], path).toBe('no-store');
      expect(headers['set-cookie'], path).toBeUndefined();
      expect(headers['x-powered-by'], path).toBeUndefined();
    }
    for (const method of ['post', 'put', 'delete', 'patch'] as const) {
      for (const path of ['/api/health', '/api/ready']) {
        const response = await caller[method](path, { data: { status: 'down' } });
        expect(response.status(), `${method} ${path}`).toBe(405);
      }
    }
  }
});

test('/api/metrics answers only the METRICS_TOKEN bearer: no token, a wrong one, a session all get 404', async ({
  callers,
  world,
}) => {
  const stranger = await callers.signedOut();
  const bob = await callers.as(world.createPerson('Bob'));
  const refusals: [string, Record<string, string>][] = [
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer e2e-metrics-token-not-the-right-one' }],
    [
      'the token one character short',
      { authorization: `Bearer ${E2E_METRICS_TOKEN.slice(0, -1)}` },
    ],
    ['the token with more after it', { authorization: `Bearer ${E2E_METRICS_TOKEN}0` }],
    ['the token as Basic credentials', { authorization: `Basic ${E2E_METRICS_TOKEN}` }],
    ['the token without its scheme', { authorization: E2E_METRICS_TOKEN }],
    ['the token in the query', {}],
  ];
  for (const caller of [stranger, bob]) {
    for (const [what, headers] of refusals) {
      const target =
        what === 'the token in the query'
          ? `/api/metrics?token=${E2E_METRICS_TOKEN}`
          : '/api/metrics';
      const response = await caller.get(target, { headers });
      expect(response.status(), what).toBe(404);
      expect(await response.json(), what).toEqual({ error: 'not_found' });
      expect(response.headers()['cache-control'], what).toBe('no-store');
    }
  }
  const scrape = await stranger.get('/api/metrics', {
    headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` },
  });
  expect(scrape.status()).toBe(200);
  expect(scrape.headers()['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  // What an operator scrapes: at least the request series, counting the requests just made.
  expect(await scrape.text()).toMatch(/^http_server_request_duration_seconds_count\{/m);
});

test('the session endpoint names only the caller, and no one when signed out', async ({
  callers,
  world,
}) => {
  const stranger = await callers.signedOut();
  const none = await stranger.get('/api/auth/session');
  expect(none.status()).toBe(200);
  expect(await none.json()).toBeNull();

  const bob = world.createPerson('Bob');
  const asBob = await callers.as(bob);
  const session = (await (await asBob.get('/api/auth/session')).json()) as Record<string, unknown>;
  expect(session).toMatchObject({ subject: bob.subject, user: { name: bob.displayName } });
  expect(Object.keys(session).sort()).toEqual([
    'expires',
    'method',
    'providerAuthAt',
    'signedInAt',
    'subject',
    'user',
  ]);
  expect(JSON.stringify(session)).not.toContain(bob.password);
});

test('the credentials callback and sign-out refuse a POST without the CSRF token', async ({
  callers,
  world,
}) => {
  const user = world.createPerson();
  const noSession = (response: { headers(): Record<string, string> }) =>
    !(response.headers()['set-cookie'] ?? '').includes(`${SESSION_COOKIE}=ey`);

  for (const csrfToken of [undefined, '', 'forged-token']) {
    const caller = await callers.signedOut();
    const fields: Record<string, string> = { login: user.login, password: user.password };
    if (csrfToken !== undefined) fields.csrfToken = csrfToken;
    const response = await caller.post('/api/auth/callback/credentials', {
      form: fields,
      maxRedirects: 0,
    });
    expect(response.status(), String(csrfToken)).toBe(302);
    expect(response.headers().location, String(csrfToken)).toContain('error=MissingCSRF');
    expect(noSession(response), String(csrfToken)).toBe(true);
    expect(await sessionSubject(caller)).toBeNull();
  }

  // Signed in, a sign-out POST without the token leaves the session alone.
  const asUser = await callers.as(user);
  await asUser.post('/api/auth/signout', { form: { callbackUrl: '/' }, maxRedirects: 0 });
  expect(await sessionSubject(asUser)).toBe(user.subject);
});

test('bulk removal by another person reports only their own apps, by name', async ({
  aliceAndBobWithAnAppEach: { alice, bob, alicesApp, bobsApp, asBob },
  world,
  db,
}) => {
  const alicesApps = [alicesApp, world.createApp()];
  world.grant(alice, alicesApps[1]!, SCOPES);
  const alicesBefore = backendState(db, [alice], alicesApps);

  const mixed = await callAction(asBob, 'revokeApps', [
    { clientIds: [alicesApps[0]!.clientId, bobsApp.clientId, alicesApps[1]!.clientId] },
  ]);
  expect(mixed.value).toEqual(
    bulkAnswer(
      [alicesApps[0]!.clientId, null, 'already_revoked'],
      [bobsApp.clientId, bobsApp.name, 'revoked'],
      [alicesApps[1]!.clientId, null, 'already_revoked'],
    ),
  );
  expect(world.tokensOf(bob, bobsApp)).toEqual([]);
  expect(backendState(db, [alice], alicesApps)).toEqual(alicesBefore);
});

test('/signed-out is public and names no one, signed in or not', async ({ callers, world }) => {
  const bob = world.createPerson('Bob');
  for (const caller of [await callers.signedOut(), await callers.as(bob)]) {
    const answer = await caller.get('/signed-out', { maxRedirects: 0 });
    expect(answer.status()).toBe(200);
    const html = await answer.text();
    expect(html).toContain('You are signed out');
    expect(html).not.toContain(bob.subject);
    expect(html).not.toContain(bob.displayName);
  }
});

test("one person's history cannot be read by another, whatever the request names", async ({
  callers,
  world,
}) => {
  const alice = world.createPerson('Alice');
  const bob = world.createPerson('Bob');
  const alicesApp = world.createApp();
  world.grant(alice, alicesApp, SCOPES);
  const asAlice = await callers.as(alice);
  expect(
    (await callAction(asAlice, 'revokeApp', [{ clientId: alicesApp.clientId }])).value,
  ).toEqual({ ok: true, data: { alreadyRevoked: false } });
  const alicesHistory = await asAlice.get('/apps/history');
  expect(await alicesHistory.text()).toContain(alicesApp.name);

  // Bob's own attempts on Alice's app are refused before any change: nothing in anyone's history.
  const asBob = await callers.as(bob);
  await callAction(asBob, 'updateScopes', [{ clientId: alicesApp.clientId, scopes: ['openid'] }]);
  const forged = [
    '',
    `?subject=${encodeURIComponent(alice.subject)}`,
    `?sub=${encodeURIComponent(alice.subject)}&user=${encodeURIComponent(alice.login)}`,
    `?page=1&size=20&subject=${encodeURIComponent(alice.subject)}`,
    '?page=-1&size=1000',
  ];
  for (const search of forged) {
    const response = await asBob.get(`/apps/history${search}`);
    expect(response.status(), search).toBe(200);
    const html = await response.text();
    expect(html, search).not.toContain(alicesApp.name);
    expect(html, `${search}: no entries`).not.toContain('<article');
  }
  // Signed out, the page is not served at all: it sends the visitor to sign in.
  const signedOut = await callers.signedOut();
  const response = await signedOut.get(`/apps/history?subject=${alice.subject}`, {
    maxRedirects: 0,
  });
  expect(response.status()).toBeGreaterThanOrEqual(300);
  expect(response.status()).toBeLessThan(400);
  expect(response.headers().location).toMatch(/\/sign-in\?/);
  expect(await response.text()).not.toContain(alicesApp.name);
});
