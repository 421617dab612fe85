/**
 * Playwright fixtures: `world` makes this test's own people and apps in the
 * e2e database; `signIn` signs a person in through the real form. Tests fail
 * on any unexpected console error in the page.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { openDatabase, type Db } from '../../lib/embedded/database';
import { E2E_DATABASE_PATH } from './e2e-env';
import { createWorld, type TestUser, type World } from './world';

type TestFixtures = {
  world: World;
  signIn: (user: TestUser, page?: Page) => Promise<void>;
};

export const test = base.extend<TestFixtures, { db: Db }>({
  db: [
    async ({}, use) => {
      const db = openDatabase(E2E_DATABASE_PATH);
      await use(db);
      db.close();
    },
    { scope: 'worker' },
  ],

  world: async ({ db }, use) => {
    await use(createWorld(db));
  },

  signIn: async ({ page }, use) => {
    await use(async (user, onPage = page) => {
      await onPage.goto('/sign-in');
      await onPage.getByLabel('Username').fill(user.login);
      await onPage.getByLabel('Password').fill(user.password);
      await onPage.getByRole('button', { name: 'Sign in' }).click();
      await expect(onPage).toHaveURL(/\/apps/);
    });
  },

  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(page);
    expect(errors, 'console errors in the page').toEqual([]);
  },
});

export { expect };
