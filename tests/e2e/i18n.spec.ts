import { expect, test } from '../support/fixtures';

test.use({ locale: 'ja-JP' });

test('a Japanese browser gets Japanese pages, app names and permissions; the switcher changes it', async ({
  page,
  world,
}) => {
  const user = world.createPerson();
  const app = world.createApp({
    name: `Travel Wallet ${world.tag}`,
    tagged: {
      clientName: { ja: `トラベルウォレット ${world.tag}` },
      description: { ja: 'チケットをまとめます。' },
    },
  });
  world.grant(user, app, ['openid', 'payments.read'], 40);

  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.getByLabel('ユーザー名').fill(user.login);
  await page.getByLabel('パスワード').fill(user.password);
  await page.getByRole('button', { name: 'サインイン' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'あなたのアカウントにアクセスできるアプリ',
  );
  const card = page.getByRole('article', { name: `トラベルウォレット ${world.tag}` });
  await expect(card).toContainText('チケットをまとめます。');
  await expect(card.getByRole('checkbox', { name: '支払い履歴を見る' })).toBeChecked();
  await expect(card).toContainText(/\d{4}\/\d{1,2}\/\d{1,2}に許可/);
  await expect(page.getByText('1件中 1〜1件を表示')).toBeVisible();

  await page.getByLabel('言語').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Apps with access to your account',
  );
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('article', { name: `Travel Wallet ${world.tag}` })).toBeVisible();

  // The choice outlives the browser's preference.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Apps with access to your account',
  );
});

test.describe('in Tokyo', () => {
  test.use({ locale: 'en-US', timezoneId: 'Asia/Tokyo' });

  test("dates fall on the person's own calendar day", async ({ page, world, signIn }) => {
    const user = world.createPerson();
    const app = world.createApp();
    // 20:00 on 1 January in UTC is already 2 January in Tokyo.
    world.grantAt(user, app, ['openid'], Date.UTC(2026, 0, 1, 20, 0));
    await signIn(user);
    await expect(page.getByRole('article', { name: app.name })).toContainText(
      'Access granted Jan 2, 2026',
    );
    await page.reload();
    await expect(page.getByRole('article', { name: app.name })).toContainText(
      'Access granted Jan 2, 2026',
    );
  });
});
