/**
 * A bulk removal refused for an old sign-in: the person signs in again with
 * the (demo) password form and comes back to the list with the same apps
 * selected — also one selected on another page — so the removal is one
 * confirmation away. Nothing was removed before, exactly those apps after;
 * and someone else signing in next in that tab does not get the selection.
 */
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { waitForHydration } from '../support/hydration';
import type { TestUser } from '../support/world';

async function signInOnForm(page: Page, user: TestUser) {
  await expect(page).toHaveURL(/\/sign-in\?reason=reauth/);
  await page.getByLabel('Username').fill(user.login);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/apps/);
}

async function refusedForOldSignIn(page: Page) {
  await page.getByRole('button', { name: 'Remove access for selected' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove access' }).click();
  const reauth = page.getByRole('alertdialog', { name: 'Sign in again to continue' });
  await expect(reauth).toContainText('needs a recent sign-in');
  await reauth.getByRole('button', { name: 'Sign in again' }).click();
}

test('the selection survives the sign-in round trip', async ({ page, world, ageSession }) => {
  const { user, apps } = world.personWithApps(7);
  await ageSession(user, 3600);
  await page.goto('/apps');
  await waitForHydration(page);
  await page.getByRole('checkbox', { name: `Select ${apps[0]!.name}` }).check();
  await page.getByRole('link', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: `Select ${apps[6]!.name}` }).check();
  await expect(page.getByText('2 apps selected')).toBeVisible();

  await refusedForOldSignIn(page);
  expect(apps.map((app) => world.tokensOf(user, app).length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  await signInOnForm(page, user);

  // Back on the page they left, with both apps still selected.
  await expect(page).toHaveURL(/\/apps\?page=2/);
  await expect(page.getByText('2 apps selected')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: `Select ${apps[6]!.name}` })).toBeChecked();
  await page.getByRole('button', { name: 'Remove access for selected' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove access for 2 apps?' });
  await expect(dialog.getByRole('listitem')).toHaveText([apps[0]!.name, apps[6]!.name]);
  await dialog.getByRole('button', { name: 'Remove access' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Removed access for 2 apps' }),
  ).toBeVisible();
  expect(apps.map((app) => world.tokensOf(user, app).length)).toEqual([0, 1, 1, 1, 1, 1, 0]);

  // Taken once: a reload starts with nothing selected.
  await page.reload();
  await expect(page.getByText(/apps? selected/)).toHaveCount(0);
});

test('a selection kept for one person is not restored for another', async ({
  page,
  world,
  ageSession,
}) => {
  const { user, apps } = world.personWithApps(2);
  const other = world.createPerson('Other');
  const theirs = world.createApp();
  world.grant(other, theirs, ['openid']);
  await ageSession(user, 3600);
  await page.goto('/apps');
  await waitForHydration(page);
  await page.getByRole('checkbox', { name: `Select ${apps[1]!.name}` }).check();
  await refusedForOldSignIn(page);

  await signInOnForm(page, other);
  await expect(page.getByRole('article', { name: theirs.name })).toBeVisible();
  await expect(page.getByText(/apps? selected/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Remove access for selected' })).toHaveCount(0);
});
