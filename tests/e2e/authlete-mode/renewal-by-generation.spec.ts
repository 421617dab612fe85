/**
 * Unticking "can act while you're away" on each Authlete generation (issue 10, item 4): v3 stops
 * each grant renewing on save; v2 cannot, so the review refuses the save and offers, as one
 * confirmed action, to end the grants that can renew. That sends `/auth/token/revoke` for exactly
 * those grants' hashes; a grant that cannot renew stays, and the badge and the offline filter
 * follow what the server read back. "Stop renewing", for an app that renews without
 * offline_access, does the same on each generation: `/auth/token/update` with
 * `refreshTokenExpiresAt` on v3; on v2, said first, the revokes.
 */
import { signInAtProvider } from '../../support/authlete-mode-page';
import { expect, test } from '../../support/fixtures';
import type { TestApp, TestUser, World } from '../../support/world';

const DAY = 86_400_000;

/**
 * Two grants of `scopes` that renew (made 8 days and 1 day ago), then one that holds access for
 * a day but cannot renew it: nothing here ends that one.
 */
function twoRenewingAndOneHeld(
  world: World,
  user: TestUser,
  app: TestApp,
  scopes: readonly string[],
): void {
  for (const daysAgo of [8, 1]) {
    world.grantToken(user, app, {
      scopes,
      withRefreshToken: true,
      createdAt: Date.now() - daysAgo * DAY,
      accessTokenExpiresAt: Date.now() + DAY,
    });
  }
  world.grantToken(user, app, {
    scopes: ['photos.read'],
    withRefreshToken: false,
    accessTokenExpiresAt: Date.now() + DAY,
  });
}

test(
  'unticking offline access: v3 saves and stops renewal; v2 offers to end the grants that can renew',
  { tag: '@wire' },
  async ({ page, world, db, authleteStack: stack }) => {
    const user = world.createPerson();
    const app = world.createApp({ name: `Relay ${world.tag}` });
    twoRenewingAndOneHeld(world, user, app, ['openid', 'photos.read', 'offline_access']);
    const hashOf = db
      .prepare<[string, bigint], string>(
        'SELECT access_token_hash FROM access_tokens WHERE subject = ? AND client_id = ? ORDER BY created_at',
      )
      .pluck();
    const [firstHash, secondHash, staysHash] = hashOf.all(user.subject, BigInt(app.clientId));
    await signInAtProvider(page, user, { appUrl: stack.appUrl, oidcIssuer: stack.oidcIssuer });
    await page.goto(`/apps/${app.clientId}`);
    const card = page.getByRole('article', { name: app.name });
    await expect(card.getByText("Can act while you're away")).toBeVisible();
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
    await page.request.delete(`${stack.authleteUrl}/__test/requests`);
    await card
      .getByRole('button', { name: 'End the 2 sign-ins and devices that can renew' })
      .click();
    await expect(page.getByRole('status')).toHaveText(
      `Ended 2 sign-ins and devices of ${app.name} that could renew.`,
    );
    await expect(card.getByText("Can act while you're away")).toHaveCount(0);

    const recorded = (await (
      await page.request.get(`${stack.authleteUrl}/__test/requests`)
    ).json()) as { operation: string | null; body: unknown }[];
    const revokes = recorded.filter((r) => r.operation === 'token.revoke').map((r) => r.body);
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
    const user = world.createPerson();
    const app = world.createApp({ name: `Sync ${world.tag}` });
    // Renews though no grant holds offline_access: nothing to untick.
    twoRenewingAndOneHeld(world, user, app, ['openid', 'photos.read']);
    const rowsOf = db.prepare<
      [string, bigint],
      { access_token_hash: string; refresh_token_expires_at: number }
    >(
      'SELECT access_token_hash, refresh_token_expires_at FROM access_tokens WHERE subject = ? AND client_id = ? ORDER BY created_at',
    );
    const rows = () => rowsOf.all(user.subject, BigInt(app.clientId));
    const [first, second, stays] = rows().map((row) => row.access_token_hash);
    await signInAtProvider(page, user, { appUrl: stack.appUrl, oidcIssuer: stack.oidcIssuer });
    await page.goto(`/apps/${app.clientId}`);
    const card = page.getByRole('article', { name: app.name });
    await expect(card.getByText("Can act while you're away")).toBeVisible();
    await page.request.delete(`${stack.authleteUrl}/__test/requests`);
    const sent = async (operation: string) =>
      (
        (await (await page.request.get(`${stack.authleteUrl}/__test/requests`)).json()) as {
          operation: string | null;
          body: unknown;
        }[]
      )
        .filter((request) => request.operation === operation)
        .map((request) => request.body as Record<string, unknown>);
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
    await dialog
      .getByRole('button', { name: 'End the 2 sign-ins and devices that can renew' })
      .click();
    await expect(page.getByRole('status')).toHaveText(
      `Ended 2 sign-ins and devices of ${app.name} that could renew.`,
    );
    await expect(card.getByText("Can act while you're away")).toHaveCount(0);
    const revokes = await sent('token.revoke');
    expect(revokes).toEqual(
      expect.arrayContaining([{ accessTokenIdentifier: first }, { accessTokenIdentifier: second }]),
    );
    expect(revokes).toHaveLength(2);
    expect(rows().map((row) => row.access_token_hash)).toEqual([stays]);
  },
);
