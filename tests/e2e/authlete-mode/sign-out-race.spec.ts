/**
 * A sign-out that a late answer cannot undo (lib/signed-out-marker.ts). The proxy re-issues the
 * session cookie on every account request (the idle bound), and a server action's answer
 * carries it only once the action is done: a change that was still waiting on Authlete when the
 * person signed out in another tab used to set the old session again. Authlete is made slow for
 * that one change, so the sign-out lands while it waits, every time.
 */
import { AUTHLETE_MODE } from '../../support/e2e-env';
import {
  authleteRequests,
  forgetAuthleteRequests,
  signInAtProvider,
} from '../../support/authlete-mode-page';
import { expect, test } from '../../support/fixtures';

const LATE_MS = 1500;

test.afterEach(async ({ page }) => {
  await page.request.delete(`${AUTHLETE_MODE.authleteUrl}/__test/faults`);
});

test('a change answered after the person signed out in another tab leaves them signed out', async ({
  page,
  context,
  world,
}) => {
  const { user, apps } = world.personWithApps(2);
  const target = apps[0]!;
  await signInAtProvider(page, user);
  await expect(page.getByText('Showing 1–2 of 2')).toBeVisible();
  const otherTab = await context.newPage();
  await otherTab.goto('/apps');
  await expect(otherTab.getByText('Showing 1–2 of 2')).toBeVisible();
  await otherTab.waitForLoadState('networkidle');
  await page.waitForLoadState('networkidle');

  const injected = await page.request.post(`${AUTHLETE_MODE.authleteUrl}/__test/faults`, {
    data: {
      path: `/client/authorization/delete/${target.clientId}$`,
      fault: { type: 'delay', ms: LATE_MS },
      times: 1,
    },
  });
  expect(injected.status()).toBe(204);
  await forgetAuthleteRequests(page);

  // The removal starts and waits on Authlete…
  const isAction = (method: string, headers: Record<string, string>) =>
    method === 'POST' && 'next-action' in headers;
  const lateAnswer = page
    .waitForResponse((response) =>
      isAction(response.request().method(), response.request().headers()),
    )
    .then(() => Date.now());
  await page
    .getByRole('article', { name: target.name })
    .getByRole('button', { name: 'Remove access' })
    .click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove access' }).click();
  await expect
    .poll(async () =>
      (await authleteRequests(page)).some((request) =>
        request.path.endsWith(`/client/authorization/delete/${target.clientId}`),
      ),
    )
    .toBe(true);

  // …while the person signs out in the other tab.
  const signedOut = otherTab
    .waitForResponse((response) =>
      isAction(response.request().method(), response.request().headers()),
    )
    .then(() => Date.now());
  await otherTab.getByRole('button', { name: 'Sign out' }).click();
  const signedOutAt = await signedOut;
  // The removal's answer came after the sign-out's: the race this test is about did happen.
  expect(signedOutAt).toBeLessThan(await lateAnswer);
  expect(world.tokensOf(user, target)).toEqual([]);
  // The marker the sign-out left: readable by the server only, and naming no one.
  const marker = (await context.cookies()).find(
    (cookie) => cookie.name === 'connected-apps.signed-out',
  );
  expect(marker).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(marker!.value).not.toContain(user.subject);

  // Signed out, whichever tab asks and however: pages, and the session endpoint.
  await otherTab.goto(`${AUTHLETE_MODE.appUrl}/apps`);
  await expect(otherTab).toHaveURL(/\/sign-in/);
  await page.goto('/apps');
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await (await page.request.get('/api/auth/session')).json()).toBeNull();
});
