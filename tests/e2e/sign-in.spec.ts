import { expect, test } from '../support/fixtures';

test('a wrong password is refused with a message, and the right one signs in', async ({
  page,
  world,
}) => {
  const user = world.createPerson();
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(user.login);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(
    page.getByRole('alert').filter({ hasText: /username and password don't match/ }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  // The login is kept, the password is not.
  await expect(page.getByLabel('Username')).toHaveValue(user.login);
  await expect(page.getByLabel('Password')).toHaveValue('');

  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Apps with access to your account',
  );
  await expect(page.getByText(`Signed in as ${user.displayName}`)).toBeVisible();
});

test('a signed-out visitor is sent to sign in, then back to the page they asked for', async ({
  page,
  world,
}) => {
  const { user } = world.personWithApps(12);
  await page.goto('/apps?page=3');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Username').fill(user.login);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/apps\?page=3$/);
  await expect(page.getByText('Showing 11–12 of 12')).toBeVisible();
});

test('signing out ends the session', async ({ page, world, signIn }) => {
  const user = world.createPerson();
  await signIn(user);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/apps');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('the sign-in page names the demo logins on the embedded backend', async ({ page }) => {
  await page.goto('/sign-in');
  const demo = page.getByRole('region', { name: 'Demo accounts' });
  await expect(demo).toContainText('demo-password');
  await expect(demo.getByRole('listitem')).toHaveText([
    /alice — 23 connected apps/,
    /bob — 5 connected apps/,
    /carol — no connected apps/,
  ]);
});

test('guessing passwords is slowed down: after ten tries a minute the form says to wait', async ({
  page,
  world,
}) => {
  const user = world.createPerson();
  await page.goto('/sign-in');
  for (let attempt = 1; attempt <= 10; attempt++) {
    // The same login however it is typed: case and spaces do not make a fresh allowance.
    const typed = attempt % 2 ? user.login : `  ${user.login.toUpperCase()} `;
    await page.getByLabel('Username').fill(typed);
    await page.getByLabel('Password').fill(`wrong-${attempt}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The form clears the password once the answer is in; only then is the next guess typed.
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(page.getByRole('alert').filter({ hasText: "don't match" })).toBeVisible();
  }
  // The right password, one attempt too many: refused before it is even checked.
  await page.getByLabel('Username').fill(user.login);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Too many attempts for this username' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});
