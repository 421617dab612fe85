import { watchActionAnswers, watchActionCalls } from '../support/action-calls';
import { failAction } from '../support/action-routes';
import { expectRemovalAnnounced, expectSaveAnnounced } from '../support/announcements';
import { appCard } from '../support/app-card';
import { expect, test } from '../support/fixtures';

test('unticking a permission and saving narrows what the app may do, and it stays so after a reload', async ({
  page,
  world,
  signIn,
}) => {
  const user = world.createPerson();
  const app = world.createApp();
  world.grant(user, app, ['openid', 'profile', 'photos.read'], 20);
  world.grant(user, app, ['openid', 'photos.read'], 5);
  await signIn(user);

  const { card, permissions } = appCard(page, app);
  const review = card.getByRole('button', { name: 'Review changes' });
  await expect(permissions.getByRole('checkbox')).toHaveCount(3);
  await expect(review).toBeDisabled();

  const photos = permissions.getByRole('checkbox', { name: /View your photos and albums/ });
  await photos.uncheck();
  await expect(review).toBeEnabled();
  await photos.check();
  await expect(review).toBeDisabled();
  await photos.uncheck();
  await review.click();

  // Before anything is saved: what the app loses and what it keeps.
  const summary = card.getByRole('region', { name: 'Check your changes' });
  await expect(summary.getByRole('heading', { name: 'Check your changes' })).toBeFocused();
  await expect(summary.getByRole('listitem')).toHaveText([
    'View your photos and albums',
    'Confirm who you are',
    'See your name and profile picture',
  ]);
  await expect(summary).toContainText(`${app.name} will no longer be able to:`);
  expect(world.tokensOf(user, app)[0]!.scopes).toContain('photos.read');
  await summary.getByRole('button', { name: 'Save changes' }).click();

  await expectSaveAnnounced(page, app.name);
  await expect(permissions.getByRole('checkbox')).toHaveCount(2);
  // Each token keeps its own share: the second never held profile and does not gain it.
  expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
    ['openid', 'profile'],
    ['openid'],
  ]);

  await page.reload();
  const reloaded = page.getByRole('group', { name: `What ${app.name} can do` });
  await expect(reloaded.getByRole('checkbox')).toHaveCount(2);
  await expect(reloaded.getByRole('checkbox', { name: /View your photos/ })).toHaveCount(0);
  await expect(
    reloaded.getByRole('checkbox', { name: /See your name and profile picture/ }),
  ).toBeChecked();
});

test('unticking every permission turns saving into removing access', async ({
  page,
  world,
  signIn,
}) => {
  const user = world.createPerson();
  const app = world.createApp();
  world.grant(user, app, ['openid', 'email'], 20);
  const other = world.createApp();
  world.grant(user, other, ['openid'], 10);
  await signIn(user);
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible();

  const { card, permissions } = appCard(page, app);
  await expect(permissions.getByRole('checkbox')).toHaveCount(2);
  for (const checkbox of await permissions.getByRole('checkbox').all()) await checkbox.uncheck();
  await card.locator('form').getByRole('button', { name: 'Remove access' }).click();

  const dialog = page.getByRole('alertdialog', { name: `Remove access for ${app.name}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep access' }).click();
  await expect(dialog).toBeHidden();
  expect(world.tokensOf(user, app)[0]!.scopes).toEqual(['openid', 'email']);

  await card.locator('form').getByRole('button', { name: 'Remove access' }).click();
  await dialog.getByRole('button', { name: 'Remove access' }).click();
  await expectRemovalAnnounced(page, app.name);
  await expect(card).toHaveCount(0);
  await expect(page.getByText('Showing 1–1 of 1')).toBeVisible();
  await expect(page.getByRole('article', { name: other.name })).toBeVisible();
  expect(world.tokensOf(user, app)).toEqual([]);
});

test('a save is confirmed by its own answer: no read follows it, and a broken list read cannot make it stale', async ({
  page,
  world,
  signIn,
}) => {
  const { user, app } = world.personWithApp(['openid', 'profile', 'photos.read']);
  await signIn(user);

  const { card, permissions } = appCard(page, app);
  await permissions.getByRole('checkbox', { name: /View your photos and albums/ }).uncheck();
  await card.getByRole('button', { name: 'Review changes' }).click();
  // Were the page to read the list again after the write, that read would fail.
  await failAction(page, 'listApps');
  const calls = watchActionCalls(page);
  const answers = watchActionAnswers(page);
  await card.getByRole('button', { name: 'Save changes' }).click();

  await expectSaveAnnounced(page, app.name);
  // What the card shows as saved is what the backend holds.
  await expect(permissions.getByRole('checkbox')).toHaveCount(2);
  await expect(permissions.getByRole('checkbox', { name: /View your photos/ })).toHaveCount(0);
  expect(world.tokensOf(user, app)[0]!.scopes).toEqual(['openid', 'profile']);
  expect(calls()).toEqual(['updateScopes']);
  // The answer is the action's result alone: no page tree re-rendered into it (a cookie set or a
  // revalidation would add one, and the browser would render the page again before the result).
  expect(answers()).toEqual([{ name: 'updateScopes', rerendered: false }]);
});
