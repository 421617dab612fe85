import { appCard } from '../support/app-card';
import { expect, test } from '../support/fixtures';

const DAY = 24 * 60 * 60 * 1000;

test.describe('dates', () => {
  test.use({ locale: 'en-US', timezoneId: 'UTC' });

  test('when access was granted and last renewed: the date, how long ago, and "not renewed since"', async ({
    page,
    world,
    signIn,
  }) => {
    const user = world.createPerson();
    const used = world.createApp({ name: `Busy ${world.tag}` });
    const unused = world.createApp({ name: `Dormant ${world.tag}` });
    world.grant(user, used, ['openid'], 100);
    world.grant(user, unused, ['openid'], 101);
    world.touch(user, used, Date.now() - 3 * DAY);
    await signIn(user);

    const grantedOn = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
    const usedCard = page.getByRole('article', { name: used.name });
    await expect(usedCard).toContainText(
      `Access granted ${grantedOn.format(Date.now() - 100 * DAY)} (3 months ago)`,
    );
    await expect(usedCard).toContainText('Access last renewed 3 days ago');
    // The exact moment is there for whoever hovers.
    await expect(usedCard.locator('time').first()).toHaveAttribute('title', /\d{4} at \d/);

    const unusedCard = page.getByRole('article', { name: unused.name });
    await expect(unusedCard).toContainText('Access not renewed since then');
    await expect(unusedCard).not.toContainText('last renewed');
    // Authlete records renewals, not use: nothing on the card claims more.
    await expect(usedCard).not.toContainText(/last active|never used/i);
  });

  test('the same facts in Japanese words and date order', async ({ page, world, signIn }) => {
    const user = world.createPerson();
    const app = world.createApp();
    world.grant(user, app, ['openid'], 100);
    world.touch(user, app, Date.now() - 3 * DAY);
    await signIn(user);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('日本語');

    const card = page.getByRole('article', { name: app.name });
    await expect(card).toContainText(/\d{4}\/\d{1,2}\/\d{1,2}に許可（3 か月前）/);
    await expect(card).toContainText('アクセスの最終更新: 3 日前');
  });
});

test('permissions in plain words, most consequential first, technical names on demand', async ({
  page,
  world,
  signIn,
}) => {
  const { user, app } = world.personWithApp([
    'openid',
    'profile',
    'offline_access',
    'photos.write',
  ]);
  await signIn(user);

  const { card, permissions } = appCard(page, app);
  await expect(permissions.getByRole('listitem')).toHaveText([
    /^Upload, edit and delete your photos\s*Can make changes$/,
    /^Keep access while you are away\s*Works while you're away$/,
    /^Confirm who you are/,
    /^See your name and profile picture/,
  ]);
  await expect(permissions.getByText('photos.write')).toHaveCount(0);

  await card.getByRole('checkbox', { name: 'Show technical names' }).check();
  await expect(permissions.locator('code')).toHaveText([
    'photos.write',
    'offline_access',
    'openid',
    'profile',
  ]);
  // Showing names changes nothing that would be saved.
  await expect(card.getByRole('button', { name: 'Review changes' })).toBeDisabled();
});
