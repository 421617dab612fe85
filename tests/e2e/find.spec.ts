import { expectNoAxeViolations } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { waitForHydration } from '../support/hydration';
import type { World } from '../support/world';

const DAY = 24 * 60 * 60 * 1000;

/**
 * A person with `others` apps and two whose names hold "photo": Photo Frame, allowed 300 days
 * ago, and Photo Book, allowed yesterday, each with the scopes given.
 */
function personWithPhotoApps(
  world: World,
  others: number,
  scopes: { frame: string[]; book: string[] },
) {
  const { user } = world.personWithApps(others);
  const frame = world.createApp({ name: `Photo Frame ${world.tag}` });
  const book = world.createApp({ name: `Photo Book ${world.tag}` });
  world.grant(user, frame, scopes.frame, 300);
  world.grant(user, book, scopes.book, 1);
  return { user, frame, book };
}

test('search, sort and filters cover every app, not one page, and live in the URL', async ({
  page,
  world,
  signIn,
}) => {
  // Photo Frame: authorized long ago, offline access; Photo Book: recent.
  const { user, frame, book } = personWithPhotoApps(world, 12, {
    frame: ['photos.read', 'offline_access'],
    book: ['photos.read'],
  });
  await signIn(user);
  await expect(page.getByText('Showing 1–5 of 14')).toBeVisible();

  // Both photo apps are beyond the first page in the default order; search finds them anyway.
  await page.getByRole('searchbox', { name: 'Search apps' }).fill('photo');
  await expect(page).toHaveURL(/\?q=photo&page=1$/);
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible();
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([frame.name, book.name]);
  // With the scripts running every field acts at once: nothing to apply.
  await expect(page.getByRole('button', { name: 'Apply' })).toHaveCount(0);

  await page.getByLabel('Sort by').selectOption({ label: 'Name' });
  await expect(page).toHaveURL(/sort=name/);
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([book.name, frame.name]);

  // The box follows the URL, which the router updates a moment after the click.
  const offline = page.getByRole('checkbox', { name: "can act while you're away" });
  await offline.click();
  await expect(offline).toBeChecked();
  await expect(page).toHaveURL(/offline=1/);
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([frame.name]);

  // The back button walks back through the views.
  await page.goBack();
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([book.name, frame.name]);

  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(page.getByText('Showing 1–5 of 14')).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search apps' })).toHaveValue('');
  await expect(page.getByRole('article').first().getByRole('heading')).toHaveText(frame.name);

  await page.goto('/apps?q=zzz-nothing');
  await expect(page.getByRole('heading', { name: 'No apps match' })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(0);
});

test('a search, sort and filter made before the page has loaded its scripts are answered by the server', async ({
  page,
  world,
  signIn,
  allowConsoleErrors,
}) => {
  const { user, frame, book } = personWithPhotoApps(world, 6, {
    frame: ['photos.read'],
    book: ['photos.read'],
  });
  await signIn(user);

  // A slow phone: the HTML is on screen, its scripts have not arrived (here, never will).
  await page.route('**/_next/static/**/*.js', (route) => route.abort());
  allowConsoleErrors(/^Failed to load resource: net::ERR_FAILED$/);
  await page.goto('/apps?sort=name');
  await expect(page.getByText('Showing 1–5 of 8')).toBeVisible();
  const hydrated = await page.evaluate(() =>
    Object.keys(document.querySelector('main')!).some((key) => key.startsWith('__reactFiber$')),
  );
  expect(hydrated, 'React has not taken the page over').toBe(false);

  const search = page.getByRole('searchbox', { name: 'Search apps' });
  await search.fill('photo');
  await search.press('Enter');
  await expect(page).toHaveURL(/\/apps\?q=photo&sort=name$/);
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible();
  // Sorted by name, as the view was.
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([book.name, frame.name]);
  await expect(search).toHaveValue('photo');

  // The sort and the filters act at once only with scripts; before them, "Apply" sends the form.
  await page.getByLabel('Sort by').selectOption({ label: 'Oldest access first' });
  await page
    .getByRole('checkbox', { name: /haven't renewed their access for over 90 days/ })
    .check();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/\/apps\?q=photo&sort=oldest&inactive=1$/);
  await expect(page.getByText('Showing 1–1 of 1')).toBeVisible();
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([frame.name]);
  await expect(page.getByLabel('Sort by').locator('option:checked')).toHaveText(
    'Oldest access first',
  );
  // What a person on a slow link works with is held to the same rules as the hydrated page.
  await expectNoAxeViolations(page, 'list before its scripts have loaded');
});

test('a sort or filter chosen while the scripts were still loading is applied once they have, not undone', async ({
  page,
  world,
  signIn,
}) => {
  const { user, frame, book } = personWithPhotoApps(world, 6, {
    frame: ['photos.read', 'offline_access'],
    book: ['photos.read', 'offline_access'],
  });
  await signIn(user);

  // The scripts arrive only when the test lets them: a phone on a slow link.
  let release = () => {};
  const arrived = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_next/static/**/*.js', async (route) => {
    await arrived;
    await route.continue();
  });
  await page.goto('/apps', { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Sort by').selectOption({ label: 'Name' });
  await page.getByRole('checkbox', { name: "can act while you're away" }).check();
  release();
  await waitForHydration(page);

  await expect(page).toHaveURL(/\/apps\?sort=name&offline=1&page=1$/);
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible();
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([book.name, frame.name]);
  await expect(page.getByLabel('Sort by').locator('option:checked')).toHaveText('Name');
  await expect(page.getByRole('checkbox', { name: "can act while you're away" })).toBeChecked();
});

test('"not renewed for more than 90 days" and "recently renewed" use the last renewal, or the grant when never renewed', async ({
  page,
  world,
  signIn,
}) => {
  const user = world.createPerson();
  const stale = world.createApp({ name: `Stale ${world.tag}` });
  const busy = world.createApp({ name: `Busy ${world.tag}` });
  const unused = world.createApp({ name: `Unused ${world.tag}` });
  world.grant(user, stale, ['openid'], 400);
  world.grant(user, busy, ['openid'], 500);
  world.grant(user, unused, ['openid'], 10);
  world.touch(user, stale, Date.now() - 200 * DAY);
  world.touch(user, busy, Date.now() - 2 * DAY);
  await signIn(user);

  // The default order is the service's own, and says so; "oldest" is a sort the URL names.
  const sort = page.getByLabel('Sort by');
  await expect(sort.locator('option:checked')).toHaveText("The service's own order");
  await sort.selectOption({ label: 'Oldest access first' });
  await expect(page).toHaveURL(/sort=oldest/);
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([
    busy.name,
    stale.name,
    unused.name,
  ]);

  await page.goto('/apps?inactive=1');
  await expect(
    page.getByRole('checkbox', {
      name: "haven't renewed their access for over 90 days (they may still be in use)",
    }),
  ).toBeChecked();
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([stale.name]);
  await page.goto('/apps?sort=active');
  await expect(page.getByRole('article').getByRole('heading')).toHaveText([
    busy.name,
    stale.name,
    unused.name,
  ]);
  await expect(page.getByRole('article', { name: unused.name })).toContainText(
    'Access not renewed since then',
  );
});

test('a view that cannot look at every app says how many it left out, in the browser too', async ({
  page,
  world,
  signIn,
}) => {
  test.setTimeout(120_000);
  // Three more than a whole-list view reads (WHOLE_LIST_LIMIT, lib/grants/grant-service.ts).
  const { user } = world.personWithApps(1003, ['openid']);
  await signIn(user);
  await expect(page.getByText('Showing 1–5 of 1003')).toBeVisible();
  // The plain list pages on the backend and reads every app in time: no notice.
  const notice = page.getByRole('status').filter({ hasText: 'left out of these results' });
  await expect(notice).toHaveCount(0);

  // A search reached in the browser (no server render of the page) is told what it could not read.
  await page.getByRole('searchbox', { name: 'Search apps' }).fill(world.tag);
  await expect(page).toHaveURL(/\?q=/);
  await expect(notice).toContainText('3 apps were left out of these results');

  // Back to the plain list: the notice goes with the view it belonged to.
  await page.getByRole('button', { name: 'Clear search and filters' }).click();
  await expect(page.getByText('Showing 1–5 of 1003')).toBeVisible();
  await expect(notice).toHaveCount(0);
});
