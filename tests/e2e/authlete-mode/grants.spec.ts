/**
 * Ending one grant over the wire: the page lists the grants Authlete's token list holds (the
 * device label from a non-hidden token property), and "End this one" sends `/auth/token/revoke`
 * that grant's access token hash and nothing else — no subject, no client — leaving every other
 * token record as it was.
 */
import {
  authleteRequests,
  forgetAuthleteRequests,
  signInAtProvider,
} from '../../support/authlete-mode-page';
import { expect, test } from '../../support/fixtures';

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
