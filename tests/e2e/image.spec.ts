/**
 * The image, as far as a machine without a container engine can check it:
 * the files the Dockerfile's last stage copies from the build, copied to a
 * directory of their own, started with the image's command and environment
 * (read from the Dockerfile itself, tests/support/dockerfile.ts), answer the
 * image's health check and serve the demo; SIGTERM drains and stops them.
 * Nothing of the checkout outside that copy is used: no node_modules, no
 * scripts, no lib/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { assembleImage, readRunStage, runHealthcheck } from '../support/dockerfile';
import { freePort } from '../support/free-port';
import { startOwnServer } from '../support/own-server';

const ROOT = path.resolve(__dirname, '..', '..');

test('the image’s files, command and health check serve the demo on their own', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const stage = readRunStage(path.join(ROOT, 'Dockerfile'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-image-'));
  const appDir = assembleImage(stage, ROOT, dir);
  const port = await freePort();
  const server = startOwnServer(
    port,
    { ...stage.env, PORT: String(port) },
    { onlyEnv: true, command: { argv: stage.cmd, cwd: appDir } },
  );
  try {
    await server.ready();
    expect(runHealthcheck(stage, port)).toBe(0);

    await page.goto(`${server.url}/sign-in`);
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(
      page.getByRole('heading', { name: 'Apps with access to your account' }),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'PhotoShare Pro' })).toBeVisible();

    // Its state went where the image keeps it: the data volume.
    expect(fs.existsSync(path.join(appDir, 'data', 'connected-apps.sqlite'))).toBe(true);
    expect(fs.statSync(path.join(appDir, 'data', 'auth-secret')).mode & 0o777).toBe(0o600);
    for (const line of server
      .output()
      .split('\n')
      .filter((text) => text.startsWith('{')))
      expect(JSON.parse(line)).toHaveProperty('msg');

    server.kill('SIGTERM');
    expect(await server.exited).toBe(143);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the health check fails when nothing answers', async () => {
  const stage = readRunStage(path.join(ROOT, 'Dockerfile'));
  expect(runHealthcheck(stage, await freePort())).toBe(1);
});
