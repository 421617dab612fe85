/**
 * Each grant of an app, told apart (issue 10, item 1): the detail page lists every sign-in and
 * device through which the app has access, and the person can end one of them; the list card says
 * how many there are and names the newest device. On the embedded backend.
 */
import { expect, test } from '../support/fixtures';
import { expectSaveAnnounced } from '../support/announcements';
import { waitForHydration } from '../support/hydration';

const DAY = 24 * 60 * 60 * 1000;

test('an app’s sign-ins and devices are listed one by one, and ending one leaves the others', async ({
  page,
  world,
  signIn,
}) => {
  const { user, app } = world.personHoldingApp('Frame', [
    {
      scopes: ['openid', 'profile'],
      createdAt: Date.now() - 40 * DAY,
      accessTokenExpiresAt: Date.now() - 39 * DAY,
      withRefreshToken: false,
    },
    {
      scopes: ['photos.read', 'offline_access'],
      createdAt: Date.now() - 3 * DAY,
      lastRefreshedAt: Date.now() - DAY,
      grantType: 'DEVICE_CODE',
      properties: [
        { key: 'device', value: 'Hall TV' },
        { key: 'serial', value: `hidden-${world.tag}`, hidden: true },
      ],
    },
  ]);
  await signIn(user);

  const listCard = page.getByRole('article', { name: app.name });
  await expect(listCard).toContainText('2 sign-ins and devices, newest: Hall TV');
  await listCard.getByRole('link', { name: app.name }).click();

  const section = page.getByRole('region', { name: 'Sign-ins and devices' });
  const grants = section.getByRole('article');
  await expect(grants).toHaveCount(2);
  const tv = section.getByRole('article', { name: 'Hall TV' });
  await expect(tv).toContainText('A code typed in on a device, such as a TV');
  await expect(tv).toContainText(/Can renew its access by itself until/);
  await expect(tv).toContainText('View your photos and albums');
  await expect(tv).toContainText('Keep access while you are away');
  const signInGrant = grants.nth(1);
  await expect(signInGrant.getByRole('heading')).toHaveText(/^A sign-in on /);
  await expect(signInGrant).toContainText('Signed in through the browser');
  await expect(signInGrant).toContainText('Cannot renew its access by itself');
  await expect(signInGrant).toContainText(/Its access ended/);
  await expect(signInGrant).toContainText('Not renewed since');
  await expect(page.getByText(`hidden-${world.tag}`)).toHaveCount(0);

  await tv.getByRole('button', { name: 'End this one' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(`Your other sign-ins and devices with ${app.name}`);
  await dialog.getByRole('button', { name: 'End it' }).click();
  await expect(page.getByRole('status')).toHaveText(`Ended “Hall TV” for ${app.name}.`);
  await expect(grants).toHaveCount(1);
  expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([['openid', 'profile']]);

  // The last one: the app has no access any more, and says so before.
  await grants.first().getByRole('button', { name: 'End this one' }).click();
  await expect(dialog).toContainText(
    `This is the only one: ${app.name} will no longer have access to your account.`,
  );
  await dialog.getByRole('button', { name: 'End it' }).click();
  await expect(page.getByRole('status')).toContainText(
    `${app.name} no longer has access to your account.`,
  );
  expect(world.tokensOf(user, app)).toEqual([]);

  await page.goto('/apps/history');
  await expect(page.getByText(`Ended one grant of ${app.name}: Hall TV`)).toBeVisible();
});

test('a grant that ended elsewhere is "not found", and nothing else changes', async ({
  page,
  world,
  db,
  signIn,
}) => {
  const { user, app } = world.personHoldingApp('Tablet', [
    { scopes: ['openid'], createdAt: Date.now() - 5 * DAY },
    {
      scopes: ['openid'],
      createdAt: Date.now() - DAY,
      properties: [{ key: 'device', value: 'Old tablet' }],
    },
  ]);
  await signIn(user);
  await page.goto(`/apps/${app.clientId}`);
  const tablet = page.getByRole('article', { name: 'Old tablet' });
  await expect(tablet).toBeVisible();
  // Ended meanwhile, from another tab or by the service itself.
  db.prepare(
    'DELETE FROM access_tokens WHERE subject = ? AND client_id = ? AND properties IS NOT NULL',
  ).run(user.subject, BigInt(app.clientId));
  await tablet.getByRole('button', { name: 'End this one' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: 'End it' }).click();
  await expect(dialog).toContainText("That sign-in or device isn't among yours for this app.");
  expect(world.tokensOf(user, app)).toHaveLength(1);
});

test('narrowing one grant takes a permission from it alone, and the others keep theirs', async ({
  page,
  world,
  signIn,
}) => {
  const { user, app } = world.personHoldingApp('Album', [
    {
      scopes: ['openid', 'profile', 'photos.read'],
      createdAt: Date.now() - 10 * DAY,
      withRefreshToken: false,
    },
    {
      scopes: ['photos.read', 'offline_access'],
      createdAt: Date.now() - 3 * DAY,
      grantType: 'DEVICE_CODE',
      properties: [{ key: 'device', value: 'Hall TV' }],
    },
  ]);
  await signIn(user);
  await page.goto(`/apps/${app.clientId}`);
  await waitForHydration(page);
  const section = page.getByRole('region', { name: 'Sign-ins and devices' });
  const tv = section.getByRole('article', { name: 'Hall TV' });
  const signInGrant = section.getByRole('article', { name: /^A sign-in on / });

  // The TV can renew: its "away" permission stays, and the form says how to stop it.
  await tv.getByRole('button', { name: 'Change what it may do' }).click();
  const tvForm = tv.getByRole('form', { name: 'What “Hall TV” may do' });
  await expect(
    tvForm.getByRole('checkbox', { name: /Keep access while you are away/ }),
  ).toBeDisabled();
  // Focus is on the first permission that can go, not the locked one listed first.
  await expect(tvForm.getByRole('checkbox', { name: 'View your photos and albums' })).toBeFocused();
  await expect(tvForm).toContainText('To take this away, stop this one renewing first, or end it.');
  await tvForm.getByRole('button', { name: 'Cancel' }).click();
  await expect(tv.getByRole('button', { name: 'Change what it may do' })).toBeFocused();

  await signInGrant.getByRole('button', { name: 'Change what it may do' }).click();
  const form = signInGrant.getByRole('form');
  const save = form.getByRole('button', { name: 'Save for this one' });
  await expect(save).toBeDisabled();
  await form.getByRole('checkbox', { name: 'View your photos and albums' }).uncheck();
  // The TV can still view photos: nothing stops working for the app, so nothing is said.
  await expect(form).not.toContainText('What will stop working');
  // No other grant confirms who the person is: taking that away is said to stop something.
  const confirmWho = form.getByRole('checkbox', { name: 'Confirm who you are' });
  await confirmWho.uncheck();
  await expect(form).toContainText(
    `What will stop working:${app.name} can no longer confirm who you are through this service`,
  );
  await confirmWho.check();
  await expect(form).not.toContainText('What will stop working');
  await save.click();
  await expect(page.getByRole('status')).toHaveText(
    /^Saved: “A sign-in on .+” may now do only what is ticked\. Your other sign-ins and devices with .+ are as they were\.$/,
  );
  await expect(form).toHaveCount(0);
  await expect(signInGrant).not.toContainText('View your photos and albums');
  await expect(tv).toContainText('View your photos and albums');
  expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
    ['openid', 'profile'],
    ['photos.read', 'offline_access'],
  ]);
  // The app as a whole can still view photos, through the TV.
  await expect(
    page.getByRole('group', { name: `What ${app.name} can do` }).getByRole('checkbox', {
      name: /View your photos and albums/,
    }),
  ).toBeChecked();

  await page.goto('/apps/history');
  const entry = page.getByRole('article').filter({ hasText: `from one grant of ${app.name}` });
  await expect(entry).toContainText(/Removed permissions from one grant of .+: A sign-in on /);
  await expect(entry).toContainText('Permissions removed: View your photos and albums');
});

test('stopping one grant renewing leaves it its access until that ends, and the other grant renewing', async ({
  page,
  world,
  db,
  signIn,
}) => {
  const { user, app } = world.personHoldingApp('Radio', [
    {
      scopes: ['openid', 'offline_access'],
      createdAt: Date.now() - 10 * DAY,
      accessTokenExpiresAt: Date.now() + DAY,
    },
    {
      scopes: ['photos.read', 'offline_access'],
      createdAt: Date.now() - 3 * DAY,
      accessTokenExpiresAt: Date.now() + DAY,
      grantType: 'DEVICE_CODE',
      properties: [{ key: 'device', value: 'Hall TV' }],
    },
  ]);
  await signIn(user);
  await page.goto(`/apps/${app.clientId}`);
  await waitForHydration(page);
  const section = page.getByRole('region', { name: 'Sign-ins and devices' });
  const tv = section.getByRole('article', { name: 'Hall TV' });
  const signInGrant = section.getByRole('article', { name: /^A sign-in on / });

  await tv.getByRole('button', { name: 'Stop this one renewing' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Stop “Hall TV” renewing?' });
  await expect(dialog).toContainText('It keeps the access it has until');
  await expect(dialog).toContainText(`Your other sign-ins and devices with ${app.name}`);
  await dialog.getByRole('button', { name: 'Stop renewing' }).click();
  await expect(page.getByRole('status')).toHaveText(
    /^“Hall TV” no longer renews its access\. It keeps the access it has until .+\.$/,
  );
  await expect(tv).toContainText('Cannot renew its access by itself');
  await expect(tv.getByRole('button', { name: 'Stop this one renewing' })).toHaveCount(0);
  // Its button went with its renewal: focus is on the grant's name, not the top of the page.
  await expect(tv.getByRole('heading')).toBeFocused();
  await expect(signInGrant).toContainText(/Can renew its access by itself until/);

  const rows = db
    .prepare<
      [string, bigint],
      { refresh_token_expires_at: number; access_token_expires_at: number }
    >(
      'SELECT refresh_token_expires_at, access_token_expires_at FROM access_tokens WHERE subject = ? AND client_id = ? ORDER BY created_at',
    )
    .all(user.subject, BigInt(app.clientId));
  expect(rows[0]!.refresh_token_expires_at).toBeGreaterThan(Date.now());
  expect(rows[1]!.refresh_token_expires_at).toBeLessThanOrEqual(Date.now());
  expect(rows[1]!.access_token_expires_at).toBeGreaterThan(Date.now());

  // The narrowing form now lets the TV's "away" permission go.
  await tv.getByRole('button', { name: 'Change what it may do' }).click();
  await expect(tv.getByRole('checkbox', { name: /Keep access while you are away/ })).toBeEnabled();

  await page.goto('/apps/history');
  await expect(
    page.getByText(`Stopped one grant of ${app.name} renewing its access: Hall TV`),
  ).toBeVisible();
});

test("narrowing the whole app on its page updates each grant's permissions too", async ({
  page,
  world,
  signIn,
}) => {
  const { user, app } = world.personHoldingApp('Scrapbook', [
    { scopes: ['openid', 'profile', 'photos.read'], createdAt: Date.now() - 5 * DAY },
    {
      scopes: ['openid', 'photos.read'],
      createdAt: Date.now() - DAY,
      properties: [{ key: 'device', value: 'Kitchen tablet' }],
    },
  ]);
  await signIn(user);
  await page.goto(`/apps/${app.clientId}`);
  await waitForHydration(page);
  const section = page.getByRole('region', { name: 'Sign-ins and devices' });
  await expect(section.getByRole('article')).toHaveCount(2);
  await expect(section.getByText('View your photos and albums')).toHaveCount(2);

  const permissions = page.getByRole('group', { name: `What ${app.name} can do` });
  await permissions.getByRole('checkbox', { name: /View your photos and albums/ }).uncheck();
  await page.getByRole('button', { name: 'Review changes' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expectSaveAnnounced(page, app.name);
  // Each grant lists what it holds now, without a reload.
  await expect(section.getByText('View your photos and albums')).toHaveCount(0);
  await expect(section.getByRole('article', { name: 'Kitchen tablet' })).toContainText(
    'Confirm who you are',
  );
});
