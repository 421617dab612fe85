/** What the page announces in its live regions, as a person with a screen reader hears it. */
import { expect, type Page } from '@playwright/test';

/** The success announcement after an app's access was removed (within `timeout`, else the default). */
export async function expectRemovalAnnounced(
  page: Page,
  appName: string,
  { timeout }: { timeout?: number } = {},
) {
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `${appName} no longer has access to your account.` }),
  ).toBeVisible({ timeout });
}

/** The announcement after a narrowing of `appName`'s permissions was saved. */
export async function expectSaveAnnounced(page: Page, appName: string) {
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: `Saved. ${appName} can now do only what you left ticked.` }),
  ).toBeVisible();
}
