import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';

async function expectNoAxeViolations(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe on ${label}`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every page passes axe with zero violations (${colorScheme})`, async ({
    page,
    world,
    signIn,
    allowConsoleErrors,
  }) => {
    // Nine pages and dialogs, each analysed in full: more than the default 30 s on two cores.
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    const { user, apps } = world.personWithApps(6, [
      'openid',
      'payments.initiate',
      'offline_access',
    ]);
    await page.goto('/sign-in');
    await expectNoAxeViolations(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Enter your username' })).toBeVisible();
    await expectNoAxeViolations(page, 'sign-in with an error');

    await signIn(user);
    await expect(page.getByRole('article')).toHaveCount(5);
    await expectNoAxeViolations(page, 'apps list');

    const card = page.getByRole('article', { name: apps[0]!.name });
    await card.getByRole('checkbox', { name: /Start payments/ }).uncheck();
    await card.getByRole('button', { name: 'Review changes' }).click();
    await expectNoAxeViolations(page, 'change summary');

    await card.getByRole('button', { name: 'Remove access' }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectNoAxeViolations(page, 'revoke dialog');
    await page.keyboard.press('Escape');

    await page.getByRole('checkbox', { name: `Select ${apps[1]!.name}` }).check();
    await page.getByRole('button', { name: 'Remove access for selected' }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectNoAxeViolations(page, 'bulk dialog');
    await page.keyboard.press('Escape');

    await page.goto(`/apps/${apps[0]!.clientId}`);
    await expectNoAxeViolations(page, 'app detail');

    await page.goto('/apps?q=nothing-matches');
    await expect(page.getByRole('heading', { name: 'No apps match' })).toBeVisible();
    await expectNoAxeViolations(page, 'no matches');

    allowConsoleErrors(/status of 404/);
    await page.goto('/apps/123');
    await expectNoAxeViolations(page, 'not found');

    await page.goto('/apps');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await signIn(world.createPerson());
    await expect(
      page.getByRole('heading', { name: 'No apps have access to your account' }),
    ).toBeVisible();
    await expectNoAxeViolations(page, 'empty list');
  });
}

test.describe('on a 360 px wide phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('nothing needs sideways scrolling, and every control is reachable', async ({
    page,
    world,
    signIn,
  }) => {
    const { user, apps } = world.personWithApps(6, [
      'openid',
      'payments.initiate',
      'offline_access',
      'photos.write',
    ]);
    await signIn(user);
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await expect(page.getByRole('article')).toHaveCount(5);
    expect(await overflow()).toBeLessThanOrEqual(0);

    await page
      .getByRole('article', { name: apps[0]!.name })
      .getByRole('button', { name: 'Remove access' })
      .click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog.getByRole('button', { name: 'Remove access' })).toBeInViewport();
    await expect(dialog.getByRole('button', { name: 'Keep access' })).toBeInViewport();
    await dialog.getByRole('button', { name: 'Keep access' }).click();

    await page.goto(`/apps/${apps[0]!.clientId}`);
    expect(await overflow()).toBeLessThanOrEqual(0);
  });
});

test('dark mode follows the system setting', async ({ page, world, signIn }) => {
  await signIn(world.createPerson());
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  expect(light).not.toEqual(dark);
  // Dark means a dark background: each RGB channel well below the middle.
  const channels = (dark.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  expect(Math.max(...channels)).toBeLessThan(64);
});
