/** An app's card, on the apps page or its own detail page, as a person finds it: by the app's name. */
import type { Page } from '@playwright/test';
import type { TestApp } from './world';

/** `app`'s card, and the group of its permissions' checkboxes in it. */
export function appCard(page: Page, app: TestApp) {
  const card = page.getByRole('article', { name: app.name });
  return { card, permissions: card.getByRole('group', { name: `What ${app.name} can do` }) };
}
