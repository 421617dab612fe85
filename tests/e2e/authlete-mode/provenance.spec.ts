/**
 * Where an app came from, over the wire: in Authlete mode (v3) the list items are limited, so
 * `clientSource` comes from `/client/get`, and the badge follows what Authlete says.
 */
import {
  authleteRequests,
  forgetAuthleteRequests,
  signInAtProvider,
} from '../../support/authlete-mode-page';
import { expect, test } from '../../support/fixtures';

test('"Registered itself" follows the clientSource /client/get answers, and the filter keeps only those', async ({
  page,
  world,
}) => {
  const user = world.createPerson();
  const agent = world.createApp({
    name: `Agent ${world.tag}`,
    clientSource: 'METADATA_DOCUMENT',
  });
  const listed = world.createApp({ name: `Listed ${world.tag}` });
  world.grant(user, agent, ['openid'], 2);
  world.grant(user, listed, ['openid'], 1);
  await forgetAuthleteRequests(page);

  await signInAtProvider(page, user);
  await expect(page.getByRole('article', { name: agent.name })).toContainText(
    'It identifies itself by a metadata document it publishes',
  );
  await expect(page.getByRole('article', { name: listed.name })).not.toContainText(
    'Registered itself',
  );
  // Other tests share the test Authlete server and run beside this one: count this person's apps.
  const ours = new Set([agent.clientId, listed.clientId]);
  const clientGets = (await authleteRequests(page))
    .filter((request) => request.operation === 'client.get')
    .map((request) => request.path.split('/').pop()!)
    .filter((clientId) => ours.has(clientId));
  expect(clientGets.sort()).toEqual([...ours].sort());

  await page.goto('/apps?self=1');
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([agent.name]);
});
