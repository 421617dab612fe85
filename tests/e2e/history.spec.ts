/**
 * The history page as a person meets it: every change they made, newest
 * first, with what, when, from which browser and how it ended; reached from
 * the apps page; paged like the list; by keyboard alone; axe-clean; in
 * Japanese too; and only their own entries.
 */
import { callAction } from '../support/actions';
import { expectNoAxeViolations } from '../support/axe';
import { expect, test } from '../support/fixtures';
import { tabTo } from '../support/keyboard';

test('each change shows what was done, when, from which browser, and the outcome', async ({
  page,
  world,
  signIn,
  context,
}) => {
  test.setTimeout(90_000);
  const user = world.createPerson();
  const printer = world.createApp({ name: `Photo Printer ${world.tag}` });
  const notes = world.createApp({ name: `Notes ${world.tag}` });
  // `fax.send` is in no catalogue and no SCOPE_DESCRIPTIONS_FILE: history names it as it is.
  world.grant(user, printer, ['openid', 'profile', 'photos.read', 'fax.send']);
  world.grant(user, notes, ['openid']);
  await signIn(user);

  const card = page.getByRole('article', { name: printer.name });
  await card.getByRole('checkbox', { name: /View your photos and albums/ }).uncheck();
  await card.getByRole('checkbox', { name: /Fax send/ }).uncheck();
  await card.getByRole('button', { name: 'Review changes' }).click();
  await card.getByRole('button', { name: 'Save changes' }).click();
  await expect(card.getByRole('checkbox', { name: /View your photos/ })).toHaveCount(0);
  expect(await callAction(page.request, 'revokeApp', [{ clientId: notes.clientId }])).toMatchObject(
    { value: { ok: true } },
  );

  await page.getByRole('link', { name: 'History of your changes' }).click();
  await expect(page).toHaveURL(/\/apps\/history/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your history' })).toBeVisible();
  const entries = page.getByRole('article');
  await expect(entries).toHaveCount(2);
  // Newest first.
  await expect(entries.nth(0).getByRole('heading')).toHaveText(
    `Removed the access of ${notes.name}`,
  );
  const narrowing = entries.nth(1);
  await expect(narrowing.getByRole('heading')).toHaveText(
    `Removed permissions from ${printer.name}`,
  );
  // The permissions in the words the apps page showed, not as raw scope names.
  await expect(narrowing.getByText(/^Permissions removed:/)).toHaveText(
    /^Permissions removed: (View your photos and albums and fax\.send|fax\.send and View your photos and albums)$/,
  );
  await expect(narrowing).toContainText(/Outcome\s*Done/);
  // Desktop Chrome's user agent, summarized; no IP address.
  await expect(narrowing).toContainText(/From\s*Chrome \d+ on Windows/);
  await expect(narrowing.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expectNoAxeViolations(page, 'history');

  // In Japanese, the catalogue's Japanese words.
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'ja', url: page.url() }]);
  await page.reload();
  await expect(page.getByRole('article').nth(1)).toContainText('写真とアルバムを見る');
  await expect(page.getByRole('article').nth(1)).not.toContainText('photos.read');
});

test('history is paged like the list, and works by keyboard alone', async ({
  page,
  world,
  signIn,
}) => {
  test.setTimeout(120_000);
  const { user, apps } = world.personWithApps(7);
  await signIn(user);
  for (const app of apps) {
    expect(await callAction(page.request, 'revokeApp', [{ clientId: app.clientId }])).toMatchObject(
      { value: { ok: true } },
    );
  }
  await page.goto('/apps');
  const link = page.getByRole('link', { name: 'History of your changes' });
  await tabTo(page, link);
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Showing 1–5 of 7')).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(5);
  // The newest change, the last app removed, comes first.
  await expect(page.getByRole('article').first()).toContainText(apps[6]!.name);

  const next = page.getByRole('link', { name: 'Next' });
  await tabTo(page, next);
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Showing 6–7 of 7')).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('article').last()).toContainText(apps[0]!.name);

  await page.getByRole('link', { name: '10 entries per page' }).click();
  await expect(page.getByRole('article')).toHaveCount(7);
  // A page past the end shows the last one.
  await page.goto('/apps/history?page=99&size=5');
  await expect(page.getByText('Showing 6–7 of 7')).toBeVisible();
  await expectNoAxeViolations(page, 'history page 2');
});

test('history speaks Japanese, and holds only the signed-in person’s own entries', async ({
  page,
  world,
  signIn,
  context,
}) => {
  test.setTimeout(90_000);
  const [alice, bob] = [world.createPerson('Alice'), world.createPerson('Bob')];
  const app = world.createApp();
  world.grant(alice, app, ['openid']);
  world.grant(bob, app, ['openid']);
  await signIn(alice);
  expect(await callAction(page.request, 'revokeApp', [{ clientId: app.clientId }])).toMatchObject({
    value: { ok: true },
  });

  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'ja', url: page.url() }]);
  await page.goto('/apps/history');
  await expect(page.getByRole('heading', { level: 1, name: '変更の履歴' })).toBeVisible();
  await expect(page.getByRole('article')).toContainText(`${app.name}のアクセスを削除しました`);
  await expect(page.getByRole('article')).toContainText('完了');
  await expectNoAxeViolations(page, 'history in Japanese');

  await context.clearCookies();
  await signIn(bob);
  await page.goto('/apps/history?subject=' + encodeURIComponent(alice.subject));
  await expect(page.getByText("You haven't changed anything here yet.")).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(0);
});

test('an entry a newer version of the app wrote (a rolling upgrade) is listed in general words', async ({
  page,
  world,
  db,
  signIn,
}) => {
  const user = world.createPerson();
  const [one, two] = [world.createApp(), world.createApp()];
  // What an instance on later code might write: a kind and a field this code does not know.
  const write = db.prepare(
    `insert into app_history (id, subject, created_at, kind, detail, outcome, results, user_agent, txn, settled_at)
     values (?, ?, ?, 'device_signed_out', ?, ?, ?, 'Firefox 140 on Linux', ?, ?)`,
  );
  const apps = (...list: (typeof one)[]) =>
    JSON.stringify({ apps: list.map(({ clientId, name }) => ({ clientId, name })), device: 'TV' });
  const now = Date.now();
  write.run(`${world.tag}-1`, user.subject, now - 2_000, apps(one), 'pending', null, 'txn-1', null);
  write.run(
    `${world.tag}-2`,
    user.subject,
    now - 1_000,
    apps(one, two),
    'done',
    JSON.stringify([one, two].map(({ clientId }) => ({ clientId, outcome: 'done' }))),
    'txn-2',
    now,
  );
  await signIn(user);
  await page.goto('/apps/history');
  const entries = page.getByRole('article');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0).getByRole('heading')).toHaveText('Changed the access of 2 apps');
  await expect(entries.nth(0)).toContainText(`Apps: ${one.name} and ${two.name}`);
  await expect(entries.nth(0)).toContainText(/Outcome\s*Done/);
  await expect(entries.nth(1).getByRole('heading')).toHaveText(`Changed the access of ${one.name}`);
  await expect(entries.nth(1)).toContainText(/Outcome\s*In progress/);
});

test('the history page asks a signed-out visitor to sign in first', async ({ page }) => {
  await page.goto('/apps/history?page=2');
  await expect(page).toHaveURL(/\/sign-in\?.*history/);
});
