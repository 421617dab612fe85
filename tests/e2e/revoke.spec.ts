import { watchActionAnswers, watchActionCalls } from '../support/action-calls';
import { failAction, holdAction } from '../support/action-routes';
import { expectRemovalAnnounced } from '../support/announcements';
import { expect, test } from '../support/fixtures';
import { confirmRemoval, openRemoval } from '../support/remove-access';

test('removing access asks first: cancel keeps the app, confirm removes it and the total drops', async ({
  page,
  world,
  signIn,
}) => {
  const { user, apps } = world.personWithApps(6);
  const target = apps[1]!;
  await signIn(user);
  await expect(page.getByText('Showing 1–5 of 6')).toBeVisible();

  const card = page.getByRole('article', { name: target.name });
  const dialog = await openRemoval(page, target);
  await expect(dialog).toContainText(`${target.name} loses access to your account right away.`);
  await expect(dialog).toContainText('It may ask for access again');
  await expect(dialog).toContainText('Anything it has already copied stays with it.');
  await expect(dialog.getByRole('button', { name: 'Keep access' })).toBeFocused();

  await dialog.getByRole('button', { name: 'Keep access' }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toBeVisible();
  expect(world.tokensOf(user, target)).toHaveLength(1);

  await confirmRemoval(page, target);
  await expectRemovalAnnounced(page, target.name);
  await expect(dialog).toBeHidden();
  await expect(card).toHaveCount(0);
  await expect(page.getByText('Showing 1–5 of 5')).toBeVisible();
  expect(world.tokensOf(user, target)).toEqual([]);
});

test('removing the only app on the last page shows the page before it', async ({
  page,
  world,
  signIn,
}) => {
  const { user, apps } = world.personWithApps(6);
  const last = apps[5]!;
  await signIn(user);
  await page.goto('/apps?page=2');
  await expect(page.getByText('Showing 6–6 of 6')).toBeVisible();

  await confirmRemoval(page, last);

  await expect(page.getByText('Showing 1–5 of 5')).toBeVisible();
  await expect(page).toHaveURL(/\?page=1$/);
  await expect(page.getByRole('article')).toHaveCount(5);
});

test('a removal that fails keeps the dialog open with the error, and works once the fault clears', async ({
  page,
  world,
  signIn,
}) => {
  const { user, apps } = world.personWithApps(2);
  const target = apps[0]!;
  const clearFault = world.failDeletesFor(target);
  await signIn(user);

  const card = page.getByRole('article', { name: target.name });
  const dialog = await confirmRemoval(page, target);
  await expect(dialog.getByRole('alert')).toHaveText('Something went wrong. Please try again.');
  await expect(dialog).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'no longer has access' })).toHaveCount(0);
  // Still listed behind the dialog (hidden from the accessibility tree while it is open).
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible();
  expect(world.tokensOf(user, target)).toHaveLength(1);

  clearFault();
  await dialog.getByRole('button', { name: 'Remove access' }).click();
  await expect(dialog).toBeHidden();
  await expectRemovalAnnounced(page, target.name);
  await expect(card).toHaveCount(0);
  await expect(page.getByText('Showing 1–1 of 1')).toBeVisible();
  expect(world.tokensOf(user, target)).toEqual([]);
});

test('while a removal is on its way the dialog says so and cannot be confirmed or dismissed twice', async ({
  page,
  world,
  signIn,
}) => {
  const { user, apps } = world.personWithApps(2);
  const target = apps[1]!;
  await signIn(user);
  const release = await holdAction(page, 'revokeApp');

  const dialog = await confirmRemoval(page, target);
  const pending = dialog.getByRole('button', { name: 'Removing…' });
  await expect(pending).toBeDisabled();
  await expect(pending).toHaveAttribute('aria-busy', 'true');
  await expect(dialog.getByRole('button', { name: 'Keep access' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();

  release();
  await expect(dialog).toBeHidden();
  await expectRemovalAnnounced(page, target.name);
  expect(world.tokensOf(user, target)).toEqual([]);
});

test('a removal is confirmed by its own answer: the card goes, with no read of the list behind it', async ({
  page,
  world,
  signIn,
}) => {
  const { user, apps } = world.personWithApps(3);
  const target = apps[1]!;
  await signIn(user);
  await expect(page.getByText('Showing 1–3 of 3')).toBeVisible();

  const dialog = await openRemoval(page, target);
  // Were the page to read the list again before showing the removal, that read would fail.
  await failAction(page, 'listApps');
  const calls = watchActionCalls(page);
  const answers = watchActionAnswers(page);
  await dialog.getByRole('button', { name: 'Remove access' }).click();

  await expectRemovalAnnounced(page, target.name);
  await expect(page.getByRole('alertdialog')).toBeHidden();
  await expect(page.getByRole('article', { name: target.name })).toHaveCount(0);
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(2);
  expect(world.tokensOf(user, target)).toEqual([]);
  expect(calls()).toEqual(['revokeApp']);
  // The answer is the action's result alone: no page tree re-rendered into it (a cookie set or a
  // revalidation would add one, and the browser would render the page again before the result).
  expect(answers()).toEqual([{ name: 'revokeApp', rerendered: false }]);
});
