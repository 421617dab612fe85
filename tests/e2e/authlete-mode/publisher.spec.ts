/** A publisher's apps over the wire: Authlete's list call carries `developer` and pages them. */
import {
  authleteRequests,
  forgetAuthleteRequests,
  signInAtProvider,
} from '../../support/authlete-mode-page';
import { expect, test } from '../../support/fixtures';

test("a publisher's view is Authlete's list filtered by developer, one page per call", async ({
  page,
  world,
}) => {
  const user = world.createPerson();
  const developer = `Lumen ${world.tag}`;
  const theirs = Array.from({ length: 6 }, (_, index) =>
    world.createApp({ name: `Lumen ${index + 1} ${world.tag}`, developer }),
  );
  theirs.forEach((app, index) => world.grant(user, app, ['openid'], 30 - index));
  world.grant(user, world.createApp({ name: `Other ${world.tag}` }), ['openid'], 40);
  await signInAtProvider(page, user);
  await expect(page.getByText('Showing 1–5 of 7')).toBeVisible();

  await forgetAuthleteRequests(page);
  await page.goto(`/apps?developer=${encodeURIComponent(developer)}&page=2`);
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([theirs[5]!.name]);
  await expect(page.getByText('Showing 6–6 of 6')).toBeVisible();
  // The page before may still prefetch its own next page; the publisher's calls are the filtered ones.
  const filtered = (await authleteRequests(page))
    .filter((request) => request.operation === 'authorization.list')
    .map((request) => request.body as Record<string, unknown>)
    .filter((body) => body.developer !== undefined);
  expect(filtered.length).toBeGreaterThan(0);
  for (const body of filtered) expect(body).toMatchObject({ subject: user.subject, developer });
  // The backend pages it: the page asked for is the page's own range, not the whole list.
  expect(filtered[0]).toMatchObject({ start: 5, end: 10 });
});
