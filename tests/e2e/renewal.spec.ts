/**
 * "Can act while you're away" ends when the person says so (issue 10, item 4): on the embedded
 * backend, which can stop a grant renewing, unticking it says so in the review and, once saved,
 * leaves no grant able to renew; the badge and the offline filter follow. An app that renews
 * without offline_access has nothing to untick: "Stop renewing" does the same, after saying
 * until when the app keeps the access it holds.
 */
import { expect, test } from '../support/fixtures';
import { escapeRegExp, shownDateTime } from '../support/shown-date';
import type { Page } from '@playwright/test';
import type { TestApp, World } from '../support/world';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 3600_000;

/** Opens `app`'s detail page; returns the app's card there. */
async function openDetailPage(page: Page, app: TestApp) {
  await page.goto(`/apps/${app.clientId}`);
  return page.getByRole('article', { name: app.name });
}

test('unticking "keep access while you are away" stops every grant renewing, and the badge goes', async ({
  page,
  world,
  db,
  signIn,
}) => {
  const { user, app } = world.personHoldingApp(
    'Backup',
    [9, 2].map((daysAgo) => ({
      scopes: ['openid', 'photos.read', 'offline_access'],
      createdAt: Date.now() - daysAgo * DAY,
      accessTokenExpiresAt: Date.now() + DAY,
    })),
  );
  await signIn(user);
  const card = await openDetailPage(page, app);
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
  const { user, app } = world.personHoldingApp('Archive', [
    {
      scopes: ['openid', 'photos.read', 'offline_access'],
      withRefreshToken: false,
      accessTokenExpiresAt: Date.now() + DAY,
    },
  ]);
  await signIn(user);
  const card = await openDetailPage(page, app);
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

/**
 * A person with an app whose two grants renew though neither holds offline_access; the later
 * access ends at `latest`.
 */
function renewsWithoutOfflineAccess(world: World, latest: number) {
  const renewing = (daysAgo: number, accessTokenExpiresAt: number) => ({
    scopes: ['openid', 'calendar.read'],
    withRefreshToken: true,
    createdAt: Date.now() - daysAgo * DAY,
    accessTokenExpiresAt,
  });
  return world.personHoldingApp('Calendar Sync', [
    renewing(9, Date.now() + HOUR),
    renewing(2, latest),
  ]);
}

test('an app renewing without offline_access: "Stop renewing" says until when it keeps access, and says it is done only once it is', async ({
  page,
  world,
  db,
  signIn,
}) => {
  const latest = Date.now() + 5 * HOUR;
  const { user, app } = renewsWithoutOfflineAccess(world, latest);
  const refreshExpiries = () =>
    db
      .prepare<[string, bigint], number>(
        'SELECT refresh_token_expires_at FROM access_tokens WHERE subject = ? AND client_id = ?',
      )
      .pluck()
      .all(user.subject, BigInt(app.clientId));
  await signIn(user);
  await page.goto('/apps?offline=1');
  const card = page.getByRole('article', { name: app.name });
  await expect(card.getByText("Can act while you're away")).toBeVisible();
  // Nothing to untick: the scopes say nothing of renewing.
  await expect(card.getByRole('checkbox', { name: /Keep access while you are away/ })).toHaveCount(
    0,
  );
  const shown = await shownDateTime(page, latest);

  await card.getByRole('button', { name: 'Stop renewing' }).click();
  const dialog = page.getByRole('alertdialog', { name: `Stop ${app.name} renewing its access?` });
  await expect(dialog).toContainText(
    `${app.name} can no longer renew its access by itself: each sign-in and device that can renew stops renewing now.`,
  );
  await expect(dialog).toContainText(
    new RegExp(
      `It keeps the access it already has until ${shown}\\. After that it must ask you again before it can act\\.`,
    ),
  );

  // The write is held back: until the server answers, the page claims nothing.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/apps**', async (route) => {
    if (route.request().method() === 'POST' && route.request().headers()['next-action']) await held;
    await route.continue();
  });
  await dialog.getByRole('button', { name: 'Stop renewing' }).click();
  await expect(dialog.getByRole('button', { name: 'Stopping…' })).toHaveAttribute(
    'aria-busy',
    'true',
  );
  // The page behind the modal dialog is inert, so the live region is found by its role attribute.
  await expect(page.locator('[role="status"]')).toHaveText('');
  await expect(card.getByText("Can act while you're away")).toBeVisible();
  for (const expiry of refreshExpiries()) expect(expiry).toBeGreaterThan(Date.now());
  release();

  await expect(page.getByRole('status')).toHaveText(
    new RegExp(
      `^${escapeRegExp(app.name)} can no longer renew its access\\. It keeps the access it has until ${shown}\\.$`,
    ),
  );
  await expect(dialog).toBeHidden();
  await expect(card.getByText("Can act while you're away")).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Stop renewing' })).toHaveCount(0);
  await expect(card.getByRole('heading', { name: app.name })).toBeFocused();
  await page.unroute('**/apps**');
  const expiries = refreshExpiries();
  expect(expiries).toHaveLength(2);
  for (const expiry of expiries) expect(expiry).toBeLessThanOrEqual(Date.now());
  expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
    ['openid', 'calendar.read'],
    ['openid', 'calendar.read'],
  ]);

  // A fresh read agrees: out of the filter; each grant can no longer renew; on record.
  await page.reload();
  await expect(page.getByRole('article', { name: app.name })).toHaveCount(0);
  await page.goto(`/apps/${app.clientId}`);
  await expect(
    page
      .getByRole('region', { name: 'Sign-ins and devices' })
      .getByText('Cannot renew its access by itself'),
  ).toHaveCount(2);
  await page.goto('/apps/history');
  await expect(page.getByText(`Stopped ${app.name} renewing its access`)).toBeVisible();
});

test('"Stop renewing" refused by the backend: the dialog stays with the reason, and the app still renews', async ({
  page,
  world,
  signIn,
}) => {
  const { user, app } = renewsWithoutOfflineAccess(world, Date.now() + 5 * HOUR);
  const clearFault = world.failUpdatesFor(app);
  try {
    await signIn(user);
    const card = await openDetailPage(page, app);
    await card.getByRole('button', { name: 'Stop renewing' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Stop ${app.name} renewing its access?` });
    await dialog.getByRole('button', { name: 'Stop renewing' }).click();

    await expect(dialog).toContainText('Something went wrong. Please try again.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'was not stopped' })).toHaveText(
      `${app.name} was not stopped from renewing. Something went wrong. Please try again.`,
    );
    // Nothing claimed done (an empty live region is hidden, so found by its role attribute).
    await expect(page.locator('[role="status"]')).toHaveText('');
    await expect(card.getByText("Can act while you're away")).toBeVisible();
    await expect(card.getByRole('button', { name: 'Stop renewing' })).toBeVisible();
  } finally {
    clearFault();
  }
});
