/**
 * Playwright fixtures: `world` makes this test's own people and apps in the
 * e2e database; `signIn` signs a person in through the real form; `ageSession`
 * swaps in a session whose sign-in is as old as a test needs. Tests fail on
 * any console error in the page that the test did not say to expect. What the
 * app answers — to the page, to `page.request` and to the `request` fixture —
 * is recorded for the secret scan (recording.ts).
 */
import { test as base, expect, type Page } from '@playwright/test';
import { openDatabase, type Db } from '../../lib/embedded/database';
import { AUTHLETE_STACKS, E2E_BASE_URL, E2E_DATABASE_PATH, type AuthleteStack } from './e2e-env';
import { waitForHydration } from './hydration';
import { recordAnswers, recordResponseBody } from './recording';
import { SESSION_COOKIE, sessionTokenFor } from './session-token';
import { createWorld, type TestUser, type World } from './world';

type ConsoleWatch = { allowed: RegExp[]; errors: string[] };

/** How long a test's end waits for the bodies of its page's answers to be read for the secret scan. */
const BODY_WAIT_MS = 3_000;

type TestFixtures = {
  world: World;
  signIn: (user: TestUser, page?: Page) => Promise<void>;
  /** Replaces the session cookie with one whose sign-in happened `ageSeconds` ago. */
  ageSession: (user: TestUser, ageSeconds: number) => Promise<void>;
  /** Console errors matching this are expected in the current test. */
  allowConsoleErrors: (pattern: RegExp) => void;
  consoleWatch: ConsoleWatch;
};

type WorkerFixtures = {
  /** the database the app under test reads (directly, or through the Authlete test server) */
  databasePath: string;
  db: Db;
  /** which Authlete-mode app and Authlete test server the project drives (v3 unless it says) */
  authleteStack: AuthleteStack;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  databasePath: [E2E_DATABASE_PATH, { option: true, scope: 'worker' }],
  authleteStack: [AUTHLETE_STACKS.V3, { option: true, scope: 'worker' }],

  db: [
    async ({ databasePath }, use) => {
      const db = openDatabase(databasePath);
      await use(db);
      db.close();
    },
    { scope: 'worker' },
  ],

  world: async ({ db }, use) => {
    await use(createWorld(db));
  },

  signIn: async ({ page }, use) => {
    await use(async (user, onPage = page) => {
      await onPage.goto('/sign-in');
      await onPage.getByLabel('Username').fill(user.login);
      await onPage.getByLabel('Password').fill(user.password);
      await onPage.getByRole('button', { name: 'Sign in' }).click();
      await expect(onPage).toHaveURL(/\/apps/);
      await waitForHydration(onPage);
    });
  },

  ageSession: async ({ context, baseURL }, use) => {
    await use(async (user, ageSeconds) => {
      const token = await sessionTokenFor(user, ageSeconds);
      // A provider sign-in's session (it keeps the ID token) is split over chunked cookies
      // (`.0`, `.1`); left in place, they would be read instead of the one minted here.
      await context.clearCookies({ name: new RegExp(`^${SESSION_COOKIE.replace('.', '\\.')}`) });
      await context.addCookies([
        {
          name: SESSION_COOKIE,
          value: token,
          url: baseURL ?? E2E_BASE_URL,
          httpOnly: true,
          sameSite: 'Lax',
        },
      ]);
    });
  },

  consoleWatch: async ({}, use) => {
    await use({ allowed: [], errors: [] });
  },

  allowConsoleErrors: async ({ consoleWatch }, use) => {
    await use((pattern) => consoleWatch.allowed.push(pattern));
  },

  request: async ({ request }, use) => {
    await use(recordAnswers(request));
  },

  context: async ({ context }, use) => {
    // `page.request` is this context's request client.
    recordAnswers(context.request);
    await use(context);
  },

  page: async ({ page, consoleWatch, baseURL }, use) => {
    const appOrigin = new URL(baseURL ?? E2E_BASE_URL).origin;
    // Record what the app sends to the browser, for the secret scan at the end of the run.
    const recordings: Promise<void>[] = [];
    page.on('response', (response) => {
      const kind = response.request().resourceType();
      if (kind === 'document' || kind === 'fetch') {
        recordings.push(
          response.text().then(
            (body) => recordResponseBody(response.url(), body),
            // Redirects have no body, and one the page dropped (it navigated on) cannot be read.
            () => {},
          ),
        );
      }
    });
    const record = (text: string) => {
      if (!consoleWatch.allowed.some((pattern) => pattern.test(text)))
        consoleWatch.errors.push(text);
    };
    page.on('console', (message) => {
      // Only the app's own pages count: a test OpenID Provider's login page is not ours to judge.
      if (message.type() === 'error' && message.location().url.startsWith(appOrigin))
        record(message.text());
    });
    page.on('pageerror', (error) => record(error.message));
    await use(page);
    // A response the page stopped reading may never finish: a link prefetch the router dropped
    // when it was redirected to sign-in kept /sign-in's RSC answer open, and text() waited on it
    // past the test's timeout. So the bodies get a moment, then the page is closed, which ends
    // whatever is still open (its text() fails, and is not recorded: the page never read it all).
    const recorded = Promise.all(recordings);
    let timer: NodeJS.Timeout | undefined;
    const stillOpen = new Promise<'open'>((resolve) => {
      timer = setTimeout(resolve, BODY_WAIT_MS, 'open');
    });
    if ((await Promise.race([recorded, stillOpen])) === 'open') await page.close();
    clearTimeout(timer);
    await recorded;
    expect(consoleWatch.errors, 'console errors in the page').toEqual([]);
  },
});

export { expect };
