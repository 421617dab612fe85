/**
 * Server actions are public POST endpoints. Signed in as B, replay the very
 * requests the page sends — with A's app ID swapped in — and check in the
 * database that nothing of A's changed.
 */
import type { Request } from '@playwright/test';
import { expect, test } from '../support/fixtures';

type Captured = { url: string; headers: Record<string, string>; body: string };

function capture(request: Request): Captured {
  const headers = { ...request.headers() };
  delete headers['cookie'];
  delete headers['content-length'];
  return { url: request.url(), headers, body: request.postData() ?? '' };
}

test("B replaying the update and revoke actions with A's app changes nothing of A's", async ({
  page,
  world,
  signIn,
}) => {
  const alice = world.createPerson('Alice');
  const bob = world.createPerson('Bob');
  const alicesApp = world.createApp();
  const bobsApp = world.createApp();
  world.grant(alice, alicesApp, ['openid', 'profile', 'photos.read']);
  world.grant(bob, bobsApp, ['openid', 'profile', 'photos.read']);
  const aliceBefore = world.tokensOf(alice, alicesApp);

  await signIn(bob);
  const actions: Captured[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.headers()['next-action'])
      actions.push(capture(request));
  });

  const card = page.getByRole('article', { name: bobsApp.name });
  await card.getByRole('checkbox', { name: /View your photos/ }).uncheck();
  await card.getByRole('button', { name: 'Review changes' }).click();
  await card.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const update = actions.find((action) => action.body.includes('"scopes"'))!;
  expect(update.body).toContain(bobsApp.clientId);

  await card.getByRole('button', { name: 'Remove access' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove access' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'no longer has access' })).toBeVisible();
  const revoke = actions.find(
    (action) => !action.body.includes('"scopes"') && action.body.includes(bobsApp.clientId),
  )!;
  expect(revoke).toBeDefined();

  for (const action of [update, revoke]) {
    const response = await page.request.post(action.url, {
      headers: action.headers,
      data: action.body.replaceAll(bobsApp.clientId, alicesApp.clientId),
    });
    expect(response.status()).toBeLessThan(500);
    const text = await response.text();
    // The update is refused as "not your app"; the revoke has nothing of Bob's to remove.
    expect(text).toMatch(action === update ? /app_not_found/ : /"alreadyRevoked":true/);
  }
  expect(world.tokensOf(alice, alicesApp)).toEqual(aliceBefore);

  // And a forged subject field is refused outright.
  const forged = await page.request.post(update.url, {
    headers: update.headers,
    data: JSON.stringify([
      { clientId: alicesApp.clientId, scopes: ['openid'], subject: alice.subject },
    ]),
  });
  expect(await forged.text()).toMatch(/invalid_input/);
  expect(world.tokensOf(alice, alicesApp)).toEqual(aliceBefore);
});
