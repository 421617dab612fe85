import { expect, test } from '../support/fixtures';
import { waitForHydration } from '../support/hydration';

test("the publisher's name links to the person's apps by that publisher, paged, in the URL", async ({
  page,
  world,
  signIn,
}) => {
  const user = world.createPerson();
  const developer = `Lumen & Co ${world.tag}`;
  const theirs = Array.from({ length: 6 }, (_, index) =>
    world.createApp({ name: `Lumen ${index + 1} ${world.tag}`, developer }),
  );
  theirs.forEach((app, index) => world.grant(user, app, ['openid'], 30 - index));
  const other = world.createApp({ name: `Other ${world.tag}`, developer: 'Someone else' });
  world.grant(user, other, ['openid'], 40);
  await signIn(user);
  await expect(page.getByText('Showing 1–5 of 7')).toBeVisible();

  await page
    .getByRole('article', { name: theirs[0]!.name })
    .getByRole('link', { name: `Your apps by ${developer}` })
    .click();
  await expect(page).toHaveURL(
    new RegExp(`\\?developer=${encodeURIComponent(developer).replace(/%20/g, '\\+')}&page=1$`),
  );
  await expect(page.getByText(`Your apps by ${developer}`, { exact: true })).toBeVisible();
  await expect(page.getByText('Showing 1–5 of 6')).toBeVisible();
  await expect(page.getByRole('article', { name: other.name })).toHaveCount(0);
  // "Remove all" would reach beyond this publisher's apps, so this view does not offer it.
  await expect(page.getByRole('button', { name: 'Remove access for all apps' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Page 2' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([theirs[5]!.name]);

  // A reload (or a bookmark) shows the same view.
  await page.reload();
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([theirs[5]!.name]);
  await waitForHydration(page);

  await page.getByRole('button', { name: 'Show apps by every publisher' }).click();
  await expect(page.getByText('Showing 1–5 of 7')).toBeVisible();
  await expect(page).not.toHaveURL(/developer=/);
});
