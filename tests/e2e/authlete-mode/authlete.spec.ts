/**
 * The built app in Authlete mode: AUTHLETE_* point at the Authlete wire test
 * server and AUTH_OIDC_* at a real OpenID Provider. A person signs in at
 * the provider, lists, narrows and revokes; the tests read what the Authlete
 * server received, and make it fail in each way a real one can. Its faults
 * apply to every request, so this file's tests run one at a time (see the
 * `authlete` project in playwright.config.ts). Every test runs against the v3
 * app; those tagged @wire, whose calls differ between the API generations, run
 * against the v2 app too (the `authlete-v2` project), and say where v2 answers
 * differently.
 */
import type { Page } from '@playwright/test';
import { AUTHLETE_MODE, type AuthleteStack } from '../../support/e2e-env';
import { expect, test } from '../../support/fixtures';
import { waitForHydration } from '../../support/hydration';
import { authleteRequests, signInAtProvider } from '../../support/authlete-mode-page';
import { serverLogLines } from '../../support/recording';
import { confirmRemoval, confirmRemoveAll, removeAccess } from '../../support/remove-access';

type FaultRule = {
  operation?: string;
  path?: string;
  fault: Record<string, unknown>;
  times?: number;
};

async function injectFault(page: Page, rule: FaultRule) {
  const response = await page.request.post(`${stack.authleteUrl}/__test/faults`, {
    data: rule,
  });
  expect(response.status()).toBe(204);
}

async function clearFaults(page: Page) {
  await page.request.delete(`${stack.authleteUrl}/__test/faults`);
}

/** The app and Authlete test server this project drives (v3 or v2): set before each test. */
let stack: AuthleteStack;

test.beforeEach(({ authleteStack }) => {
  stack = authleteStack;
});

test.afterEach(async ({ page }) => {
  await clearFaults(page);
});

const UNAVAILABLE = 'The service is unavailable right now. Please try again in a moment.';

test(
  'sign in through the OpenID Provider, then list, narrow and revoke over Authlete',
  { tag: '@wire' },
  async ({ page, world }) => {
    const { user, apps } = world.personWithApps(7, ['openid', 'profile', 'photos.read']);
    const bigId = world.createApp({
      name: `Big ID ${world.tag}`,
      clientId: 9007199254740993n + BigInt(Date.now() % 1000),
    });
    world.grant(user, bigId, ['openid', 'email'], 1);
    await page.request.delete(`${stack.authleteUrl}/__test/requests`);

    await signInAtProvider(page, user, stack);
    await expect(page.getByText(`Signed in as ${user.displayName}`)).toBeVisible();
    await expect(page.getByText('Showing 1–5 of 8')).toBeVisible();
    await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(apps[0]!.name);

    // The last page holds the app whose ID a JS number would corrupt; its link keeps the exact ID.
    await page.getByRole('link', { name: 'Page 2' }).click();
    await expect(page.getByRole('link', { name: bigId.name })).toHaveAttribute(
      'href',
      `/apps/${bigId.clientId}`,
    );

    const card = page.getByRole('article', { name: apps[5]!.name });
    await card.getByRole('checkbox', { name: /View your photos/ }).uncheck();
    await card.getByRole('button', { name: 'Review changes' }).click();
    await card.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    expect(world.tokensOf(user, apps[5]!)[0]!.scopes).toEqual(['openid', 'profile']);

    await page
      .getByRole('article', { name: bigId.name })
      .getByRole('button', { name: 'Remove access' })
      .click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove access' }).click();
    await expect(
      page.getByRole('status').filter({
        hasText: `${bigId.name} no longer has access to your account. The service no longer remembers your consent for it.`,
      }),
    ).toBeVisible();
    expect(world.tokensOf(user, bigId)).toEqual([]);

    const requests = await authleteRequests(page, stack);
    // v3 names the service in every path and sends a bearer token; v2 sends the key and secret.
    const prefix = stack.apiPrefix;
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      // v2 reads the scope descriptions with the service owner's credentials.
      const ownerCall = request.path.startsWith(`${prefix}/service/get/`);
      expect(request.authorization).toBe(
        ownerCall ? stack.ownerAuthorization : stack.authorization,
      );
      expect(request.path.startsWith(prefix)).toBe(true);
      // The subject travels in bodies and queries, never in a path.
      expect(request.path).not.toContain(user.subject);
    }
    const byPath = (path: string) =>
      requests.filter((r) => r.method === 'POST' && r.path === `${prefix}${path}`);
    expect(byPath('/client/authorization/get/list').map((r) => r.body)).toContainEqual(
      expect.objectContaining({ subject: user.subject, start: 5, end: 10 }),
    );
    expect(byPath(`/client/authorization/update/${apps[5]!.clientId}`).map((r) => r.body)).toEqual([
      { subject: user.subject, scopes: ['openid', 'profile'] },
    ]);
    expect(byPath(`/client/authorization/delete/${bigId.clientId}`).map((r) => r.body)).toEqual([
      { subject: user.subject },
    ]);
    // Then the consent the service remembers: v3 has only a DELETE, with the subject in the query
    // string; v2 takes it in a POST body (docs/authlete.md#granted-scopes).
    const tokensDeleted = requests.findIndex(
      (r) => r.path === `${prefix}/client/authorization/delete/${bigId.clientId}`,
    );
    const consentDeletes = requests.filter(
      (r) => r.path === `${prefix}/client/granted_scopes/delete/${bigId.clientId}`,
    );
    expect(
      consentDeletes.map((r) => [r.method, (r as { query?: unknown }).query ?? {}, r.body ?? null]),
    ).toEqual([
      stack.version === 'V3'
        ? ['DELETE', { subject: user.subject }, null]
        : ['POST', {}, { subject: user.subject }],
    ]);
    expect(requests.indexOf(consentDeletes[0]!)).toBeGreaterThan(tokensDeleted);
  },
);

test(
  'a narrowing over Authlete gives no token anything: each live grant keeps its own share, the expired one is left, renewal that keeps a removed permission is said where the API tells',
  { tag: '@wire' },
  async ({ page, world }) => {
    const DAY = 24 * 60 * 60 * 1000;
    const user = world.createPerson();
    const app = world.createApp({ name: `Narrowed ${world.tag}` });
    // Expired, access and renewal alike, and it held more than the live ones: it counts for nothing.
    world.grantToken(user, app, {
      scopes: ['openid', 'profile', 'email', 'photos.read'],
      createdAt: Date.now() - 60 * DAY,
      withRefreshToken: false,
    });
    // A sign-in whose renewal the service ties to scopes of its own (v3 refreshTokenScopes).
    world.grantToken(user, app, {
      scopes: ['openid', 'profile', 'email', 'offline_access'],
      createdAt: Date.now() - 20 * DAY,
      accessTokenExpiresAt: Date.now() + DAY,
      refreshTokenScopes: ['openid', 'profile', 'email', 'offline_access'],
    });
    // A device that never held profile.
    world.grantToken(user, app, {
      scopes: ['openid', 'email'],
      createdAt: Date.now() - 10 * DAY,
      accessTokenExpiresAt: Date.now() + DAY,
    });
    await page.request.delete(`${stack.authleteUrl}/__test/requests`);

    await signInAtProvider(page, user, stack);
    await page.goto(`/apps/${app.clientId}`);
    await waitForHydration(page);
    const permissions = page.getByRole('group', { name: `What ${app.name} can do` });
    await expect(permissions.getByRole('checkbox')).toHaveCount(4);
    await expect(permissions.getByRole('checkbox', { name: /View your photos/ })).toHaveCount(0);
    await permissions.getByRole('checkbox', { name: /See your email address/ }).uncheck();
    await page.getByRole('button', { name: 'Review changes' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();

    const status = page.getByRole('status').filter({ hasText: `Saved. ${app.name} can now do` });
    await expect(status).toBeVisible({ timeout: 20_000 });
    const renewalWarning = `${app.name} may get these back the next time it renews its access, because the service still ties them to its renewal: See your email address.`;
    if (stack.reportsRenewalScopes) await expect(status).toContainText(renewalWarning);
    // v2 never says which scopes a renewal carries, so the app has nothing to warn about.
    else await expect(status).not.toContainText('the next time it renews its access');

    // The token records left on the test server.
    expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
      ['openid', 'profile', 'email', 'photos.read'],
      ['openid', 'profile', 'offline_access'],
      ['openid'],
    ]);
    const prefix = stack.apiPrefix;
    const requests = await authleteRequests(page, stack);
    expect(
      requests.filter((r) => r.path === `${prefix}/client/authorization/update/${app.clientId}`),
    ).toEqual([]);
    const updates = requests.filter(
      (r) => r.method === 'POST' && r.path === `${prefix}/auth/token/update`,
    );
    expect(updates.map((r) => (r.body as { scopes: string[] }).scopes)).toEqual([
      ['openid', 'profile', 'offline_access'],
      ['openid'],
    ]);
    for (const update of updates) {
      // Named by a hash the app read for this person, and nothing else changed.
      expect(Object.keys(update.body as object).sort()).toEqual(['accessTokenHash', 'scopes']);
    }
  },
);

test.describe('when Authlete fails', () => {
  test('a list slower than the timeout: a clear message and a retry that shows the truth', async ({
    page,
    world,
    allowConsoleErrors,
  }) => {
    const { user, apps } = world.personWithApps(3);
    await signInAtProvider(page, user, stack);
    // A failed server render: React reports it (#441, #419) in the console, as expected here.
    allowConsoleErrors(/Minified React error #(441|419)/);
    await injectFault(page, {
      operation: 'authorization.list',
      fault: { type: 'delay', ms: 4000 },
    });

    await page.goto('/apps');
    await expect(
      page.getByRole('alert').filter({
        hasText: "We couldn't show this page. Your apps and their access have not changed.",
      }),
    ).toBeVisible();
    await clearFaults(page);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByText('Showing 1–3 of 3')).toBeVisible();
    await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(apps[0]!.name);
  });

  test(
    'a token list Authlete refuses: the page says so instead of hiding apps, and the log names the request',
    { tag: '@wire' },
    async ({ page, world, allowConsoleErrors }) => {
      const { user } = world.personWithApps(2);
      await signInAtProvider(page, user, stack);
      // A failed server render: React reports it (#441, #419) in the console, as expected here.
      allowConsoleErrors(/Minified React error #(441|419)/);
      // A 400 is what a bad request, or a plan without the token list, gets.
      await injectFault(page, { operation: 'token.list', fault: { type: 'status', status: 400 } });
      const requestId = `e2e-render-${world.tag}`;
      await page.setExtraHTTPHeaders({ 'x-request-id': requestId });

      await page.goto('/apps');
      await expect(
        page.getByRole('alert').filter({ hasText: "We couldn't show this page." }),
      ).toBeVisible();
      await expect
        .poll(() => serverLogLines(stack.appLog, requestId))
        .toContainEqual(
          expect.objectContaining({
            level: 'error',
            msg: 'request.failed',
            requestId,
            route: '/apps',
            path: '/apps',
            // With its stack, so the operator sees where it was thrown.
            error: expect.objectContaining({
              type: 'AuthleteHttpError',
              message: expect.stringContaining('GET /auth/token/get/list answered HTTP 400'),
              stack: expect.stringMatching(/\n\s+at /),
            }),
          }),
        );
    },
  );

  test(
    'a 500 on update: the change is reported as not saved, the choice is kept to retry, and a reload shows the truth',
    { tag: '@wire' },
    async ({ page, world }) => {
      const user = world.createPerson();
      const app = world.createApp();
      world.grant(user, app, ['openid', 'profile', 'email']);
      await signInAtProvider(page, user, stack);
      await injectFault(page, {
        path: `/client/authorization/update/${app.clientId}$`,
        fault: { type: 'status', status: 500 },
      });

      const card = page.getByRole('article', { name: app.name });
      const email = card.getByRole('checkbox', { name: /See your email address/ });
      await email.uncheck();
      await card.getByRole('button', { name: 'Review changes' }).click();
      await card.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByRole('alert').filter({ hasText: UNAVAILABLE })).toHaveText(
        `Your changes to ${app.name} were not saved. ${UNAVAILABLE}`,
      );
      await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveCount(0);
      expect(world.tokensOf(user, app)[0]!.scopes).toEqual(['openid', 'profile', 'email']);

      // Right after the failure (the list has been refetched by now): the person's unsaved choice is
      // still there, the summary says the app still holds everything, and saving again is one click.
      const summary = card.getByRole('region', { name: 'Check your changes' });
      await expect(summary).toContainText(
        `Not saved: ${app.name} can still do everything listed here.`,
      );
      await expect(summary.getByRole('listitem')).toHaveText([
        'See your email address',
        'Confirm who you are',
        'See your name and profile picture',
      ]);
      await expect(summary.getByRole('button', { name: 'Save changes' })).toBeEnabled();
      await expect(email).not.toBeChecked();

      // A reload drops what was never saved: exactly what the backend holds.
      await clearFaults(page);
      await page.reload();
      const permissions = page.getByRole('group', { name: `What ${app.name} can do` });
      await expect(permissions.getByRole('checkbox', { checked: true })).toHaveCount(3);
      await expect(card.getByRole('region', { name: 'Check your changes' })).toHaveCount(0);
    },
  );

  test(
    'a revoke whose answer was lost after it landed is shown as done, not failed',
    { tag: '@wire' },
    async ({ page, world }) => {
      const { user, apps } = world.personWithApps(2);
      const target = apps[1]!;
      await signInAtProvider(page, user, stack);
      const path = `/client/authorization/delete/${target.clientId}$`;
      // The first attempt lands and its answer is lost; the retries lose their connections too.
      await injectFault(page, { path, fault: { type: 'reset-after-handling' }, times: 1 });
      await injectFault(page, { path, fault: { type: 'reset' } });

      await page
        .getByRole('article', { name: target.name })
        .getByRole('button', { name: 'Remove access' })
        .click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Remove access' }).click();
      // The list, read again after the failure, shows the backend's truth: the access is gone…
      await expect(page.getByRole('article', { name: target.name })).toHaveCount(0);
      expect(world.tokensOf(user, target)).toEqual([]);
      // …and the page still says the call failed as far as the app could tell (the dialog, which
      // said so too, went with the app's card).
      await expect(page.getByRole('alert').filter({ hasText: UNAVAILABLE })).toBeVisible();
      await expect(page.getByText('Showing 1–1 of 1')).toBeVisible();
      await clearFaults(page);
      await page.reload();
      await expect(page.getByText('Showing 1–1 of 1')).toBeVisible();
    },
  );

  test(
    '401 on everything: people see "unavailable", the operator gets the reason, readiness says 503',
    { tag: '@wire' },
    async ({ page, world, allowConsoleErrors }) => {
      const { user, apps } = world.personWithApps(2);
      await signInAtProvider(page, user, stack);
      await expect(page.getByText('Showing 1–2 of 2')).toBeVisible();
      // A failed server render: React reports it (#441, #419) in the console, as expected here.
      allowConsoleErrors(/Minified React error #(441|419)/);
      await injectFault(page, { fault: { type: 'status', status: 401 } });

      const dialog = await confirmRemoveAll(page);
      await expect(dialog.getByRole('alert')).toHaveText(UNAVAILABLE);
      expect(world.tokensOf(user, apps[0]!)).toHaveLength(1);
      await dialog.getByRole('button', { name: 'Keep access' }).click();

      const requestId = `e2e-401-${world.tag}`;
      // Readiness reuses its last check for up to READY_CHECK_SECONDS: probe (under one request id,
      // so the check that sees the refusal logs under it) until it turns.
      const probe = () =>
        page.request.get('/api/ready', { headers: { 'x-request-id': requestId } });
      await expect.poll(async () => (await probe()).status(), { timeout: 20_000 }).toBe(503);
      expect(await (await probe()).json()).toEqual({ status: 'unavailable' });
      // The operator's log says why: Authlete refused our credentials. It never says what they are.
      await expect
        .poll(() => serverLogLines(stack.appLog, requestId))
        .toContainEqual(
          expect.objectContaining({
            level: 'error',
            msg: 'authlete.credentials_rejected',
            operation: 'GET /service/configuration',
            status: 401,
          }),
        );
      expect(JSON.stringify(serverLogLines(stack.appLog, requestId))).not.toContain(
        stack.credentialSecret,
      );

      await page.goto('/apps');
      await expect(
        page.getByRole('alert').filter({ hasText: "We couldn't show this page." }),
      ).toBeVisible();
      await expect(page.locator('body')).not.toContainText('A001202');
    },
  );

  test('malformed JSON from Authlete: a clear message, then the truth once it answers again', async ({
    page,
    world,
  }) => {
    const { user, apps } = world.personWithApps(7);
    await signInAtProvider(page, user, stack);
    // Start on the last page: the list fetches the next page ahead when idle, never the previous
    // one, so the page asked for below cannot already be in the cache from before the fault.
    await page.goto('/apps?page=2');
    await expect(page.getByText('Showing 6–7 of 7')).toBeVisible();
    await injectFault(page, { operation: 'authorization.list', fault: { type: 'malformed-json' } });

    await page.getByRole('link', { name: 'Previous' }).click();
    await expect(page.getByRole('alert').filter({ hasText: UNAVAILABLE })).toBeVisible();
    await clearFaults(page);
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByText('Showing 1–5 of 7')).toBeVisible();
    await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(apps[0]!.name);
  });
});

// WRITE_LIMIT_PER_MINUTE is 4 for this server (playwright.config.ts).
const WRITE_LIMIT = 4;
const SLOW_DOWN = /^You're making changes too quickly\. Please wait \d+ seconds? and try again\.$/;

test('too many changes in a minute: a clear "slow down" with the wait, and nothing more is changed', async ({
  page,
  world,
}) => {
  const { user, apps } = world.personWithApps(WRITE_LIMIT + 1);
  await signInAtProvider(page, user, stack);
  for (const app of apps.slice(0, WRITE_LIMIT)) await removeAccess(page, app);
  await expect((await confirmRemoval(page, apps[WRITE_LIMIT]!)).getByRole('alert')).toHaveText(
    SLOW_DOWN,
  );
  expect(world.tokensOf(user, apps[WRITE_LIMIT]!)).toHaveLength(1);
});

test('a bulk revocation of several apps counts once against the write limit', async ({
  page,
  world,
}) => {
  const singles = WRITE_LIMIT - 1;
  const { user, apps } = world.personWithApps(singles + 3);
  await signInAtProvider(page, user, stack);
  for (const app of apps.slice(0, singles)) await removeAccess(page, app);

  // The last write the limit allows: three apps at once. Counted per app, it would be refused.
  await confirmRemoveAll(page, 3);
  await expect(
    page.getByRole('status').filter({ hasText: 'Removed access for 3 apps' }),
  ).toBeVisible();
  expect(apps.filter((app) => world.tokensOf(user, app).length > 0)).toEqual([]);

  // Counted at all, the next write is one too many.
  const late = world.createApp();
  world.grant(user, late, ['openid']);
  await page.reload();
  await expect((await confirmRemoval(page, late)).getByRole('alert')).toHaveText(SLOW_DOWN);
  expect(world.tokensOf(user, late)).toHaveLength(1);
});

test('after an old sign-in, "remove all" sends the person back to the OpenID Provider for a fresh login', async ({
  page,
  world,
  ageSession,
}) => {
  const { user, apps } = world.personWithApps(2);
  // "Sign in again" ends the session here only: it never sends the person to the provider's logout.
  const providerLogouts: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(`${stack.oidcIssuer}/session/end`))
      providerLogouts.push(request.url());
  });
  // The provider now holds a session of its own: without `prompt=login` it would answer at once.
  await signInAtProvider(page, user, stack);
  // Not while a request is in flight: its answer would renew the cookie over the aged one.
  await page.waitForLoadState('networkidle');
  await ageSession(user, 3600);
  await page.goto('/apps');

  await confirmRemoveAll(page);
  await page
    .getByRole('alertdialog', { name: 'Sign in again to continue' })
    .getByRole('button', { name: 'Sign in again' })
    .click();
  await expect(page).toHaveURL(/\/sign-in\?reason=reauth/);
  const authorization = page.waitForRequest((request) =>
    request.url().startsWith(`${stack.oidcIssuer}/auth`),
  );
  await page.getByRole('button', { name: 'Sign in with your account' }).click();
  expect(new URL((await authorization).url()).searchParams.get('prompt')).toBe('login');
  await expect(page.locator('input[name="login"]')).toBeVisible();
  await page.locator('input[name="login"]').fill(user.subject);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${stack.appUrl}/apps`));
  expect(apps.filter((app) => world.tokensOf(user, app).length === 0)).toEqual([]);

  // Freshly signed in, the same request goes through.
  await confirmRemoveAll(page);
  await expect(
    page.getByRole('status').filter({ hasText: 'Removed access for 2 apps' }),
  ).toBeVisible();
  expect(apps.filter((app) => world.tokensOf(user, app).length > 0)).toEqual([]);
  expect(providerLogouts).toEqual([]);
});

test('signing out ends the session at the OpenID Provider too, and comes back to the signed-out page', async ({
  page,
  world,
}) => {
  test.setTimeout(90_000);
  const { user } = world.personWithApps(1);
  await signInAtProvider(page, user, stack);

  // No waiting for the page to settle: a read answered after the sign-out cannot renew the
  // session (sign-out-race.spec.ts).
  await page.getByRole('button', { name: 'Sign out' }).click();
  // The provider's RP-initiated logout, asked for by the app with the sign-in's ID token.
  await expect(page).toHaveURL(new RegExp(`^${stack.oidcIssuer}/session/end`));
  const asked = new URL(page.url()).searchParams;
  expect(asked.get('client_id')).toBe(AUTHLETE_MODE.oidcClientId);
  expect(asked.get('post_logout_redirect_uri')).toBe(`${stack.appUrl}/signed-out`);
  expect(asked.get('id_token_hint')?.split('.')).toHaveLength(3);
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();

  await expect(page).toHaveURL(`${stack.appUrl}/signed-out`);
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  await page.goto('/apps');
  await expect(page).toHaveURL(/\/sign-in/);

  // Signed out at the provider as well: it asks for the login again instead of answering at once.
  await page.getByRole('button', { name: 'Sign in with your account' }).click();
  await expect(page).toHaveURL(new RegExp(`^${stack.oidcIssuer}/`));
  await expect(page.locator('input[name="login"]')).toBeVisible();
});
