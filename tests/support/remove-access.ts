/** Removing one app's access the way a person does: from its card on the apps page. */
import type { Locator, Page } from '@playwright/test';
import { expectRemovalAnnounced } from './announcements';
import type { TestApp } from './world';

/**
 * Presses the card's "Remove access" and confirms in the dialog; returns the dialog, which
 * stays open when the removal is refused (its alert says why).
 */
export async function confirmRemoval(page: Page, app: TestApp): Promise<Locator> {
  await page
    .getByRole('article', { name: app.name })
    .getByRole('button', { name: 'Remove access' })
    .click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByRole('button', { name: 'Remove access' }).click();
  return dialog;
}

/** Removes `app`'s access from its card and waits until the page announces it done. */
export async function removeAccess(
  page: Page,
  app: TestApp,
  { timeout }: { timeout?: number } = {},
): Promise<void> {
  await confirmRemoval(page, app);
  await expectRemovalAnnounced(page, app.name, { timeout });
}
