/**
 * Removing access the way a person does: one app's from its card on the apps page, or every
 * app's with "Remove access for all apps".
 */
import type { Locator, Page } from '@playwright/test';
import { expectRemovalAnnounced } from './announcements';
import type { TestApp } from './world';

/** The "Remove access" button on `app`'s card. */
export function removeButtonOn(page: Page, app: TestApp): Locator {
  return page
    .getByRole('article', { name: app.name })
    .getByRole('button', { name: 'Remove access' });
}

/** The dialog that asks before `app`'s access is removed. */
export function removalDialog(page: Page, app: TestApp): Locator {
  return page.getByRole('alertdialog', { name: `Remove access for ${app.name}?` });
}

/** Presses the card's "Remove access"; returns the dialog it opens, not yet confirmed. */
export async function openRemoval(page: Page, app: TestApp): Promise<Locator> {
  await removeButtonOn(page, app).click();
  return removalDialog(page, app);
}

/**
 * Presses the card's "Remove access" and confirms in the dialog; returns the dialog, which
 * stays open when the removal is refused (its alert says why).
 */
export async function confirmRemoval(page: Page, app: TestApp): Promise<Locator> {
  const dialog = await openRemoval(page, app);
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

/**
 * Presses "Remove access for all apps"; returns the dialog it opens, not yet confirmed, found by
 * its title when `count` (how many apps it names) is given.
 */
export async function openRemoveAll(page: Page, count?: number): Promise<Locator> {
  await page.getByRole('button', { name: 'Remove access for all apps' }).click();
  return count === undefined
    ? page.getByRole('alertdialog')
    : page.getByRole('alertdialog', { name: `Remove access for all ${count} apps?` });
}

/** Presses "Remove access for all apps" and confirms in the dialog; returns the dialog. */
export async function confirmRemoveAll(page: Page, count?: number): Promise<Locator> {
  const dialog = await openRemoveAll(page, count);
  await dialog.getByRole('button', { name: 'Remove access' }).click();
  return dialog;
}
