import { appCard } from '../support/app-card';
import { expect, test } from '../support/fixtures';

test('before a narrowing is saved, the review says what will stop working, and invents nothing', async ({
  page,
  world,
  signIn,
}) => {
  const { user, app } = world.personWithApp(['openid', 'offline_access', 'photos.read', 'profile']);
  await signIn(user);

  const { card, permissions } = appCard(page, app);
  const summary = card.getByRole('region', { name: 'Check your changes' });

  // A scope with no words from anyone: the review names it and claims nothing more.
  await permissions.getByRole('checkbox', { name: /View your photos and albums/ }).uncheck();
  await card.getByRole('button', { name: 'Review changes' }).click();
  await expect(summary).toBeVisible();
  await expect(summary).not.toContainText('What will stop working');
  await summary.getByRole('button', { name: 'Back' }).click();

  await permissions.getByRole('checkbox', { name: /Confirm who you are/ }).uncheck();
  await permissions.getByRole('checkbox', { name: /Keep access while you are away/ }).uncheck();
  await card.getByRole('button', { name: 'Review changes' }).click();
  await expect(summary).toContainText('What will stop working:');
  await expect(summary).toContainText(
    `${app.name} can no longer confirm who you are through this service`,
  );
  await expect(summary).toContainText(
    `${app.name} will no longer be allowed to keep access while you're away.`,
  );
  // Nothing is saved by reading the review.
  expect(world.tokensOf(user, app)[0]!.scopes).toContain('openid');

  await summary.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('日本語');
  const cardJa = page.getByRole('article', { name: app.name });
  await cardJa.getByRole('checkbox', { name: /あなたが誰であるかを確認する/ }).uncheck();
  await cardJa.getByRole('button', { name: '変更内容を確認' }).click();
  await expect(cardJa).toContainText('使えなくなること:');
  await expect(cardJa).toContainText('このサービスを通じてあなたが誰かを確認できなくなります');
});
