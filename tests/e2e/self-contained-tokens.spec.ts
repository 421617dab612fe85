/**
 * What removal cannot undo, said before it happens: on a service issuing
 * self-contained (JWT) access tokens (the embedded backend with
 * DEMO_JWT_ACCESS_TOKENS=true, on a server of its own), the removal
 * confirmation says an access token the app already holds keeps working, and
 * until when — the latest expiry among its still-valid tokens, not an expired
 * one's. The bulk confirmation says the same for the apps selected. (The
 * shared e2e server issues opaque tokens: nothing of the kind is said there.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../lib/embedded/database';
import { E2E_AUTH_SECRET } from '../support/e2e-env';
import { expect, test } from '../support/fixtures';
import { freePort } from '../support/free-port';
import { startOwnServer } from '../support/own-server';
import { escapeRegExp, shownDateTime } from '../support/shown-date';
import { createWorld } from '../support/world';

const HOUR = 3600_000;

test('the removal confirmation says until when a self-contained access token keeps working', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-jwt-'));
  const db = openDatabase(path.join(dir, 'app.sqlite'));
  const world = createWorld(db);
  const user = world.createPerson();
  const app = world.createApp({ name: `Photo Printer ${world.tag}` });
  const other = world.createApp({ name: `Notes ${world.tag}` });
  const now = Date.now();
  // Expires 2 hours from now; a second, later token (5 hours) is the one that counts.
  const latest = new Date(now + 5 * HOUR);
  world.grantToken(user, app, {
    scopes: ['openid'],
    createdAt: now - HOUR,
    accessTokenExpiresAt: now + 2 * HOUR,
  });
  world.grantToken(user, app, {
    scopes: ['openid'],
    createdAt: now - HOUR,
    accessTokenExpiresAt: latest.getTime(),
  });
  world.grantToken(user, other, {
    scopes: ['openid'],
    createdAt: now - HOUR,
    accessTokenExpiresAt: now + HOUR,
  });
  const port = await freePort();
  const server = startOwnServer(port, {
    AUTH_URL: `http://localhost:${port}`,
    AUTH_SECRET: E2E_AUTH_SECRET,
    DATABASE_PATH: path.join(dir, 'app.sqlite'),
    DEMO_JWT_ACCESS_TOKENS: 'true',
  });
  try {
    await server.ready();
    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Username').fill(user.login);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/apps/);

    const shown = await shownDateTime(page, latest);
    const card = page.getByRole('article', { name: app.name });
    await card.getByRole('button', { name: 'Remove access' }).click();
    const dialog = page.getByRole('alertdialog', { name: `Remove access for ${app.name}?` });
    await expect(dialog).toContainText(
      new RegExp(
        `this service issues self-contained access tokens, so one ${escapeRegExp(app.name)} already holds keeps working until it expires, at the latest ${shown}\\.`,
      ),
    );
    await dialog.getByRole('button', { name: 'Keep access' }).click();

    await card.getByRole('checkbox', { name: `Select ${app.name}` }).check();
    await page.getByRole('checkbox', { name: `Select ${other.name}` }).check();
    await page.getByRole('button', { name: 'Remove access for selected' }).click();
    const bulk = page.getByRole('alertdialog', { name: 'Remove access for 2 apps?' });
    await expect(bulk).toContainText(
      new RegExp(`keeps working until it expires, at the latest ${shown}\\.`),
    );
    await bulk.getByRole('button', { name: 'Remove access' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Removed access for 2 apps' }),
    ).toBeVisible();
  } finally {
    await server.stop();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
