/**
 * The built app in Authlete mode: AUTHLETE_* point at the Authlete wire test
 * server (V3) and AUTH_OIDC_* at a real OpenID Provider. A person signs in at
 * the provider, lists, narrows and revokes; the test then reads what the
 * Authlete server received.
 */
import type { Page } from '@playwright/test';
import { AUTHLETE_MODE } from '../../support/e2e-env';
import { expect, test } from '../../support/fixtures';
import type { TestUser } from '../../support/world';

type Recorded = { method: string; path: string; authorization: string | null; body: unknown };

async function authleteRequests(page: Page): Promise<Recorded[]> {
  const response = await page.request.get(`${AUTHLETE_MODE.authleteUrl}/__test/requests`);
  return (await response.json()) as Recorded[];
}

async function signInAtProvider(page: Page, user: TestUser) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with your account' }).click();
  // The provider's own login page (oidc-provider's development interaction).
  await expect(page).toHaveURL(new RegExp(`^${AUTHLETE_MODE.oidcIssuer}/`));
  await page.locator('input[name="login"]').fill(user.subject);
  await page.locator('input[name="password"]').fill('any');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${AUTHLETE_MODE.appUrl}/apps`));
}

test('sign in through the OpenID Provider, then list, narrow and revoke over Authlete', async ({
  page,
  world,
}) => {
  const { user, apps } = world.personWithApps(7, ['openid', 'profile', 'photos.read']);
  const bigId = world.createApp({
    name: `Big ID ${world.tag}`,
    clientId: 9007199254740993n + BigInt(Date.now() % 1000),
  });
  world.grant(user, bigId, ['openid', 'email'], 1);
  await page.request.delete(`${AUTHLETE_MODE.authleteUrl}/__test/requests`);

  await signInAtProvider(page, user);
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
    page.getByRole('status').filter({ hasText: `${bigId.name} no longer has access` }),
  ).toBeVisible();
  expect(world.tokensOf(user, bigId)).toEqual([]);

  const requests = await authleteRequests(page);
  const prefix = `/api/${AUTHLETE_MODE.serviceId}`;
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) {
    expect(request.authorization).toBe(`Bearer ${AUTHLETE_MODE.serviceAccessToken}`);
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
});
