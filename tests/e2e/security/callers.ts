/**
 * Who calls: HTTP clients with no browser. A signed-in caller signs in the way
 * the sign-in form ends up doing — next-auth's credentials callback with its
 * CSRF token — so its session is a real one; an "old" session (for the
 * recent-sign-in rule) is minted with the e2e secret (session-token.ts), as
 * the `ageSession` fixture does. Every caller's answers are recorded for the
 * secret scan. The `callers` fixture makes these callers for the test's own
 * server, so a test names only whom it calls as.
 */
import { expect, type APIRequestContext, type PlaywrightWorkerArgs } from '@playwright/test';
import { test as base } from '../../support/fixtures';
import { recordAnswers } from '../../support/recording';
import { SESSION_COOKIE, sessionTokenFor } from '../../support/session-token';
import type { TestUser } from '../../support/world';

type Playwright = PlaywrightWorkerArgs['playwright'];

/** HTTP callers of the server under test. */
export type Callers = {
  /** A caller signed in as `user` just now. */
  as: (user: TestUser) => Promise<APIRequestContext>;
  /** A caller with no cookies at all. */
  signedOut: () => Promise<APIRequestContext>;
  /** A caller whose session for `user` began `ageSeconds` ago. */
  withSessionAge: (user: TestUser, ageSeconds: number) => Promise<APIRequestContext>;
};

/** For the specs here that look for the session cookie in an answer. */
export { SESSION_COOKIE };
/** The marker sign-out leaves, naming the session it ended (lib/signed-out-marker.ts). */
export const SIGNED_OUT_COOKIE = 'connected-apps.signed-out';

type ContextOptions = Parameters<Playwright['request']['newContext']>[0];

async function newCaller(playwright: Playwright, options: ContextOptions) {
  return recordAnswers(await playwright.request.newContext(options));
}

/** A caller with no cookies at all. */
export function signedOutCaller(playwright: Playwright, baseURL: string) {
  return newCaller(playwright, { baseURL });
}

/** Signs `user` in through `/api/auth/callback/credentials` (CSRF token included). */
export async function signInOverHttp(request: APIRequestContext, user: TestUser): Promise<void> {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as {
    csrfToken: string;
  };
  const response = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, login: user.login, password: user.password, callbackUrl: '/apps' },
    maxRedirects: 0,
  });
  expect(response.status(), 'the credentials callback redirects after signing in').toBe(302);
  expect(await sessionSubject(request)).toBe(user.subject);
}

/** A caller signed in as `user` just now. */
export async function signedInCaller(
  playwright: Playwright,
  baseURL: string,
  user: TestUser,
): Promise<APIRequestContext> {
  const request = await newCaller(playwright, { baseURL });
  await signInOverHttp(request, user);
  return request;
}

/** A caller whose session for `user` began `ageSeconds` ago. */
export async function callerWithSessionAge(
  playwright: Playwright,
  baseURL: string,
  user: TestUser,
  ageSeconds: number,
): Promise<APIRequestContext> {
  const token = await sessionTokenFor(user, ageSeconds);
  return newCaller(playwright, {
    baseURL,
    storageState: {
      cookies: [
        {
          name: SESSION_COOKIE,
          value: token,
          domain: new URL(baseURL).hostname,
          path: '/',
          expires: -1,
          httpOnly: true,
          secure: false,
          sameSite: 'Lax',
        },
      ],
      origins: [],
    },
  });
}

/** The subject `/api/auth/session` reports for this caller, or null when it has no session. */
export async function sessionSubject(request: APIRequestContext): Promise<string | null> {
  const session = (await (await request.get('/api/auth/session')).json()) as {
    subject?: string;
  } | null;
  return session?.subject ?? null;
}

/** True when an answer gives the caller a session (a cookie being cleared does not count). */
export function startsSession(answer: { setCookies: string[] }): boolean {
  return answer.setCookies.some(
    (cookie) =>
      cookie.startsWith(`${SESSION_COOKIE}=`) && !cookie.startsWith(`${SESSION_COOKIE}=;`),
  );
}

/** The support fixtures, and `callers` for this test's server. */
export const test = base.extend<{ callers: Callers }>({
  callers: async ({ playwright, baseURL }, use) => {
    await use({
      as: (user) => signedInCaller(playwright, baseURL!, user),
      signedOut: () => signedOutCaller(playwright, baseURL!),
      withSessionAge: (user, ageSeconds) =>
        callerWithSessionAge(playwright, baseURL!, user, ageSeconds),
    });
  },
});
