/**
 * Ending one grant over the wire: the page lists the grants Authlete's token list holds (the
 * device label from a non-hidden token property), and "End this one" sends `/auth/token/revoke`
 * that grant's access token hash and nothing else — no subject, no client — leaving every other
 * token record as it was. Narrowing one sends `/auth/token/update` that grant's hash and the
 * scopes it keeps, on v2 and v3.
 */
import {
  authleteRequests,
  forgetAuthleteRequests,
  signInAtProvider,
} from '../../support/authlete-mode-page';
import { expect, test } from '../../support/fixtures';
import { waitForHydration } from '../../support/hydration';

test('ending one grant sends Authlete its token hash alone and leaves the other records', async ({
  page,
  world,
  db,
}) => {
  const user = world.createPerson();
  const app = world.createApp({ name: `Frame ${world.tag}` });
  const other = world.createApp({ name: `Other ${world.tag}` });
  world.grant(user, app, ['openid', 'profile'], 20);
  world.grantToken(user, app, {
    scopes: ['photos.read', 'offline_access'],
    createdAt: Date.now() - 86_400_000,
    grantType: 'DEVICE_CODE',
    properties: [
      { key: 'device', value: 'Hall TV' },
      { key: 'device_serial', value: `serial-${world.tag}`, hidden: true },
    ],
  });
  world.grant(user, other, ['openid'], 5);
  const hashOf = db
    .prepare<[string, bigint], string>(
      'SELECT access_token_hash FROM access_tokens WHERE subject = ? AND client_id = ? ORDER BY created_at',
    )
    .pluck();
  const [signInHash, tvHash] = hashOf.all(user.subject, BigInt(app.clientId));
  await signInAtProvider(page, user);
  await page.goto(`/apps/${app.clientId}`);
  await waitForHydration(page);
  const tv = page.getByRole('article', { name: 'Hall TV' });
  await expect(tv).toContainText('A code typed in on a device, such as a TV');
  await expect(page.getByText(`serial-${world.tag}`)).toHaveCount(0);

  await forgetAuthleteRequests(page);
  await tv.getByRole('button', { name: 'End this one' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'End it' }).click();
  await expect(page.getByRole('status')).toHaveText(`Ended “Hall TV” for ${app.name}.`);

  const revokes = (await authleteRequests(page)).filter((r) => r.operation === 'token.revoke');
  expect(revokes.map((r) => r.body)).toEqual([{ accessTokenIdentifier: tvHash }]);
  expect(hashOf.all(user.subject, BigInt(app.clientId))).toEqual([signInHash]);
  expect(world.tokensOf(user, other)).toHaveLength(1);
});

test('narrowing one grant sends Authlete its token hash and the scopes it keeps, and nothing for the others @wire', async ({
  page,
  world,
  db,
  authleteStack: stack,
}) => {
  const user = world.createPerson();
  const app = world.createApp({ name: `Album ${world.tag}` });
  world.grant(user, app, ['openid', 'profile', 'photos.read'], 20);
  world.grantToken(user, app, {
    scopes: ['openid', 'photos.read'],
    createdAt: Date.now() - 86_400_000,
    properties: [{ key: 'device', value: 'Kitchen tablet' }],
  });
  const [signInHash] = db
    .prepare<[string, bigint], string>(
      'SELECT access_token_hash FROM access_tokens WHERE subject = ? AND client_id = ? ORDER BY created_at',
    )
    .pluck()
    .all(user.subject, BigInt(app.clientId));
  await signInAtProvider(page, user, stack);
  await page.goto(`/apps/${app.clientId}`);
  await waitForHydration(page);
  const signIn = page.getByRole('article', { name: /^A sign-in on / });
  await signIn.getByRole('button', { name: 'Change what it may do' }).click();

  await forgetAuthleteRequests(page, stack);
  await signIn.getByRole('checkbox', { name: 'View your photos and albums' }).uncheck();
  await signIn.getByRole('button', { name: 'Save for this one' }).click();
  await expect(page.getByRole('status')).toContainText('may now do only what is ticked');

  const updates = (await authleteRequests(page, stack)).filter(
    (r) => r.operation === 'token.update' || r.operation === 'authorization.update',
  );
  expect(updates.map((r) => [r.operation, r.body])).toEqual([
    ['token.update', { accessTokenHash: signInHash, scopes: ['openid', 'profile'] }],
  ]);
  expect(world.tokensOf(user, app).map((token) => token.scopes)).toEqual([
    ['openid', 'profile'],
    ['openid', 'photos.read'],
  ]);
  await expect(page.getByRole('article', { name: 'Kitchen tablet' })).toContainText(
    'View your photos and albums',
  );
});

test('unticking offline access over Authlete v3 expires each grant’s refresh token, by hash', async ({
  page,
  world,
  db,
}) => {
  const user = world.createPerson();
  const app = world.createApp({ name: `Sync ${world.tag}` });
  for (const daysAgo of [8, 1]) {
    world.grantToken(user, app, {
      scopes: ['openid', 'photos.read', 'offline_access'],
      createdAt: Date.now() - daysAgo * 86_400_000,
      accessTokenExpiresAt: Date.now() + 86_400_000,
    });
  }
  const hashes = db
    .prepare<[string, bigint], string>(
      'SELECT access_token_hash FROM access_tokens WHERE subject = ? AND client_id = ? ORDER BY created_at',
    )
    .pluck()
    .all(user.subject, BigInt(app.clientId));
  await signInAtProvider(page, user);
  await page.goto(`/apps/${app.clientId}`);
  await waitForHydration(page);
  const card = page.getByRole('article', { name: app.name });
  await card.getByRole('checkbox', { name: /Keep access while you are away/ }).uncheck();
  await card.getByRole('button', { name: 'Review changes' }).click();
  await forgetAuthleteRequests(page);
  const before = Date.now();
  await card.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toContainText(`Saved. ${app.name} can now do only`);
  await expect(card.getByText("Can act while you're away")).toHaveCount(0);

  const stops = (await authleteRequests(page))
    .filter((r) => r.operation === 'token.update')
    .map((r) => r.body as { accessTokenHash?: string; refreshTokenExpiresAt?: number })
    .filter((body) => body.refreshTokenExpiresAt !== undefined);
  expect(stops.map((body) => Object.keys(body).sort())).toEqual([
    ['accessTokenHash', 'refreshTokenExpiresAt'],
    ['accessTokenHash', 'refreshTokenExpiresAt'],
  ]);
  expect(stops.map((body) => body.accessTokenHash).sort()).toEqual([...hashes].sort());
  for (const body of stops) expect(body.refreshTokenExpiresAt).toBeGreaterThanOrEqual(before);
  const left = db
    .prepare<[string, bigint], number>(
      'SELECT refresh_token_expires_at FROM access_tokens WHERE subject = ? AND client_id = ?',
    )
    .pluck()
    .all(user.subject, BigInt(app.clientId));
  for (const at of left) expect(at).toBeLessThanOrEqual(Date.now());
});
