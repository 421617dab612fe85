import { expect, test } from '../support/fixtures';

test('several selected apps are removed with one confirmation that names them', async ({
  page,
  world,
  signIn,
}) => {
  const { user, apps } = world.personWithApps(7);
  await signIn(user);

  await page.getByRole('checkbox', { name: `Select ${apps[0]!.name}` }).check();
  await page.getByRole('checkbox', { name: `Select ${apps[2]!.name}` }).check();
  await page.getByRole('link', { name: 'Next' }).click();
  await page.getByRole('checkbox', { name: `Select ${apps[6]!.name}` }).check();
  await expect(page.getByText('3 apps selected')).toBeVisible();

  await page.getByRole('button', { name: 'Remove access for selected' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove access for 3 apps?' });
  await expect(dialog.getByRole('listitem')).toHaveText([
    apps[0]!.name,
    apps[2]!.name,
    apps[6]!.name,
  ]);
  await dialog.getByRole('button', { name: 'Remove access' }).click();

  await expect(
    page.getByRole('status').filter({ hasText: 'Removed access for 3 apps' }),
  ).toContainText(apps[6]!.name);
  await expect(page.getByText('Showing 1–4 of 4')).toBeVisible();
  expect([0, 1, 2, 6].map((i) => world.tokensOf(user, apps[i]!).length)).toEqual([0, 1, 0, 0]);
});

test('"remove access for all apps" empties the list after one confirmation', async ({
  page,
  world,
  signIn,
}) => {
  const { user, apps } = world.personWithApps(6);
  await signIn(user);
  await page.getByRole('button', { name: 'Remove access for all apps' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove access for all 6 apps?' });
  await expect(dialog.getByRole('button', { name: 'Keep access' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Remove access' }).click();

  await expect(
    page.getByRole('heading', { name: 'No apps have access to your account' }),
  ).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'Removed access for 6 apps' }),
  ).toBeVisible();
  expect(apps.every((app) => world.tokensOf(user, app).length === 0)).toBe(true);
});

test('bulk removal needs a recent sign-in: an old session is asked to sign in again first', async ({
  page,
  world,
  ageSession,
}) => {
  const { user, apps } = world.personWithApps(3);
  // A session signed in an hour ago, and no fresher one in flight that could replace it.
  await ageSession(user, 3600);
  await page.goto('/apps');

  await page.getByRole('button', { name: 'Remove access for all apps' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove access' }).click();
  const reauth = page.getByRole('alertdialog', { name: 'Sign in again to continue' });
  await expect(reauth).toContainText('needs a recent sign-in');
  expect(apps.map((app) => world.tokensOf(user, app).length)).toEqual([1, 1, 1]);

  await reauth.getByRole('button', { name: 'Sign in again' }).click();
  await expect(page).toHaveURL(/\/sign-in\?reason=reauth/);
  await expect(page.getByText('For your safety, sign in again to continue.')).toBeVisible();
  await page.getByLabel('Username').fill(user.login);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/apps/);

  await page.getByRole('button', { name: 'Remove access for all apps' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove access' }).click();
  await expect(
    page.getByRole('heading', { name: 'No apps have access to your account' }),
  ).toBeVisible();
});

test('a partial failure says exactly which apps lost access and which still have it', async ({
  page,
  world,
  signIn,
}) => {
  const { user, apps } = world.personWithApps(3);
  world.failDeletesFor(apps[1]!);
  await signIn(user);

  for (const app of apps) await page.getByRole('checkbox', { name: `Select ${app.name}` }).check();
  await page.getByRole('button', { name: 'Remove access for selected' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove access' }).click();

  await expect(
    page.getByRole('status').filter({ hasText: 'Removed access for 2 apps' }),
  ).toHaveText(`Removed access for 2 apps: ${apps[0]!.name}, ${apps[2]!.name}.`);
  await expect(page.getByRole('alert').filter({ hasText: "Couldn't remove access" })).toHaveText(
    `Couldn't remove access for 1 app: ${apps[1]!.name}. They still have access. Try again.`,
  );
  // The page shows what the backend holds: the one that failed is still listed, and still selected.
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([apps[1]!.name]);
  await expect(page.getByRole('checkbox', { name: `Select ${apps[1]!.name}` })).toBeChecked();
  expect(apps.map((app) => world.tokensOf(user, app).length)).toEqual([0, 1, 0]);
});
