/**
 * Property-based tests: fast-check throws 500 generated inputs at each server
 * action (and at the route handlers that read input) — wrong types, huge and
 * unicode strings, prototype keys, numbers past 2^53, empty and duplicate
 * scopes, nested junk, arrays for objects, extra fields. Every one must be
 * answered with a clear refusal (never a 5xx), and the backend must be exactly
 * as it was once all of them have been sent.
 *
 * One test per action or handler, one request in flight per test: the two
 * Playwright workers keep the server busy without flooding it. The seed is
 * fixed (tests/support/fast-check-seed.ts), so every run sends the same inputs;
 * a failure prints the seed and path that replay it.
 */
import fc from 'fast-check';
import '../../support/fast-check-seed';
import type { APIRequestContext } from '@playwright/test';
import { expect } from '../../support/fixtures';
import { callAction, form, type ActionAnswer } from '../../support/actions';
import { ACTION_BODY_LIMIT_BYTES } from '../../../lib/limits';
import type { World } from '../../support/world';
import {
  anyKey,
  anyString,
  anyValue,
  brokenObject,
  BULK_REVOKE_LIMIT,
  clientIdShaped,
  MAX_DEVELOPER_LENGTH,
  MAX_QUERY_LENGTH,
  notAClientId,
  notAnObject,
  notAScopeList,
  PAGE_SIZES,
  returnPath,
  SORTS,
} from './arbitraries';
import { decode } from 'next-auth/jwt';
import { E2E_AUTH_SECRET, E2E_METRICS_TOKEN } from '../../support/e2e-env';
import { backendState, DEMO_SUBJECTS, type BackendState } from './backend-state';
import {
  SESSION_COOKIE,
  SIGNED_OUT_COOKIE,
  sessionSubject,
  startsSession,
  test as callersTest,
} from './callers';

const RUNS = 500;
const SCOPES = ['openid', 'profile', 'photos.read'];

/** Checks `check` against RUNS generated values; a failure names the (shrunk) counterexample. */
async function assertProperty<T>(arbitrary: fc.Arbitrary<T>, check: (value: T) => Promise<void>) {
  try {
    await fc.assert(fc.asyncProperty(arbitrary, check), {
      numRuns: RUNS,
      includeErrorInReport: true,
    });
  } catch (error) {
    // Counterexamples can hold strings of 100k characters: keep the report readable.
    throw new Error(abbreviate((error as Error).message));
  }
}

function abbreviate(text: string): string {
  return text.replace(/(.)\1{40,}/g, (run, char: string) => `${char.repeat(10)}…(${run.length}×)`);
}

/** Arguments around one input: usually just it, sometimes nothing, sometimes junk after it. */
function argsAround(input: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> {
  return fc.oneof(
    { arbitrary: input.map((value) => [value]), weight: 8 },
    { arbitrary: fc.constant<unknown[]>([]), weight: 1 },
    { arbitrary: fc.tuple(input, anyValue).map(([value, extra]) => [value, extra]), weight: 1 },
  );
}

/**
 * A body over the action size limit is refused by the proxy with 413 before any action runs:
 * a clear refusal too, but only ever for a body that big. (For a multipart form `sentBytes`
 * counts its values only, so allow for the form's framing.)
 */
function refusedAsTooLarge(answer: ActionAnswer): boolean {
  if (answer.status !== 413) return false;
  expect(answer.sentBytes, 'only an oversized body may get 413').toBeGreaterThan(
    ACTION_BODY_LIMIT_BYTES - 4096,
  );
  expect(JSON.parse(answer.body)).toEqual({ error: 'payload_too_large' });
  return true;
}

function expectCode(answer: ActionAnswer, code: string) {
  if (refusedAsTooLarge(answer)) return;
  expect(answer.status, answer.body.slice(0, 300)).toBe(200);
  expect(answer.value).toEqual({ ok: false, error: expect.objectContaining({ code }) });
}

/** A person with three apps (IDs past 2^53), and a bystander with two of their own. */
function people(world: World) {
  const me = world.createPerson('Caller');
  const other = world.createPerson('Bystander');
  const mine = [world.createApp(), world.createApp(), world.createApp()];
  const theirs = [world.createApp(), world.createApp()];
  for (const app of mine) world.grant(me, app, SCOPES);
  world.grant(me, mine[0]!, ['openid']);
  for (const app of theirs) world.grant(other, app, [...SCOPES, 'photos.write']);
  return { me, other, mine, theirs };
}

type SignedInWorld = ReturnType<typeof people> & {
  snapshot: () => BackendState;
  before: BackendState;
  caller: APIRequestContext;
};

const test = callersTest.extend<{
  /** The people and apps of one test, a snapshot of them, and the caller signed in as the first. */
  signedInWorld: SignedInWorld;
}>({
  signedInWorld: async ({ world, db, callers }, use) => {
    const cast = people(world);
    const snapshot = () => backendState(db, [cast.me, cast.other], [...cast.mine, ...cast.theirs]);
    const before = snapshot();
    await use({ ...cast, snapshot, before, caller: await callers.as(cast.me) });
  },
});

// Budgets, not expectations: 500 requests take 15–60 s depending on the machine and its load.
test.describe.configure({ timeout: 180_000 });
// Traces of hundreds of requests would only weigh on the run; fast-check reports the counterexample.
test.use({ trace: 'off' });

const APP_ACTIONS = [
  'listApps',
  'getApp',
  'getGrants',
  'updateScopes',
  'revokeApp',
  'endGrant',
  'narrowGrant',
  'stopGrantRenewing',
  'endRenewingGrants',
  'stopRenewing',
  'revokeApps',
  'revokeAllApps',
  'countExpiredApps',
  'cleanUpExpiredApps',
] as const;

/** Shaped like a grant ID (lib/grants/grant-ids.ts): 43 base64url characters. */
const grantIdShaped = fc.stringMatching(/^[A-Za-z0-9_-]{43}$/);
const notAGrantId = anyValue.filter(
  (value) => !(typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value)),
);
type AppAction = (typeof APP_ACTIONS)[number];

/** For each app action, inputs its contract refuses, built around the given app IDs. */
function malformedInputs(
  mineIds: string[],
  anyIds: string[],
): Record<AppAction, fc.Arbitrary<unknown>> {
  const validList = fc.record({
    page: fc.integer({ min: 1, max: 1_000_000 }),
    size: fc.constantFrom(...PAGE_SIZES),
    q: fc.string({ maxLength: MAX_QUERY_LENGTH }),
    sort: fc.constantFrom(...SORTS),
    offline: fc.boolean(),
    inactive: fc.boolean(),
    selfRegistered: fc.boolean(),
    developer: fc.string({ maxLength: MAX_DEVELOPER_LENGTH }),
  });
  const notABoolean = anyValue.filter((value) => typeof value !== 'boolean');
  const listInput = fc.oneof(
    brokenObject(validList, {
      page: anyValue.filter(
        (value) => !(Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 1e6),
      ),
      size: anyValue.filter((value) => !PAGE_SIZES.includes(value as number)),
      q: fc.oneof(
        anyValue.filter(
          (value) => !(typeof value === 'string' && value.length <= MAX_QUERY_LENGTH),
        ),
        fc.string({ minLength: MAX_QUERY_LENGTH + 1, maxLength: 300 }),
      ),
      sort: anyValue.filter((value) => !SORTS.includes(value as string)),
      offline: notABoolean,
      inactive: notABoolean,
      selfRegistered: notABoolean,
      developer: fc.oneof(
        anyValue.filter(
          (value) => !(typeof value === 'string' && value.length <= MAX_DEVELOPER_LENGTH),
        ),
        fc.string({ minLength: MAX_DEVELOPER_LENGTH + 1, maxLength: 400 }),
      ),
    }),
    notAnObject(validList),
  );

  const validUpdate = fc.record({
    clientId: fc.constantFrom(...anyIds),
    scopes: fc.array(fc.constantFrom(...SCOPES, 'photos.write'), { maxLength: 6 }),
  });
  const updateInput = fc.oneof(
    brokenObject(validUpdate, { clientId: notAClientId, scopes: notAScopeList }),
    notAnObject(validUpdate),
  );

  const validApp = fc.record({ clientId: fc.constantFrom(...anyIds) });
  const appInput = fc.oneof(
    brokenObject(validApp, { clientId: notAClientId }),
    notAnObject(validApp),
  );

  const validGrant = fc.record({ clientId: fc.constantFrom(...anyIds), grantId: grantIdShaped });
  const grantInput = fc.oneof(
    brokenObject(validGrant, { clientId: notAClientId, grantId: notAGrantId }),
    notAnObject(validGrant),
  );

  const validNarrow = fc.record({
    clientId: fc.constantFrom(...anyIds),
    grantId: grantIdShaped,
    scopes: fc.array(fc.constantFrom(...SCOPES, 'photos.write'), { maxLength: 6 }),
  });
  const narrowInput = fc.oneof(
    brokenObject(validNarrow, {
      clientId: notAClientId,
      grantId: notAGrantId,
      scopes: notAScopeList,
    }),
    notAnObject(validNarrow),
  );

  const validBulk = fc.record({ clientIds: fc.subarray(mineIds, { minLength: 1 }) });
  const bulkInput = fc.oneof(
    brokenObject(validBulk, {
      clientIds: fc.oneof(
        anyValue.filter((value) => !Array.isArray(value)),
        fc.constant([]),
        fc.array(fc.constantFrom(...mineIds), {
          minLength: BULK_REVOKE_LIMIT + 1,
          maxLength: BULK_REVOKE_LIMIT + 30,
        }),
        fc.tuple(fc.subarray(mineIds), notAClientId, fc.nat()).map(([ids, bad, at]) => {
          const list: unknown[] = [...ids];
          list.splice(at % (ids.length + 1), 0, bad);
          return list;
        }),
      ),
    }),
    notAnObject(validBulk),
  );

  // `{}` is the only valid input; a Date (an object with no own keys) must not pass for one.
  const revokeAllInput = fc.oneof(
    notAnObject(fc.constant({})),
    fc.dictionary(
      anyKey.filter((key) => key !== '__proto__'),
      anyValue.filter((value) => value !== undefined),
      { minKeys: 1, maxKeys: 4 },
    ),
  );

  return {
    listApps: listInput,
    getApp: appInput,
    getGrants: appInput,
    updateScopes: updateInput,
    revokeApp: appInput,
    endGrant: grantInput,
    narrowGrant: narrowInput,
    stopGrantRenewing: grantInput,
    endRenewingGrants: appInput,
    stopRenewing: appInput,
    revokeApps: bulkInput,
    revokeAllApps: revokeAllInput,
    // Like "remove all", the clean-up and its count take `{}` only: the server picks the apps.
    countExpiredApps: revokeAllInput,
    cleanUpExpiredApps: revokeAllInput,
  };
}

for (const action of APP_ACTIONS) {
  test(`${action} refuses 500 malformed inputs as invalid input and changes nothing`, async ({
    signedInWorld: { me, mine, theirs, snapshot, before, caller },
  }) => {
    const mineIds = mine.map((app) => app.clientId);
    const inputs = malformedInputs(mineIds, [...mineIds, ...theirs.map((app) => app.clientId)]);
    await assertProperty(argsAround(inputs[action]), async (args) => {
      expectCode(await callAction(caller, action, args), 'invalid_input');
    });
    expect(snapshot()).toEqual(before);
    expect(await sessionSubject(caller)).toBe(me.subject);
  });
}

test('500 well-formed requests for apps the caller has not authorized change nothing', async ({
  signedInWorld: { other, mine, theirs, snapshot, before, caller },
  db,
  callers,
}) => {
  const demoApps = db
    .prepare<string[], { id: string }>(
      `SELECT DISTINCT CAST(client_id AS TEXT) AS id FROM access_tokens WHERE subject IN (${DEMO_SUBJECTS.map(() => '?').join(', ')})`,
    )
    .all(...DEMO_SUBJECTS)
    .map((row) => row.id);
  expect(demoApps.length).toBeGreaterThan(0);
  const mineIds = new Set(mine.map((app) => app.clientId));
  // The bystander's real grant IDs, as their own pages show them: sent by the caller, still not theirs.
  const asOther = await callers.as(other);
  const theirGrantIds: string[] = [];
  for (const app of theirs) {
    const listed = await callAction(asOther, 'getGrants', [{ clientId: app.clientId }]);
    const { grants } = (listed.value as { data: { grants: { id: string }[] } }).data;
    theirGrantIds.push(...grants.map((grant) => grant.id));
  }
  expect(theirGrantIds).toHaveLength(theirs.length);
  const othersGrantId = fc.oneof(grantIdShaped, fc.constantFrom(...theirGrantIds));

  const notMine = fc
    .oneof(fc.constantFrom(...theirs.map((app) => app.clientId), ...demoApps), clientIdShaped)
    .filter((id) => !mineIds.has(id));
  const scopeName = fc.oneof(
    fc.constantFrom(...SCOPES, 'photos.write', 'payments.write', 'offline_access'),
    fc.string({ minLength: 1, maxLength: 200 }),
  );
  const scopes = fc.oneof(
    fc.array(scopeName, { maxLength: 100 }),
    // Duplicates of what the other person's app really holds.
    fc.array(fc.constantFrom(...SCOPES), { minLength: 2, maxLength: 8 }),
  );

  // One property over the actions that name an app: what is asked of all of them is the same.
  const request = fc.oneof(
    fc.record({ action: fc.constant('updateScopes' as const), clientId: notMine, scopes }),
    fc.record({ action: fc.constant('getApp' as const), clientId: notMine }),
    fc.record({ action: fc.constant('revokeApp' as const), clientId: notMine }),
    fc.record({ action: fc.constant('getGrants' as const), clientId: notMine }),
    fc.record({ action: fc.constant('endRenewingGrants' as const), clientId: notMine }),
    fc.record({ action: fc.constant('stopRenewing' as const), clientId: notMine }),
    fc.record({
      action: fc.constant('endGrant' as const),
      clientId: notMine,
      grantId: othersGrantId,
    }),
    fc.record({
      action: fc.constant('narrowGrant' as const),
      clientId: notMine,
      grantId: othersGrantId,
      scopes,
    }),
    fc.record({
      action: fc.constant('stopGrantRenewing' as const),
      clientId: notMine,
      grantId: othersGrantId,
    }),
    fc.record({
      action: fc.constant('revokeApps' as const),
      clientIds: fc.array(notMine, { minLength: 1, maxLength: BULK_REVOKE_LIMIT }),
    }),
  );
  await assertProperty(request, async ({ action, ...input }) => {
    const answer = await callAction(caller, action, [input]);
    if (action === 'updateScopes') {
      const { scopes: asked } = input as { scopes: string[] };
      expectCode(answer, asked.length === 0 ? 'empty_scopes' : 'app_not_found');
    } else if (
      action === 'getApp' ||
      action === 'getGrants' ||
      action === 'endRenewingGrants' ||
      action === 'stopRenewing'
    ) {
      expectCode(answer, 'app_not_found');
    } else if (action === 'endGrant' || action === 'stopGrantRenewing') {
      expectCode(answer, 'grant_not_found');
    } else if (action === 'narrowGrant') {
      // Empty is refused before the lookup; any other list finds no grant of the caller's.
      const { scopes: asked } = input as { scopes: string[] };
      expectCode(answer, asked.length === 0 ? 'empty_scopes' : 'grant_not_found');
    } else if (action === 'revokeApp') {
      expect(answer.value).toEqual({ ok: true, data: { alreadyRevoked: true } });
    } else {
      const { clientIds } = input as { clientIds: string[] };
      // Each app once, in the order asked, unnamed: nothing about another person's app is told.
      expect(answer.value).toEqual({
        ok: true,
        data: {
          items: [...new Set(clientIds)].map((clientId) => ({
            clientId,
            name: null,
            outcome: 'already_revoked',
          })),
          // A selection is never cut short: only "remove all" can leave apps for a next run.
          remainingCount: 0,
        },
      });
    }
  });
  expect(snapshot()).toEqual(before);
});

/** Forms with fields named from `names` (and others), each value any string. */
function formFields(names: string[]) {
  return fc.dictionary(
    fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 10 })),
    anyString,
    {
      maxKeys: 5,
    },
  );
}

test('signInWithPassword takes 500 junk inputs with a clear error, no session and no password echoed', async ({
  callers,
  world,
  db,
}) => {
  const person = world.createPerson();
  const before = backendState(db, [person]);
  const caller = await callers.signedOut();
  // Forms the schema refuses before any password check: a login or password missing, blank or too long.
  const refusedForm = fc
    .tuple(
      formFields(['callbackUrl', 'subject', '$ACTION_ID_x']),
      fc.oneof(
        fc.record({ password: fc.string({ minLength: 1, maxLength: 50 }) }),
        fc.record({
          login: fc.constantFrom('', ' ', '\t\n', 'x'.repeat(201)),
          password: fc.string({ minLength: 1, maxLength: 50 }),
        }),
        fc.record({
          login: fc.string({ minLength: 1, maxLength: 50 }),
          password: fc.constantFrom('', 'p'.repeat(1001)),
        }),
        fc.record({ login: fc.string({ minLength: 1, maxLength: 50 }) }),
      ),
    )
    .map(([extra, fields]): Record<string, string> => {
      const out = { ...extra };
      delete out.login;
      delete out.password;
      return { ...out, ...fields };
    });
  // Well-formed but wrong: each costs the server a password hash, so only a few.
  const wrongCredentials = fc.record({
    login: fc.oneof(
      fc.constant(person.login),
      fc.string({ minLength: 1, maxLength: 30 }).filter((login) => login.trim() !== ''),
    ),
    password: fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((password) => password !== person.password && password !== 'demo-password'),
  });
  const second = fc.oneof(
    { arbitrary: refusedForm.map((fields) => ({ kind: 'refused' as const, fields })), weight: 14 },
    {
      arbitrary: wrongCredentials.map((fields) => ({ kind: 'wrong' as const, fields })),
      weight: 1,
    },
    { arbitrary: anyValue.map((junk) => ({ kind: 'junk' as const, junk, fields: {} })), weight: 5 },
  );

  await assertProperty(fc.tuple(anyValue, second), async ([previous, sent]) => {
    const fields: Record<string, string> = sent.fields;
    const args = sent.kind === 'junk' ? [previous, sent.junk] : [previous, form(fields)];
    const answer = await callAction(caller, 'signInWithPassword', args, { path: '/sign-in' });
    if (refusedAsTooLarge(answer)) return;
    expect(answer.status).toBe(200);
    expect(answer.redirect).toBeUndefined();
    expect(answer.value).toMatchObject({
      // Past ten guesses a minute at one login, a wrong password is refused unchecked.
      error:
        sent.kind === 'wrong'
          ? expect.stringMatching(/^(invalidCredentials|tooManyAttempts)$/)
          : 'missingFields',
    });
    expect(startsSession(answer)).toBe(false);
    // The login may come back to refill the form; the password never does.
    const password = fields.password ?? '';
    if (password.length >= 16 && !(fields.login ?? '').includes(password))
      expect(JSON.stringify(answer.value)).not.toContain(password);
  });
  expect(await sessionSubject(caller)).toBeNull();
  expect(backendState(db, [person])).toEqual(before);
});

test('signInWithOidc takes 500 junk inputs without a 5xx, a session or a way off the site', async ({
  callers,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const caller = await callers.signedOut();
  const sent = fc.oneof(
    formFields(['callbackUrl', 'reason']).map((fields) => ({ isForm: true, args: [form(fields)] })),
    fc.array(anyValue, { maxLength: 3 }).map((args) => ({ isForm: false, args })),
  );
  await assertProperty(sent, async ({ isForm, args }) => {
    const answer = await callAction(caller, 'signInWithOidc', args, { path: '/sign-in' });
    if (refusedAsTooLarge(answer)) return;
    expect(answer.status).toBe(200);
    // A form asks next-auth to start a sign-in (here: its own page, no provider); anything else is ignored.
    if (isForm) expect(new URL(answer.redirect!, origin).origin).toBe(origin);
    else expect(answer.redirect).toBeUndefined();
    expect(startsSession(answer)).toBe(false);
  });
  expect(await sessionSubject(caller)).toBeNull();
});

test('signInAgain takes 500 crafted return paths and always sends the person to sign-in on this site', async ({
  callers,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const caller = await callers.signedOut();
  await assertProperty(returnPath, async (returnTo) => {
    const answer = await callAction(caller, 'signInAgain', [returnTo], { path: '/sign-in' });
    if (refusedAsTooLarge(answer)) return;
    expect(answer.status).toBe(200);
    const target = new URL(answer.redirect!, origin);
    expect(`${target.origin}${target.pathname}`).toBe(`${origin}/sign-in`);
    expect(target.searchParams.get('reason')).toBe('reauth');
    // Where the sign-in page will send them afterwards: a path here, read as a browser reads it.
    const back = target.searchParams.get('callbackUrl')!;
    expect(back).toMatch(/^\/(?![/\\])/);
    expect(new URL(back, target).origin).toBe(origin);
  });
});

test('signOutAndReturn takes 500 junk argument lists and only ever sends to the sign-in page', async ({
  callers,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const caller = await callers.signedOut();
  await assertProperty(fc.array(anyValue, { maxLength: 3 }), async (args) => {
    const answer = await callAction(caller, 'signOutAndReturn', args, { path: '/sign-in' });
    if (refusedAsTooLarge(answer)) return;
    expect(answer.status).toBe(200);
    // Wherever the redirect is written absolute or relative, it resolves to this origin's sign-in page.
    expect(new URL(answer.redirect!, origin).href).toBe(`${origin}/sign-in`);
  });
});

test('chooseLocale takes 500 junk inputs and sets no cookie for any of them', async ({
  callers,
}) => {
  const caller = await callers.signedOut();
  const args = fc
    .array(anyValue, { maxLength: 3 })
    .filter((list) => list[0] !== 'en' && list[0] !== 'ja');
  await assertProperty(args, async (list) => {
    const answer = await callAction(caller, 'chooseLocale', list, { path: '/sign-in' });
    if (refusedAsTooLarge(answer)) return;
    expect(answer.status).toBe(200);
    expect(answer).toMatchObject({ returned: true, value: undefined, setCookies: [] });
  });
  expect((await caller.storageState()).cookies).toEqual([]);
});

// Queries stay well under Node's 16 KB header limit (past it, Node answers 431 itself).
const shortString = anyString.map((value) => value.slice(0, 500));
const query = fc
  .dictionary(anyKey, shortString, { maxKeys: 6 })
  .map((fields) => new URLSearchParams(Object.entries(fields)).toString());
const junkBody = fc.oneof(
  shortString,
  anyValue.map((value) => {
    try {
      return (
        JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? ''
      );
    } catch {
      return '';
    }
  }),
);

function noSessionCookie(headers: Record<string, string>) {
  expect(headers['set-cookie'] ?? '').not.toContain(`${SESSION_COOKIE}=ey`);
}

test('/api/health and /api/ready answer 500 junk requests with their status and nothing else', async ({
  callers,
}) => {
  const caller = await callers.signedOut();
  // They read no input; each run sends junk to one of them, one way or the other.
  const sent = fc.tuple(
    fc.constantFrom('health', 'ready'),
    fc.constantFrom('get', 'post'),
    query,
    junkBody,
  );
  await assertProperty(sent, async ([endpoint, method, search, body]) => {
    const response = await caller[method](`/api/${endpoint}?${search}`, {
      data: method === 'post' ? body : undefined,
    });
    if (method === 'post') return expect(response.status()).toBe(405);
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: endpoint === 'health' ? 'ok' : 'ready' });
  });
});

test('/api/metrics answers 500 junk Authorization headers and queries with the same 404', async ({
  callers,
}) => {
  const caller = await callers.signedOut();
  // Junk after `Bearer `, junk schemes, the right token mangled: never the token itself. Printable
  // ASCII only, what an HTTP header can carry.
  const headerText = fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    maxLength: 200,
  });
  const authorization = fc
    .oneof(
      headerText.map((junk) => `Bearer ${junk}`),
      headerText,
      fc
        .tuple(fc.nat({ max: E2E_METRICS_TOKEN.length - 1 }), headerText)
        .map(([cut, junk]) => `Bearer ${E2E_METRICS_TOKEN.slice(0, cut)}${junk}`),
    )
    .filter((header) => header.trim() !== `Bearer ${E2E_METRICS_TOKEN}`);
  await assertProperty(fc.tuple(authorization, query), async ([header, search]) => {
    const response = await caller.get(`/api/metrics?${search}`, {
      headers: { authorization: header },
    });
    expect(response.status()).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found' });
  });
});

test('the signed-out marker takes 500 junk values and ends only the session it names', async ({
  callers,
  baseURL,
  world,
}) => {
  const user = world.createPerson();
  const signedIn = await callers.as(user);
  const session = (await signedIn.storageState()).cookies.find(
    (cookie) => cookie.name === SESSION_COOKIE,
  )!.value;
  const claims = await decode({ token: session, secret: E2E_AUTH_SECRET, salt: SESSION_COOKIE });
  const sessionId = String(claims?.sessionId);
  // Plain fetch, no cookie jar: each request carries exactly this session and this marker.
  const subjectWith = async (marker: string) => {
    const response = await fetch(`${baseURL}/api/auth/session`, {
      headers: { cookie: `${SESSION_COOKIE}=${session}; ${SIGNED_OUT_COOKIE}=${marker}` },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { subject?: string } | null)?.subject ?? null;
  };
  // What a cookie value can carry: printable ASCII but separators, quotes and backslashes.
  const markerText = fc
    .string({
      unit: fc
        .integer({ min: 0x21, max: 0x7e })
        .filter((code) => !';,"\\'.includes(String.fromCharCode(code)))
        .map((code) => String.fromCharCode(code)),
      maxLength: 200,
    })
    .filter((marker) => marker !== sessionId);
  await assertProperty(markerText, async (marker) => {
    expect(await subjectWith(marker)).toBe(user.subject);
  });
  expect(await subjectWith(sessionId)).toBeNull();
});

test("next-auth's read endpoints take 500 junk queries without a 5xx, a session or a way off the site", async ({
  callers,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  const caller = await callers.signedOut();
  const sent = fc.tuple(
    fc.constantFrom('session', 'csrf', 'providers', 'signin', 'error', 'signout'),
    query,
  );
  await assertProperty(sent, async ([endpoint, search]) => {
    const response = await caller.get(`/api/auth/${endpoint}?${search}`, { maxRedirects: 0 });
    expect(response.status()).toBeLessThan(500);
    const location = response.headers().location;
    if (location) expect(new URL(location, origin).origin).toBe(origin);
    noSessionCookie(response.headers());
    if (endpoint === 'session') expect(await response.json()).toBeNull();
  });
  expect(await sessionSubject(caller)).toBeNull();
});

test('the credentials callback takes 500 junk forms, right password included, and starts no session', async ({
  callers,
  baseURL,
  world,
}) => {
  const origin = new URL(baseURL!).origin;
  const person = world.createPerson();
  const caller = await callers.signedOut();
  const fields = fc.dictionary(
    fc.oneof(
      fc.constantFrom('csrfToken', 'login', 'password', 'callbackUrl', 'redirect', 'json'),
      fc.string({ maxLength: 10 }),
    ),
    shortString,
    { maxKeys: 6 },
  );
  await assertProperty(fields, async (junk) => {
    // The right login and password, but never the CSRF token that goes with them.
    const response = await caller.post('/api/auth/callback/credentials', {
      form: { ...junk, login: person.login, password: person.password },
      maxRedirects: 0,
    });
    expect(response.status()).toBeLessThan(500);
    const location = response.headers().location;
    if (location) expect(new URL(location, origin).origin).toBe(origin);
    noSessionCookie(response.headers());
  });
  expect(await sessionSubject(caller)).toBeNull();
});

/** Percent signs that decode to nothing: bad hex, cut short, or not UTF-8. */
const MALFORMED_ESCAPE = fc.constantFrom('%ZZ', '%', 'a%2', '%E0%A4%A', '%C3', '%FF', '%%41');

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

test("next-auth's other paths take 500 junk segments without a 5xx or a session", async ({
  callers,
}) => {
  const caller = await callers.signedOut();
  // Well-formed escapes, as clients make them, and now and then one that does not decode.
  const wellEscaped = anyString.map((value) => encodeURIComponent(wellFormed(value.slice(0, 200))));
  const segment = fc.oneof(
    { arbitrary: wellEscaped, weight: 4 },
    { arbitrary: MALFORMED_ESCAPE, weight: 1 },
  );
  const sent = fc.tuple(
    fc.array(segment, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('get', 'post'),
  );
  await assertProperty(sent, async ([segments, method]) => {
    const path = `/api/auth/${segments.join('/')}`;
    const response = await caller[method](path, { maxRedirects: 0 });
    // (A path with an empty segment or a trailing slash is first redirected, 308, to its
    // normal form by Next; the redirect's target then gets the 400.)
    if (!decodes(path) && !/\/\/|\/$/.test(path)) {
      expect(response.status()).toBe(400);
      expect(await response.json()).toEqual({ error: 'bad_request' });
    }
    expect(response.status()).toBeLessThan(500);
    noSessionCookie(response.headers());
  });
  expect(await sessionSubject(caller)).toBeNull();
});

test('the sign-in page sends a signed-in visitor with any of 500 crafted callbackUrls only to this site', async ({
  callers,
  baseURL,
  world,
}) => {
  const origin = new URL(baseURL!).origin;
  const caller = await callers.as(world.createPerson());
  await assertProperty(returnPath, async (candidate) => {
    // Capped so the URL stays under Node's 16 KB header limit (past it, Node answers 431 itself).
    const search =
      typeof candidate === 'string'
        ? new URLSearchParams({ callbackUrl: candidate.slice(0, 1000) })
        : '';
    const response = await caller.get(`/sign-in?${search}`, { maxRedirects: 0 });
    expect(response.status()).toBe(307);
    // Resolved as the browser resolves a Location header.
    const target = new URL(response.headers().location!, `${origin}/sign-in`);
    expect(target.origin).toBe(origin);
  });
});

/** The string with lone surrogates replaced, as a UTF-8 client would send it. */
function wellFormed(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8');
}

test("/apps/history takes 500 junk queries without a 5xx, and shows only the caller's own entries", async ({
  callers,
  world,
}) => {
  const [owner, other] = [world.createPerson('Owner'), world.createPerson('Other')];
  const app = world.createApp();
  world.grant(other, app, SCOPES);
  const asOther = await callers.as(other);
  expect((await callAction(asOther, 'revokeApp', [{ clientId: app.clientId }])).value).toEqual({
    ok: true,
    data: { alreadyRevoked: false },
  });
  // The owner has no history; whatever the query says, the page shows none of the other's.
  const caller = await callers.as(owner);
  await assertProperty(query, async (search) => {
    const response = await caller.get(`/apps/history?${search}`, { maxRedirects: 0 });
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html).not.toContain(app.name);
    expect(html).not.toContain('<article');
  });
});
