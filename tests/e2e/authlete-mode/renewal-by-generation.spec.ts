/**
 * Unticking "can act while you're away" on each Authlete generation (issue 10, item 4): v3 stops
 * each grant renewing on save; v2 cannot, so the review refuses the save and offers, as one
 * confirmed action, to end the grants that can renew. That sends `/auth/token/revoke` for exactly
 * those grants' hashes; a grant that cannot renew stays, and the badge and the offline filter
 * follow what the server read back.
 */
import { signInAtProvider } from '../../support/authlete-mode-page';
import { expect, test } from '../../support/fixtures';

const DAY = 86_400_000;

test(
  'unticking offline access: v3 saves and stops renewal; v2 offers to end the grants that can renew',
  { tag: '@wire' },
  async ({ page, world, db, authleteStack: stack }) => {
    const user = world.createPerson();
    const app = world.createApp({ name: `Relay ${world.tag}` });
    for (const daysAgo of [8, 1]) {
      world.grantToken(user, app, {
        scopes: ['openid', 'photos.read', 'offline_access'],
        createdAt: Date.now() - daysAgo * DAY,
        accessTokenExpiresAt: Date.now() + DAY,
      });
    }
    // Holds access for a day but cannot renew it: nothing here ends it.
    world.grantToken(user, app, {
      scopes: ['photos.read'],
      withRefreshToken: false,
      accessTokenExpiresAt: Date.now() + DAY,
    });
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
