import { BULK_REVOKE_LIMIT, REVOKE_ALL_LIMIT } from '../../lib/grants/bulk-limits';
import { expect, test } from '../support/fixtures';
import { confirmRemoveAll, openRemoveAll } from '../support/remove-access';

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
  const dialog = await openRemoveAll(page, 6);
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

test('"remove all" with more apps than one request takes: says so before and after, and a second run finishes', async ({
  page,
  world,
  signIn,
}) => {
  const total = REVOKE_ALL_LIMIT + 2;
  const { user, apps } = world.personWithApps(total);
  await signIn(user);

  await page.getByRole('button', { name: 'Remove access for all apps' }).click();
  const dialog = page.getByRole('alertdialog', {
    name: `Remove access for ${REVOKE_ALL_LIMIT} of your ${total} apps?`,
  });
  await expect(dialog).toContainText(
    `Apps are removed ${REVOKE_ALL_LIMIT} at a time, from the top of the list. The other 2 apps keep access`,
  );
  await dialog.getByRole('button', { name: 'Remove access' }).click();

  // Never a plain "done": how many went, and that the rest still have access.
  const status = page.getByRole('status').filter({ hasText: 'Removed access for' });
  await expect(status).toContainText(`Removed access for ${REVOKE_ALL_LIMIT} apps:`);
  await expect(status).toContainText(
    `2 more apps still have access: apps are removed ${REVOKE_ALL_LIMIT} at a time, so choose “Remove access for all apps” again to remove them.`,
  );
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible();
  await expect(page.getByRole('article').getByRole('heading')).toHaveText(
    apps.slice(REVOKE_ALL_LIMIT).map((app) => app.name),
  );
  expect(apps.filter((app) => world.tokensOf(user, app).length > 0)).toEqual(
    apps.slice(REVOKE_ALL_LIMIT),
  );

  await confirmRemoveAll(page, 2);
  await expect(
    page.getByRole('status').filter({ hasText: 'Removed access for 2 apps' }),
  ).toHaveText(
    `Removed access for 2 apps: ${apps
      .slice(REVOKE_ALL_LIMIT)
      .map((app) => app.name)
      .join(', ')}.`,
  );
  await expect(
    page.getByRole('heading', { name: 'No apps have access to your account' }),
  ).toBeVisible();
});

test('"remove all" beyond its cap, in Japanese: the dialog and the result say the rest still have access', async ({
  page,
  world,
  signIn,
}) => {
  const total = REVOKE_ALL_LIMIT + 1;
  const { user, apps } = world.personWithApps(total);
  await signIn(user);
  await page.getByLabel('Language').selectOption('ja');

  await page.getByRole('button', { name: 'すべてのアプリのアクセスを取り消す' }).click();
  const dialog = page.getByRole('alertdialog', {
    name: `${total}件のアプリのうち${REVOKE_ALL_LIMIT}件のアクセスを取り消しますか?`,
  });
  await expect(dialog).toContainText(
    `アクセスは一覧の上から${REVOKE_ALL_LIMIT}件ずつ取り消されます。残りの1件のアプリは、もう一度「すべてのアプリのアクセスを取り消す」を選ぶまでアクセスできます。`,
  );
  await dialog.getByRole('button', { name: 'アクセスを取り消す' }).click();

  const status = page.getByRole('status').filter({ hasText: 'アクセスを取り消しました' });
  await expect(status).toContainText(`${REVOKE_ALL_LIMIT}件のアプリのアクセスを取り消しました`);
  await expect(status).toContainText(
    `ほかに1件のアプリがまだアクセスできます。一度に取り消せるのは${REVOKE_ALL_LIMIT}件までです。`,
  );
  expect(world.tokensOf(user, apps[REVOKE_ALL_LIMIT]!)).toHaveLength(1);
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

  await confirmRemoveAll(page);
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

  await confirmRemoveAll(page);
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

test('a selection stops at the most one removal can take, and says so', async ({
  page,
  world,
  signIn,
}) => {
  test.setTimeout(180_000);
  const { user, apps } = world.personWithApps(BULK_REVOKE_LIMIT + 1);
  await signIn(user);
  await page.goto('/apps?size=20');
  const pages = page.getByRole('navigation', { name: 'Pages' });
  for (let index = 0; index < BULK_REVOKE_LIMIT; index++) {
    if (index > 0 && index % 20 === 0) {
      await pages.getByRole('link', { name: 'Next' }).click();
      await expect(page.getByRole('article', { name: apps[index]!.name })).toBeVisible();
    }
    await page.getByRole('checkbox', { name: `Select ${apps[index]!.name}` }).check();
  }
  await expect(page.getByText(`${BULK_REVOKE_LIMIT} apps selected`)).toBeVisible();

  const oneMore = page.getByRole('checkbox', { name: `Select ${apps[BULK_REVOKE_LIMIT]!.name}` });
  await oneMore.click();
  await expect(oneMore).not.toBeChecked();
  await expect(
    page.getByRole('alert').filter({
      hasText: `You can select up to ${BULK_REVOKE_LIMIT} apps at a time.`,
    }),
  ).toBeVisible();
  await expect(page.getByText(`${BULK_REVOKE_LIMIT} apps selected`)).toBeVisible();

  await page.getByRole('button', { name: 'Remove access for selected' }).click();
  const dialog = page.getByRole('alertdialog', {
    name: `Remove access for ${BULK_REVOKE_LIMIT} apps?`,
  });
  await dialog.getByRole('button', { name: 'Remove access' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Removed access for ${BULK_REVOKE_LIMIT} apps:` }),
  ).toBeVisible();
  expect(world.tokensOf(user, apps[BULK_REVOKE_LIMIT]!)).toHaveLength(1);
  expect(world.tokensOf(user, apps[0]!)).toEqual([]);
});
