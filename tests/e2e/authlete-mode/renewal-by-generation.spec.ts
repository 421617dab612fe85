/**
 * Unticking "can act while you're away" on each Authlete generation (issue 10, item 4): v3 stops
 * each grant renewing on save; v2 cannot, so the review refuses the save and offers, as one
 * confirmed action, to end the grants that can renew. That sends `/auth/token/revoke` for exactly
 * those grants' hashes; a grant that cannot renew stays, and the badge and the offline filter
 * follow what the server read back. "Stop renewing", for an app that renews without
 * offline_access, does the same on each generation: `/auth/token/update` with
 * `refreshTokenExpiresAt` on v3; on v2, said first, the revokes.
 */
import type { Locator, Page } from '@playwright/test';
import {
  bodiesSent,
  forgetAuthleteRequests,
  signInAtProvider,
} from '../../support/authlete-mode-page';
import type { AuthleteStack } from '../../support/e2e-env';
import { expect, test } from '../../support/fixtures';
import type { TestApp, TestUser, World } from '../../support/world';

const DAY = 86_400_000;

/**
 * A person with an app (named `appName`) holding two grants of `scopes` that renew (made 8 days
 * and 1 day ago), then one that holds access for a day but cannot renew it: nothing here ends
 * that one.
 */
function twoRenewingAndOneHeld(world: World, appName: string, scopes: readonly string[]) {
  const renewing = (daysAgo: number) => ({
    scopes,
    withRefreshToken: true,
    createdAt: Date.now() - daysAgo * DAY,
    accessTokenExpiresAt: Date.now() + DAY,
  });
  return world.personHoldingApp(appName, [
    renewing(8),
    renewing(1),
    { scopes: ['photos.read'], withRefreshToken: false, accessTokenExpiresAt: Date.now() + DAY },
  ]);
}

/** Signs `user` in and opens `app`'s detail page, where the app can still act while away. */
async function detailCardOf(page: Page, stack: AuthleteStack, user: TestUser, app: TestApp) {
  await signInAtProvider(page, user, stack);
  await page.goto(`/apps/${app.clientId}`);
  const card = page.getByRole('article', { name: app.name });
  await expect(card.getByText("Can act while you're away")).toBeVisible();
  return card;
}

/** On v2: presses "End the 2 … that can renew" in `where`; the page says so, the badge goes. */
async function endTheTwoThatRenew(page: Page, where: Locator, card: Locator, app: TestApp) {
  await where
    .getByRole('button', { name: 'End the 2 sign-ins and devices that can renew' })
    .click();
  await expect(page.getByRole('status')).toHaveText(
    `Ended 2 sign-ins and devices of ${app.name} that could renew.`,
  );
  await expect(card.getByText("Can act while you're away")).toHaveCount(0);
}

test(
  'unticking offline access: v3 saves and stops renewal; v2 offers to end the grants that can renew',
  { tag: '@wire' },
  async ({ page, world, db, authleteStack: stack }) => {
    const { user, app } = twoRenewingAndOneHeld(world, 'Relay', [
      'openid',
      'photos.read',
      'offline_access',
    ]);
    const hashOf = db
      .prepare<[string, bigint], string>(
        'SELECT access_token_hash FROM access_tokens WHERE subject = ? AND client_id = ? ORDER BY created_at',
      )
      .pluck();
    const [firstHash, secondHash, staysHash] = hashOf.all(user.subject, BigInt(app.clientId));
    const card = await detailCardOf(page, stack, user, app);
    await card.getByRole('checkbox', { name: /Keep access while you are away/ }).uncheck();
    await card.getByRole('button', { name: 'Review changes' }).click();

    if (stack.version === 'V3') {
      await expect(card).toContainText(`${app.name} will no longer be able to renew its access`);
      await card.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByRole('status')).toContainText(`Saved. ${app.name} can now do only`);
      await expect(card.getByText("Can act while you're away")).toHaveCount(0);
      expect(hashOf.all(user.subject, BigInt(app.clientId))).toHaveLength(3);
      return;
    }

    await expect(card).toContainText(`This service cannot stop ${app.name} renewing its access`);
    await expect(card.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
    await forgetAuthleteRequests(page, stack);
    await endTheTwoThatRenew(page, card, card, app);

    const revokes = await bodiesSent(page, 'token.revoke', stack);
    expect(revokes).toEqual(
      expect.arrayContaining([
        { accessTokenIdentifier: firstHash },
        { accessTokenIdentifier: secondHash },
      ]),
    );
    expect(revokes).toHaveLength(2);
    expect(hashOf.all(user.subject, BigInt(app.clientId))).toEqual([staysHash]);
    // What is left can only use the access it holds; the page says so after a fresh read.
    await page.reload();
    await expect(
      page
        .getByRole('region', { name: 'Sign-ins and devices' })
        .getByText('Cannot renew its access by itself'),
    ).toHaveCount(1);
    await page.goto('/apps?offline=1');
    await expect(page.getByRole('article', { name: app.name })).toHaveCount(0);
  },
);

test(
  'an app renewing without offline access: v3 stops its renewal; v2 says it cannot, then ends the grants that can renew',
  { tag: '@wire' },
  async ({ page, world, db, authleteStack: stack }) => {
    // Renews though no grant holds offline_access: nothing to untick.
    const { user, app } = twoRenewingAndOneHeld(world, 'Sync', ['openid', 'photos.read']);
    const rowsOf = db.prepare<
      [string, bigint],
      { access_token_hash: string; refresh_token_expires_at: number }
    >(
      'SELECT access_token_hash, refresh_token_expires_at FROM access_tokens WHERE subject = ? AND client_id = ? ORDER BY created_at',
    );
    const rows = () => rowsOf.all(user.subject, BigInt(app.clientId));
    const [first, second, stays] = rows().map((row) => row.access_token_hash);
    const card = await detailCardOf(page, stack, user, app);
    await forgetAuthleteRequests(page, stack);
    const sent = (operation: string) => bodiesSent(page, operation, stack);
    await card.getByRole('button', { name: 'Stop renewing' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Stop ${app.name} renewing its access?` });

    if (stack.version === 'V3') {
      await expect(dialog).toContainText('It keeps the access it already has until');
      await dialog.getByRole('button', { name: 'Stop renewing' }).click();
      await expect(page.getByRole('status')).toContainText(
        `${app.name} can no longer renew its access. It keeps the access it has until`,
      );
      await expect(card.getByText("Can act while you're away")).toHaveCount(0);
      const stops = (await sent('token.update')).filter((body) => 'refreshTokenExpiresAt' in body);
      expect(stops.map((body) => body.accessTokenHash).sort()).toEqual([first, second].sort());
      for (const body of stops)
        expect(Object.keys(body).sort()).toEqual(['accessTokenHash', 'refreshTokenExpiresAt']);
      expect(await sent('token.revoke')).toEqual([]);
      expect(rows().map((row) => row.access_token_hash)).toEqual([first, second, stays]);
      for (const row of rows())
        expect(row.refresh_token_expires_at).toBeLessThanOrEqual(Date.now());
      return;
    }

    // v2 cannot stop a grant renewing: said before anything is confirmed, with what it does instead.
    await expect(dialog).toContainText(
      `This service cannot stop an app renewing. Instead, this ends the 2 sign-ins and devices of ${app.name} that can renew: ${app.name} loses the access they give right away and must ask you again.`,
    );
    await expect(dialog).toContainText(
      'Its other sign-ins and devices keep the access they hold until it ends.',
    );
    await expect(dialog.getByRole('button', { name: 'Stop renewing' })).toHaveCount(0);
    await endTheTwoThatRenew(page, dialog, card, app);
    const revokes = await sent('token.revoke');
    expect(revokes).toEqual(
      expect.arrayContaining([{ accessTokenIdentifier: first }, { accessTokenIdentifier: second }]),
    );
    expect(revokes).toHaveLength(2);
    expect(rows().map((row) => row.access_token_hash)).toEqual([stays]);
  },
);
