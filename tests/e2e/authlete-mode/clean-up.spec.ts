/**
 * The clean-up over the wire: in Authlete mode (v3) the first-party mark comes from the client's
 * `attributes` on `/client/get`, and clearing sends one authorization delete per app that can no
 * longer act — none for the first-party app, whatever its grants.
 */
import {
  authleteRequests,
  forgetAuthleteRequests,
  signInAtProvider,
} from '../../support/authlete-mode-page';
import { expect, test } from '../../support/fixtures';

const DAY = 24 * 60 * 60 * 1000;

test('clearing apps that can no longer act deletes exactly those over Authlete, never the first-party one', async ({
  page,
  world,
}) => {
  const user = world.createPerson();
  const stale = world.createApp({ name: `Stale ${world.tag}` });
  const ours = world.createApp({
    name: `Ours ${world.tag}`,
    attributes: [{ key: 'first_party', value: 'true' }],
  });
  const live = world.createApp({ name: `Live ${world.tag}` });
  const longAgo = Date.now() - 400 * DAY;
  for (const app of [stale, ours]) {
    world.grantToken(user, app, {
      scopes: ['openid'],
      createdAt: longAgo,
      withRefreshToken: false,
    });
  }
  world.grantToken(user, live, {
    scopes: ['openid'],
    createdAt: Date.now() - DAY,
    accessTokenExpiresAt: Date.now() + DAY,
  });
  await forgetAuthleteRequests(page);

  await signInAtProvider(page, user);
  await expect(page.getByRole('article', { name: ours.name })).toContainText('First-party');
  await expect(page.getByRole('checkbox', { name: `Select ${ours.name}` })).toBeDisabled();
  const notice = page
    .getByRole('status')
    .filter({ hasText: '1 app can no longer act without asking you again' });
  await notice.getByRole('button', { name: 'Clear it from the list' }).click();
  await page
    .getByRole('alertdialog', { name: 'Clear 1 app that can no longer act?' })
    .getByRole('button', { name: 'Clear them' })
    .click();
  await expect(
    page.getByRole('status').filter({ hasText: `Removed access for 1 app: ${stale.name}` }),
  ).toBeVisible();

  // Other tests share the test Authlete server: look at this person's clients only.
  const requests = await authleteRequests(page);
  const ids = [stale.clientId, ours.clientId, live.clientId];
  const deleted = requests
    .filter((request) => request.path.includes('/client/authorization/delete/'))
    .map((request) => request.path.split('/').pop()!)
    .filter((clientId) => ids.includes(clientId));
  expect(deleted).toEqual([stale.clientId]);
  expect(
    requests.some(
      (request) => request.operation === 'client.get' && request.path.endsWith(`/${ours.clientId}`),
    ),
  ).toBe(true);
  expect(world.tokensOf(user, stale)).toEqual([]);
  expect(world.tokensOf(user, ours)).toHaveLength(1);
  expect(world.tokensOf(user, live)).toHaveLength(1);
});
