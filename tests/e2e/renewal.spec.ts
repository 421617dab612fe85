/**
 * "Can act while you're away" ends when the person says so (issue 10, item 4): on the embedded
 * backend, which can stop a grant renewing, unticking it says so in the review and, once saved,
 * leaves no grant able to renew; the badge and the offline filter follow.
 */
import { expect, test } from '../support/fixtures';

const DAY = 24 * 60 * 60 * 1000;

test('unticking "keep access while you are away" stops every grant renewing, and the badge goes', async ({
  page,
  world,
  db,
  signIn,
}) => {
  const user = world.createPerson();
  const app = world.createApp({ name: `Backup ${world.tag}` });
  for (const daysAgo of [9, 2]) {
    world.grantToken(user, app, {
      scopes: ['openid', 'photos.read', 'offline_access'],
      createdAt: Date.now() - daysAgo * DAY,
      accessTokenExpiresAt: Date.now() + DAY,
    });
  }
  await signIn(user);
  await page.goto(`/apps/${app.clientId}`);
  const card = page.getByRole('article', { name: app.name });
  await expect(card.getByText("Can act while you're away")).toBeVisible();
  await card.getByRole('checkbox', { name: /Keep access while you are away/ }).uncheck();
  await card.getByRole('button', { name: 'Review changes' }).click();
  await expect(card).toContainText(
    `${app.name} will no longer be able to renew its access: each sign-in and device stops renewing now.`,
  );
  await card.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toContainText(`Saved. ${app.name} can now do only`);
  await expect(card.getByText("Can act while you're away")).toHaveCount(0);

  const rows = db
    .prepare<[string, bigint], { refresh_token_expires_at: number; scopes: string }>(
      'SELECT refresh_token_expires_at, scopes FROM access_tokens WHERE subject = ? AND client_id = ?',
    )
    .all(user.subject, BigInt(app.clientId));
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    expect(row.refresh_token_expires_at).toBeLessThanOrEqual(Date.now());
    expect(JSON.parse(row.scopes)).not.toContain('offline_access');
  }
  const grants = page.getByRole('region', { name: 'Sign-ins and devices' });
  await page.reload();
  await expect(grants.getByText('Cannot renew its access by itself')).toHaveCount(2);
  await page.goto('/apps?offline=1');
  await expect(page.getByRole('article', { name: app.name })).toHaveCount(0);
});

test('an app holding "keep access while you are away" that can no longer renew: the review claims no stop', async ({
  page,
  world,
  signIn,
}) => {
  const user = world.createPerson();
  const app = world.createApp({ name: `Archive ${world.tag}` });
  world.grantToken(user, app, {
    scopes: ['openid', 'photos.read', 'offline_access'],
    withRefreshToken: false,
    accessTokenExpiresAt: Date.now() + DAY,
  });
  await signIn(user);
  await page.goto(`/apps/${app.clientId}`);
  const card = page.getByRole('article', { name: app.name });
  await card.getByRole('checkbox', { name: /Keep access while you are away/ }).uncheck();
  await card.getByRole('button', { name: 'Review changes' }).click();
  await expect(card).not.toContainText('will no longer be able to renew its access');
  await expect(card.getByRole('button', { name: /that can renew/ })).toHaveCount(0);
  await card.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toContainText(`Saved. ${app.name} can now do only`);
  expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
    ['openid', 'photos.read'],
  ]);
});
