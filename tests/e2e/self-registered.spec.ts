import { expectNoAxeViolations } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { waitForHydration } from '../support/hydration';

test('an app that registered itself carries a badge that says how, and a filter in the URL finds them', async ({
  page,
  world,
  signIn,
}) => {
  const user = world.createPerson();
  const agent = world.createApp({
    name: `Agent ${world.tag}`,
    clientSource: 'DYNAMIC_REGISTRATION',
  });
  const federated = world.createApp({
    name: `Federated ${world.tag}`,
    clientSource: 'AUTOMATIC_REGISTRATION',
  });
  const listed = world.createApp({ name: `Listed ${world.tag}` });
  world.grant(user, agent, ['openid'], 3);
  world.grant(user, federated, ['openid'], 2);
  world.grant(user, listed, ['openid'], 1);
  await signIn(user);

  const agentCard = page.getByRole('article', { name: agent.name });
  await expect(
    agentCard.getByText('Registered itself', { exact: true }),
  ).toHaveAccessibleDescription(/dynamic client registration/);
  await expect(page.getByRole('article', { name: federated.name })).toContainText(
    'through OpenID Federation',
  );
  await expect(page.getByRole('article', { name: listed.name })).not.toContainText(
    'Registered itself',
  );

  // The badge, its explanation and the publisher link pass axe (contrast, names).
  await expectNoAxeViolations(page, 'the list with self-registered apps');

  await page.getByRole('checkbox', { name: 'registered themselves' }).click();
  await expect(page).toHaveURL(/self=1/);
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([
    agent.name,
    federated.name,
  ]);

  // The view is in the URL: opening it again shows the same, in Japanese too.
  await page.goto('/apps?self=1');
  await expect(page.getByRole('checkbox', { name: 'registered themselves' })).toBeChecked();
  await waitForHydration(page);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('日本語');
  await expect(page.getByRole('checkbox', { name: '自ら登録した' })).toBeChecked();
  await expect(page.getByRole('article', { name: agent.name })).toContainText('自ら登録したアプリ');
  await expect(page.getByRole('article')).toHaveCount(2);

  // The app's own page says it as well.
  await page.goto(`/apps/${agent.clientId}`);
  await expect(page.getByRole('article', { name: agent.name })).toContainText(
    '動的クライアント登録',
  );
});
