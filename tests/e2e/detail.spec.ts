import { expect, test } from '../support/fixtures';

test('an app has its own page with everything about it, and safe links only', async ({
  page,
  world,
  signIn,
}) => {
  const user = world.createPerson();
  const app = world.createApp({
    name: `Ledger ${world.tag}`,
    developer: 'Ledgerline',
    clientUri: 'https://ledger.example',
    policyUri: 'javascript:alert(document.cookie)',
    tosUri: 'https://ledger.example/terms',
  });
  world.grant(user, app, ['openid', 'payments.initiate', 'offline_access']);
  await signIn(user);

  await page.getByRole('link', { name: app.name }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${app.clientId}$`));
  const card = page.getByRole('article', { name: app.name });
  await expect(card.getByRole('heading', { level: 1 })).toHaveText(app.name);
  await expect(card).toContainText('by Ledgerline');
  await expect(card).toContainText(app.clientId);
  await expect(card.getByText('payments.initiate')).toBeVisible();

  // Most consequential first, flagged in words.
  const permissions = card.getByRole('group', { name: `What ${app.name} can do` });
  await expect(permissions.getByRole('listitem')).toHaveText([
    /Start payments from your account\s*Can move money/,
    /Keep access while you are away\s*Works while you're away/,
    /Confirm who you are/,
  ]);

  const website = card.getByRole('link', { name: /Website/ });
  await expect(website).toHaveAttribute('href', 'https://ledger.example/');
  await expect(website).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(card.getByRole('link', { name: /Privacy policy/ })).toHaveCount(0);
  await expect(card.locator('a[href^="javascript:"]')).toHaveCount(0);

  await card.getByRole('button', { name: 'Remove access' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove access' }).click();
  await expect(page.getByRole('status')).toHaveText(
    `${app.name} no longer has access to your account.`,
  );
  await expect(card).toHaveCount(0);
  expect(world.tokensOf(user, app)).toEqual([]);
});

test("unknown apps and other people's apps get the same 404 that reveals nothing", async ({
  page,
  world,
  signIn,
  allowConsoleErrors,
}) => {
  const owner = world.createPerson('Owner');
  const theirs = world.createApp({ name: `Secret Project ${world.tag}` });
  world.grant(owner, theirs, ['openid']);
  await signIn(world.createPerson());
  // The browser logs each 404 response to the console; here that is the point, not an error.
  allowConsoleErrors(/status of 404/);

  for (const path of [
    `/apps/${theirs.clientId}`,
    '/apps/123456789',
    '/apps/not-a-number',
    '/apps/99999999999999999999',
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.locator('body')).not.toContainText('Secret Project');
  }
});
