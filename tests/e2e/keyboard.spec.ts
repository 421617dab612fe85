/**
 * Every journey on the apps page with the keyboard alone: Tab and Shift+Tab to
 * move, Space and Enter to act, Escape to back out, arrow keys in a select.
 * No clicks after signing in. Where a keyboard user must see where they are, the
 * focused control is checked for a visible focus ring (globals.css draws it on
 * :focus-visible).
 */
import type { Locator } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { waitForHydration } from '../support/hydration';
import { tabTo } from '../support/keyboard';
import { expectSaveAnnounced } from '../support/announcements';
import { removalDialog, removeButtonOn } from '../support/remove-access';

/** `target` has focus and shows it: a keyboard user can see where they are. */
async function expectVisibleFocus(target: Locator) {
  await expect(target).toBeFocused();
  const ring = await target.evaluate((el) => {
    const style = getComputedStyle(el);
    return {
      focusVisible: el.matches(':focus-visible'),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
    };
  });
  expect(ring.focusVisible, 'matches :focus-visible').toBe(true);
  expect(ring.outlineStyle, 'focus outline').not.toBe('none');
  expect(ring.outlineWidth, 'focus outline width').toBeGreaterThan(0);
}

test('removing access works by keyboard alone, with focus where it should be', async ({
  page,
  world,
  signIn,
}) => {
  const { user, apps } = world.personWithApps(3);
  const target = apps[1]!;
  await signIn(user);

  const removeButton = removeButtonOn(page, target);
  await tabTo(page, removeButton);
  await expectVisibleFocus(removeButton);
  await page.keyboard.press('Enter');
  const dialog = removalDialog(page, target);
  await expect(dialog.getByRole('button', { name: 'Keep access' })).toBeFocused();

  // Escape is "keep access", and focus returns to where it was.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(removeButton).toBeFocused();
  expect(world.tokensOf(user, target)).toHaveLength(1);

  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Tab');
  await expectVisibleFocus(dialog.getByRole('button', { name: 'Remove access' }));
  await page.keyboard.press('Enter');

  await expect(
    page.getByRole('status').filter({ hasText: `${target.name} no longer has access` }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  expect(world.tokensOf(user, target)).toEqual([]);
});

test('narrowing permissions by keyboard alone: untick, review, save, and hear the result', async ({
  page,
  world,
  signIn,
}) => {
  const { user, app } = world.personWithApp(['openid', 'profile', 'photos.read']);
  await signIn(user);

  const card = page.getByRole('article', { name: app.name });
  const photos = card.getByRole('checkbox', { name: /View your photos and albums/ });
  await tabTo(page, photos);
  await expectVisibleFocus(photos);
  await page.keyboard.press('Space');
  await expect(photos).not.toBeChecked();

  const review = card.getByRole('button', { name: 'Review changes' });
  await tabTo(page, review);
  await expectVisibleFocus(review);
  await page.keyboard.press('Enter');
  const summary = card.getByRole('region', { name: 'Check your changes' });
  await expect(summary.getByRole('heading', { name: 'Check your changes' })).toBeFocused();

  await page.keyboard.press('Tab');
  await expectVisibleFocus(summary.getByRole('button', { name: 'Save changes' }));
  await page.keyboard.press('Enter');

  await expectSaveAnnounced(page, app.name);
  await expect(card.getByRole('checkbox', { name: /View your photos and albums/ })).toHaveCount(0);
  // The Save button is gone; focus continues from the permissions the app has now.
  await expectVisibleFocus(card.getByText(`What ${app.name} can do`, { exact: true }));
  expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([['openid', 'profile']]);
});

test('narrowing one grant by keyboard alone: open its form, untick, save, and focus comes back', async ({
  page,
  world,
  signIn,
}) => {
  const { user, app } = world.personWithApp(['openid', 'profile', 'photos.read']);
  await signIn(user);
  await page.goto(`/apps/${app.clientId}`);
  await waitForHydration(page);

  const grant = page
    .getByRole('region', { name: 'Sign-ins and devices' })
    .getByRole('article', { name: /^A sign-in on / });
  const change = grant.getByRole('button', { name: 'Change what it may do' });
  await tabTo(page, change);
  await expectVisibleFocus(change);
  await page.keyboard.press('Enter');
  // The form opens at its first permission (none is locked here: it cannot renew).
  const first = grant.getByRole('checkbox').first();
  await expect(first).toBeFocused();
  const photos = grant.getByRole('checkbox', { name: 'View your photos and albums' });
  await tabTo(page, photos);
  await page.keyboard.press('Space');
  await expect(photos).not.toBeChecked();
  const save = grant.getByRole('button', { name: 'Save for this one' });
  await tabTo(page, save);
  await expectVisibleFocus(save);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status')).toContainText('may now do only what is ticked');
  await expectVisibleFocus(change);
  expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([['openid', 'profile']]);
});

test('selecting several apps and removing their access by keyboard alone', async ({
  page,
  world,
  signIn,
}) => {
  const { user, apps } = world.personWithApps(4);
  await signIn(user);
  const select = (index: number) =>
    page.getByRole('checkbox', { name: `Select ${apps[index]!.name}` });

  await tabTo(page, select(0));
  await expectVisibleFocus(select(0));
  await page.keyboard.press('Space');
  await tabTo(page, select(2));
  await page.keyboard.press('Space');
  await expect(select(2)).toBeChecked();
  await expect(page.getByText('2 apps selected')).toBeVisible();

  // The bulk controls sit above the list: back up to them.
  const removeSelected = page.getByRole('button', { name: 'Remove access for selected' });
  await tabTo(page, removeSelected, { backwards: true });
  await expectVisibleFocus(removeSelected);
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('alertdialog', { name: 'Remove access for 2 apps?' });
  await expect(dialog.getByRole('listitem')).toHaveText([apps[0]!.name, apps[2]!.name]);
  await expect(dialog.getByRole('button', { name: 'Keep access' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Remove access' })).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(
    page.getByRole('status').filter({ hasText: 'Removed access for 2 apps' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible();
  expect(apps.map((app) => world.tokensOf(user, app).length)).toEqual([0, 1, 0, 1]);
});

test('search and filters by keyboard alone', async ({ page, world, signIn }) => {
  const { user } = world.personWithApps(5);
  const frame = world.createApp({ name: `Photo Frame ${world.tag}` });
  const book = world.createApp({ name: `Photo Book ${world.tag}` });
  world.grant(user, frame, ['photos.read', 'offline_access'], 1);
  world.grant(user, book, ['photos.read'], 1);
  await signIn(user);
  await expect(page.getByText('Showing 1–5 of 7')).toBeVisible();

  const search = page.getByRole('searchbox', { name: 'Search apps' });
  await tabTo(page, search);
  await expectVisibleFocus(search);
  await page.keyboard.type('photo');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\?q=photo&page=1$/);
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible();

  const offline = page.getByRole('checkbox', { name: "can act while you're away" });
  await tabTo(page, offline);
  await expectVisibleFocus(offline);
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/offline=1/);
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([frame.name]);

  const clear = page.getByRole('button', { name: 'Clear search and filters' });
  await tabTo(page, clear);
  await expectVisibleFocus(clear);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Showing 1–5 of 7')).toBeVisible();
  // The button is gone with the filters; focus waits in the empty search box, not at the top.
  await expect(search).toHaveValue('');
  await expectVisibleFocus(search);
});

test('moving between pages by keyboard alone', async ({ page, world, signIn }) => {
  // Apps with one permission and no links: few Tab stops between the top and the page links.
  const user = world.createPerson();
  const apps = Array.from({ length: 11 }, (_, index) => {
    const app = world.createApp({ clientUri: null, policyUri: null, tosUri: null });
    world.grant(user, app, ['openid'], 20 - index);
    return app;
  });
  await signIn(user);
  await expect(page.getByText('Showing 1–5 of 11')).toBeVisible();

  const pages = page.getByRole('navigation', { name: 'Pages' });
  const next = pages.getByRole('link', { name: 'Next' });
  await tabTo(page, next);
  await expectVisibleFocus(next);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Showing 6–10 of 11')).toBeVisible();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(apps[5]!.name);
  await expect(next).toBeFocused();

  const previous = pages.getByRole('link', { name: 'Previous' });
  await tabTo(page, previous, { backwards: true });
  await expectVisibleFocus(previous);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Showing 1–5 of 11')).toBeVisible();
  await expect(page).toHaveURL(/\?page=1$/);
  // "Previous" is gone on the first page; focus stays in the page links, on the page shown.
  await expectVisibleFocus(pages.getByRole('link', { name: 'Page 1' }));
});

test('switching the language by keyboard alone', async ({ page, world, signIn }) => {
  await signIn(world.createPerson());
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Apps with access to your account',
  );

  const language = page.getByRole('combobox', { name: 'Language' });
  await tabTo(page, language);
  await expectVisibleFocus(language);
  // A closed select takes the next option with the down arrow, as in any form.
  await page.keyboard.press('ArrowDown');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'あなたのアカウントにアクセスできるアプリ',
  );
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  // Focus stays on the switcher, so switching back is one more key press.
  const japaneseLanguage = page.getByRole('combobox', { name: '言語' });
  await expect(japaneseLanguage).toHaveValue('ja');
  await expect(japaneseLanguage).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Apps with access to your account',
  );
});
