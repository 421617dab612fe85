/**
 * The clean-up in one step: the notice counts the apps that can no longer act over the whole list,
 * one confirmation clears them, the result names each app, and first-party apps are left alone.
 */
import { BULK_REVOKE_LIMIT } from '../../lib/grants/bulk-limits';
import { expect, test } from '../support/fixtures';
import { confirmRemoveAll } from '../support/remove-access';
import type { TestApp, TestUser, World } from '../support/world';

const DAY = 24 * 60 * 60 * 1000;

/** One grant made long ago whose access and renewal have both expired. */
function expiredGrant(world: World, user: TestUser, app: TestApp, daysAgo = 400) {
  world.grantToken(user, app, {
    scopes: ['openid', 'photos.read'],
    createdAt: Date.now() - daysAgo * DAY,
    withRefreshToken: false,
  });
}

/** A grant whose access is still live (the world's plain grants expire a day after they are made). */
function liveGrant(world: World, user: TestUser, app: TestApp, daysAgo: number) {
  world.grantToken(user, app, {
    scopes: ['openid'],
    createdAt: Date.now() - daysAgo * DAY,
    accessTokenExpiresAt: Date.now() + DAY,
  });
}

test('the notice counts the whole list, not the page, and one confirmation clears those apps', async ({
  page,
  world,
  signIn,
}) => {
  const user = world.createPerson();
  const live = Array.from({ length: 6 }, (_, index) => {
    const app = world.createApp({ name: `Live ${index + 1} ${world.tag}` });
    liveGrant(world, user, app, 300 - index);
    return app;
  });
  // The expired ones come after the first page in the service's order.
  const stale = [world.createApp(), world.createApp()];
  stale.forEach((app) => expiredGrant(world, user, app, 100));
  const ours = world.createApp({
    name: `Our Own ${world.tag}`,
    attributes: [{ key: 'first_party', value: 'true' }],
  });
  expiredGrant(world, user, ours, 90);
  await signIn(user);

  // Nine apps, five a page: the page does not hold the whole list, so the count is asked for.
  await page.getByRole('button', { name: 'Look for apps that can no longer act' }).click();
  const notice = page
    .getByRole('status')
    .filter({ hasText: '2 apps can no longer act without asking you again' });
  await expect(notice).toBeVisible();
  await notice.getByRole('button', { name: 'Clear them from the list' }).click();

  const dialog = page.getByRole('alertdialog', { name: 'Clear 2 apps that can no longer act?' });
  await expect(dialog).toContainText("The service's own (first-party) apps are left alone.");
  await dialog.getByRole('button', { name: 'Clear them' }).click();

  const result = page.getByRole('status').filter({ hasText: 'Removed access for 2 apps' });
  await expect(result).toContainText(stale[0]!.name);
  await expect(result).toContainText(stale[1]!.name);
  expect(stale.map((app) => world.tokensOf(user, app).length)).toEqual([0, 0]);
  expect(world.tokensOf(user, ours)).toHaveLength(1);
  expect(live.map((app) => world.tokensOf(user, app).length)).toEqual([1, 1, 1, 1, 1, 1]);

  // Asked again, nothing is left to clear (the first-party app stays, and is not counted).
  await page.getByRole('button', { name: 'Look for apps that can no longer act' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Every app here can still act' }),
  ).toBeVisible();
});

test('a list that fits one page shows the notice at once; a first-party app cannot be selected, and says why', async ({
  page,
  world,
  signIn,
}) => {
  const user = world.createPerson();
  const stale = world.createApp();
  const ours = world.createApp({
    name: `Our Own ${world.tag}`,
    attributes: [{ key: 'first_party', value: 'true' }],
  });
  const live = world.createApp();
  expiredGrant(world, user, stale, 300);
  liveGrant(world, user, ours, 200);
  liveGrant(world, user, live, 100);
  await signIn(user);

  await expect(
    page
      .getByRole('status')
      .filter({ hasText: '1 app can no longer act without asking you again' }),
  ).toBeVisible();
  await expect(page.getByRole('article', { name: stale.name })).toContainText(
    'Can no longer act without asking you again',
  );
  const ourCard = page.getByRole('article', { name: ours.name });
  await expect(ourCard.getByText('First-party', { exact: true })).toBeVisible();
  const checkbox = page.getByRole('checkbox', { name: `Select ${ours.name}` });
  await expect(checkbox).toBeDisabled();
  await expect(checkbox).toHaveAccessibleDescription(/the service's own app/);

  // "Remove all" leaves it alone, and the result says so.
  await confirmRemoveAll(page, 3);
  await expect(
    page.getByRole('status').filter({ hasText: `Left alone 1 first-party app: ${ours.name}` }),
  ).toBeVisible();
  await expect(ourCard).toBeVisible();
  expect(world.tokensOf(user, ours)).toHaveLength(1);
  expect(world.tokensOf(user, live)).toHaveLength(0);
});

test('the clean-up clears at most one bulk request at a time and says how many remain', async ({
  page,
  world,
  signIn,
}) => {
  const user = world.createPerson();
  const stale = Array.from({ length: BULK_REVOKE_LIMIT + 1 }, () => world.createApp());
  stale.forEach((app, index) => expiredGrant(world, user, app, 500 - index));
  await signIn(user);
  await page.getByRole('button', { name: 'Look for apps that can no longer act' }).click();
  await page.getByRole('button', { name: 'Clear them from the list' }).click();
  const dialog = page.getByRole('alertdialog', {
    name: `Clear ${BULK_REVOKE_LIMIT} apps that can no longer act?`,
  });
  await expect(dialog).toContainText(
    `Apps are cleared ${BULK_REVOKE_LIMIT} at a time. The other 1 app stays listed`,
  );
  await dialog.getByRole('button', { name: 'Clear them' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: '1 more app that can no longer act is still listed' }),
  ).toBeVisible();
  expect(stale.filter((app) => world.tokensOf(user, app).length > 0)).toHaveLength(1);
});
