/** Helpers for specs that drive the app in Authlete mode (tests/e2e/authlete-mode/). */
import type { Page } from '@playwright/test';
import { AUTHLETE_MODE } from './e2e-env';
import { waitForHydration } from './hydration';
import { expect } from './fixtures';
import type { TestUser } from './world';

export type RecordedAuthleteRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  body: unknown;
  operation: string | null;
};

/**
 * What the Authlete test server received, oldest first: the Authlete-mode e2e server's by default,
 * or another's (`at`, e.g. the v2 stack's).
 */
export async function authleteRequests(
  page: Page,
  at: { authleteUrl: string } = AUTHLETE_MODE,
): Promise<RecordedAuthleteRequest[]> {
  const response = await page.request.get(`${at.authleteUrl}/__test/requests`);
  return (await response.json()) as RecordedAuthleteRequest[];
}

/** Empties the Authlete test server's record: the default one, or another's (`at`). */
export async function forgetAuthleteRequests(
  page: Page,
  at: { authleteUrl: string } = AUTHLETE_MODE,
): Promise<void> {
  await page.request.delete(`${at.authleteUrl}/__test/requests`);
}

/** The bodies of the requests for `operation` the Authlete test server received, oldest first. */
export async function bodiesSent(
  page: Page,
  operation: string,
  at: { authleteUrl: string } = AUTHLETE_MODE,
): Promise<Record<string, unknown>[]> {
  return (await authleteRequests(page, at))
    .filter((request) => request.operation === operation)
    .map((request) => request.body as Record<string, unknown>);
}

/**
 * Signs `user` in at the OpenID Provider and lands on /apps: of the Authlete-mode e2e server by
 * default, or of an app and provider a test started itself (`at`).
 */
export async function signInAtProvider(
  page: Page,
  user: TestUser,
  at: { appUrl: string; oidcIssuer: string } = AUTHLETE_MODE,
): Promise<void> {
  await page.goto(`${at.appUrl}/sign-in`);
  await page.getByRole('button', { name: 'Sign in with your account' }).click();
  // The provider's own login page (oidc-provider's development interaction).
  await expect(page).toHaveURL(new RegExp(`^${at.oidcIssuer}/`));
  await page.locator('input[name="login"]').fill(user.subject);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${at.appUrl}/apps`));
  await waitForHydration(page);
}
