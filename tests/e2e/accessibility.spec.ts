import { failAction } from '../support/action-routes';
import { expectNoAxeViolations } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { waitForHydration } from '../support/hydration';
import { confirmRemoveAll } from '../support/remove-access';

const COLOR_SCHEMES = ['light', 'dark'] as const;

// One test per group of pages, so no test runs nine full analyses in a row on two busy cores.
for (const colorScheme of COLOR_SCHEMES) {
  test.describe(`every page passes axe with zero violations (${colorScheme})`, () => {
    test.use({ colorScheme });

    test('the sign-in page, with and without an error', async ({ page }) => {
      await page.goto('/sign-in');
      await expectNoAxeViolations(page, 'sign-in');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(
        page.getByRole('alert').filter({ hasText: 'Enter your username' }),
      ).toBeVisible();
      await expectNoAxeViolations(page, 'sign-in with an error');
    });

    test('the list, the change summary and both dialogs', async ({ page, world, signIn }) => {
      test.setTimeout(60_000);
      const { user, apps } = world.personWithApps(6, [
        'openid',
        'payments.initiate',
        'offline_access',
      ]);
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
    });

    test("an app's page, no matches, and not found", async ({
      page,
      world,
      signIn,
      allowConsoleErrors,
    }) => {
      test.setTimeout(60_000);
      const { user, apps } = world.personWithApps(1, ['openid', 'offline_access']);
      await signIn(user);
      await page.goto(`/apps/${apps[0]!.clientId}`);
      await expect(page.getByRole('heading', { name: apps[0]!.name })).toBeVisible();
      await expectNoAxeViolations(page, 'app detail');

      // Narrowing its one grant: the form, with the locked "away" permission and its note.
      await waitForHydration(page);
      await page.getByRole('button', { name: 'Change what it may do' }).click();
      await expect(
        page.getByRole('form', { name: /^What “A sign-in on .+” may do$/ }),
      ).toBeVisible();
      await expectNoAxeViolations(page, 'narrowing one grant');

      // An app that renews without offline_access: its "Stop renewing" button and confirmation.
      const renews = world.createApp({ name: `Calendar Sync ${world.tag}` });
      world.grantToken(user, renews, { scopes: ['openid'], withRefreshToken: true });
      await page.goto(`/apps/${renews.clientId}`);
      await waitForHydration(page);
      await page.getByRole('button', { name: 'Stop renewing' }).click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await expectNoAxeViolations(page, 'stop renewing dialog');

      await page.goto('/apps?q=nothing-matches');
      await expect(page.getByRole('heading', { name: 'No apps match' })).toBeVisible();
      await expectNoAxeViolations(page, 'no matches');

      allowConsoleErrors(/status of 404/);
      await page.goto('/apps/123');
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expectNoAxeViolations(page, 'not found');
    });

    test('the empty list', async ({ page, world, signIn }) => {
      await signIn(world.createPerson());
      await expect(
        page.getByRole('heading', { name: 'No apps have access to your account' }),
      ).toBeVisible();
      await expectNoAxeViolations(page, 'empty list');
    });
  });
}

for (const colorScheme of COLOR_SCHEMES) {
  test(`failures and the sign-in-again path pass axe (${colorScheme})`, async ({
    page,
    world,
    ageSession,
    allowConsoleErrors,
  }) => {
    // Three states, each analysed in full: more than the default 30 s on two busy cores.
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme });
    const { user } = world.personWithApps(7);
    // Signed in an hour ago: too long ago to remove several apps at once.
    await ageSession(user, 3600);
    // No later page can be fetched (the idle prefetch of page 2 included): the list says so and
    // offers a retry.
    const restoreListApps = await failAction(page, 'listApps');
    allowConsoleErrors(/ERR_CONNECTION_RESET/);
    await page.goto('/apps');
    await expect(page.getByText('Showing 1–5 of 7')).toBeVisible();
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Something went wrong' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expectNoAxeViolations(page, 'list that could not load');

    await restoreListApps();
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByText('Showing 6–7 of 7')).toBeVisible();

    await confirmRemoveAll(page);
    const reauth = page.getByRole('alertdialog', { name: 'Sign in again to continue' });
    await expect(reauth).toContainText('needs a recent sign-in');
    await expectNoAxeViolations(page, 'sign-in-again dialog');

    await reauth.getByRole('button', { name: 'Sign in again' }).click();
    await expect(page).toHaveURL(/\/sign-in\?reason=reauth/);
    await expect(page.getByText('For your safety, sign in again to continue.')).toBeVisible();
    await expectNoAxeViolations(page, 'sign-in again');
  });

  test.describe(`in Japanese (${colorScheme})`, () => {
    test.use({ locale: 'ja-JP', colorScheme });

    test('the sign-in page, the list and a dialog pass axe', async ({
      page,
      world,
      ageSession,
    }) => {
      test.setTimeout(60_000);
      const { user, apps } = world.personWithApps(3, ['openid', 'payments.initiate']);
      await page.goto('/sign-in');
      await expect(page.getByRole('heading', { name: 'サインイン' })).toBeVisible();
      await expectNoAxeViolations(page, 'sign-in in Japanese');

      await ageSession(user, 0);
      await page.goto('/apps');
      await expect(page.getByText('3件中 1〜3件を表示')).toBeVisible();
      await expectNoAxeViolations(page, 'apps list in Japanese');

      await page
        .getByRole('article', { name: apps[0]!.name })
        .getByRole('button', { name: 'アクセスを取り消す' })
        .click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await expectNoAxeViolations(page, 'revoke dialog in Japanese');
    });
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

  for (const colorScheme of COLOR_SCHEMES) {
    test(`the list, a dialog and an app's page pass axe (${colorScheme})`, async ({
      page,
      world,
      signIn,
    }) => {
      test.setTimeout(60_000);
      await page.emulateMedia({ colorScheme });
      const { user, apps } = world.personWithApps(6, ['openid', 'payments.initiate']);
      await signIn(user);
      await expect(page.getByRole('article')).toHaveCount(5);
      await expectNoAxeViolations(page, 'apps list at 360 px');

      await page.getByRole('checkbox', { name: `Select ${apps[0]!.name}` }).check();
      await page.getByRole('button', { name: 'Remove access for selected' }).click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await expectNoAxeViolations(page, 'bulk dialog at 360 px');
      await page.getByRole('alertdialog').getByRole('button', { name: 'Keep access' }).click();

      await page.goto(`/apps/${apps[0]!.clientId}`);
      await expect(page.getByRole('heading', { level: 1, name: apps[0]!.name })).toBeVisible();
      await expectNoAxeViolations(page, 'app detail at 360 px');
    });
  }
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
