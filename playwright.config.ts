import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import {
  E2E_AUTH_SECRET,
  E2E_BASE_URL,
  E2E_DATABASE_PATH,
  E2E_PORT,
} from './tests/support/e2e-env';

/** Debian's chromium where installed (CI), else Playwright's own (`npx playwright install chromium`). */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      // Chromium's own background traffic has nowhere to go on a closed network.
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'node tests/support/e2e-server.mjs',
    url: `${E2E_BASE_URL}/sign-in`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(E2E_PORT),
      DATABASE_PATH: E2E_DATABASE_PATH,
      AUTH_URL: E2E_BASE_URL,
      AUTH_SECRET: E2E_AUTH_SECRET,
    },
  },
  outputDir: path.join('test-results', 'e2e'),
});
