import { failAction, holdAction } from '../support/action-routes';
import { expect, test } from '../support/fixtures';

test('23 apps come five to a page, and the URL is the truth', async ({ page, world, signIn }) => {
  const { user, apps } = world.personWithApps(23);
  await signIn(user);

  const cards = page.getByRole('article');
  await expect(page.getByText('Showing 1–5 of 23')).toBeVisible();
  await expect(cards).toHaveCount(5);
  await expect(cards.first().getByRole('heading')).toHaveText(apps[0]!.name);

  const pages = page.getByRole('navigation', { name: 'Pages' });
  await expect(pages.getByRole('link', { name: 'Page 5' })).toBeVisible();
  await expect(pages.getByRole('link', { name: 'Page 6' })).toHaveCount(0);

  await pages.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(page.getByText('Showing 6–10 of 23')).toBeVisible();
  await expect(cards.first().getByRole('heading')).toHaveText(apps[5]!.name);

  await pages.getByRole('link', { name: 'Page 5' }).click();
  await expect(page.getByText('Showing 21–23 of 23')).toBeVisible();
  await expect(cards).toHaveCount(3);
  await expect(pages.getByRole('link', { name: 'Next' })).toHaveCount(0);

  await page.goBack();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(page.getByText('Showing 6–10 of 23')).toBeVisible();

  await page.goto('/apps?page=3');
  await expect(page.getByText('Showing 11–15 of 23')).toBeVisible();
  await expect(cards.first().getByRole('heading')).toHaveText(apps[10]!.name);
  await expect(pages.getByRole('link', { name: 'Page 3' })).toHaveAttribute('aria-current', 'page');
});

test('a page past the end shows the last page, and the page size can change', async ({
  page,
  world,
  signIn,
}) => {
  const { user } = world.personWithApps(23);
  await signIn(user);

  await page.goto('/apps?page=99');
  await expect(page.getByText('Showing 21–23 of 23')).toBeVisible();
  await expect(page).toHaveURL(/\?page=5$/);

  await page.getByLabel('Apps per page').selectOption('10');
  await expect(page).toHaveURL(/\?page=3&size=10$/);
  await expect(page.getByText('Showing 21–23 of 23')).toBeVisible();

  await page.goto('/apps?page=1&size=20');
  await expect(page.getByRole('article')).toHaveCount(20);
  await page.goto('/apps?page=abc&size=7');
  await expect(page.getByText('Showing 1–5 of 23')).toBeVisible();
});

test('a person with no apps is told what the page is for', async ({ page, world, signIn }) => {
  await signIn(world.createPerson());
  await expect(
    page.getByRole('heading', { name: 'No apps have access to your account' }),
  ).toBeVisible();
  await expect(
    page.getByText(
      'When you allow an app to use your account, it appears here, and you can remove its access at any time.',
    ),
  ).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(0);
  // Nothing to page through or remove.
  await expect(page.getByRole('navigation', { name: 'Pages' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Remove access for all apps' })).toHaveCount(0);
});

test('while a page loads, placeholders shaped like the list stand in for it', async ({
  page,
  world,
  signIn,
}) => {
  const { user, apps } = world.personWithApps(23);
  await signIn(user);
  await expect(page.getByText('Showing 1–5 of 23')).toBeVisible();

  // Hold the page's fetch until the placeholders have been seen.
  const release = await holdAction(page, 'listApps');

  const pages = page.getByRole('navigation', { name: 'Pages' });
  await pages.getByRole('link', { name: 'Page 5' }).click();
  await expect(page.getByRole('status', { name: 'Loading your apps…' })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(0);

  release();
  await expect(page.getByText('Showing 21–23 of 23')).toBeVisible();
  await expect(page.getByRole('status', { name: 'Loading your apps…' })).toHaveCount(0);
  await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(apps[20]!.name);
});

test('a page that fails to load says so, and "Try again" shows it once the fault clears', async ({
  page,
  world,
  signIn,
  allowConsoleErrors,
}) => {
  const { user, apps } = world.personWithApps(7);
  // Every listApps call fails from the start, so the idle prefetch of page 2 cannot hide the fault.
  const restore = await failAction(page, 'listApps');
  // Chromium reports each dropped call in the console; here that is the point, not an error.
  allowConsoleErrors(/ERR_CONNECTION_RESET/);
  await signIn(user);
  await expect(page.getByText('Showing 1–5 of 7')).toBeVisible();

  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(
    page.getByRole('alert').filter({ hasText: 'Something went wrong. Please try again.' }),
  ).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(0);

  await restore();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByText('Showing 6–7 of 7')).toBeVisible();
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([
    apps[5]!.name,
    apps[6]!.name,
  ]);
  await expect(page.getByRole('alert').filter({ hasText: 'Something went wrong' })).toHaveCount(0);
});
