/**
 * A text shown in another language than the page's is marked with its
 * `lang`, so a screen reader reads it in that language: the demo app named and
 * described only in Japanese, on the English page and in the removal
 * confirmation. On the Japanese page the same text is in the page's language
 * and carries no lang of its own. Read-only: the demo people are never changed.
 */
import { DEMO_PASSWORD, DEMO_USERS } from '../../lib/embedded/demo-data';
import { expect, test } from '../support/fixtures';

const bob = DEMO_USERS.find((user) => user.login === 'bob')!;
const BOB = { ...bob, password: DEMO_PASSWORD };

test('an app named only in Japanese carries lang="ja" on the English page', async ({
  page,
  signIn,
  context,
}) => {
  await signIn(BOB);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const card = page.getByRole('article', { name: 'まちバス時刻表' });
  await expect(card.getByRole('heading', { name: 'まちバス時刻表' })).toHaveAttribute('lang', 'ja');
  await expect(card.getByText('近くのバス停の時刻表と遅れをお知らせします。')).toHaveAttribute(
    'lang',
    'ja',
  );
  // An app with an English name claims no other language.
  await expect(
    page.getByRole('article', { name: 'Travel Wallet' }).getByRole('heading', {
      name: 'Travel Wallet',
    }),
  ).not.toHaveAttribute('lang', /./);

  // The confirmation names it with its language too.
  await card.getByRole('checkbox', { name: /まちバス時刻表/ }).check();
  await page.getByRole('button', { name: 'Remove access for selected' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove access for 1 app?' });
  await expect(dialog.getByRole('listitem').filter({ hasText: 'まちバス時刻表' })).toHaveAttribute(
    'lang',
    'ja',
  );
  await dialog.getByRole('button', { name: 'Keep access' }).click();

  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'ja', url: page.url() }]);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(
    page.getByRole('article', { name: 'まちバス時刻表' }).getByRole('heading', {
      name: 'まちバス時刻表',
    }),
  ).not.toHaveAttribute('lang', /./);
});
