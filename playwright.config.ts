import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import {
  AUTHLETE_MODE,
  AUTHLETE_MODE_V2,
  AUTHLETE_STACKS,
  type AuthleteStack,
  E2E_ALLOWED_ORIGIN_HOST,
  E2E_AUTH_SECRET,
  E2E_BASE_URL,
  E2E_DATABASE_PATH,
  E2E_METRICS_TOKEN,
  E2E_OTLP_HEADER_SECRET,
  E2E_PORT,
  E2E_PUSH,
} from './tests/support/e2e-env';
import { SERVER_LOG_DIR } from './tests/support/recording';

/** Debian's chromium where installed (CI), else Playwright's own (`npx playwright install chromium`). */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

const AUTHLETE_SPECS = /authlete-mode\/.*\.spec\.ts$/;
const SECRET_SCAN = /secrets\/.*\.spec\.ts$/;

/** Runs a web server with its output kept for the secret scan (Playwright empties test-results first). */
function logged(command: string, name: string): string {
  const log = path.join(SERVER_LOG_DIR, `${name}.log`);
  return `mkdir -p "${SERVER_LOG_DIR}" && ${command} > "${log}" 2>&1`;
}

/** The Authlete-mode app's settings but its version's: the v3 and v2 apps differ in nothing else. */
function authleteAppEnv(version: 'V2' | 'V3'): Record<string, string> {
  const credentials: Record<string, string> =
    version === 'V3'
      ? {
          AUTHLETE_BASE_URL: AUTHLETE_MODE.authleteUrl,
          AUTHLETE_SERVICE_APIKEY: AUTHLETE_MODE.serviceId,
          AUTHLETE_SERVICE_ACCESSTOKEN: AUTHLETE_MODE.serviceAccessToken,
        }
      : {
          AUTHLETE_BASE_URL: AUTHLETE_MODE_V2.authleteUrl,
          AUTHLETE_SERVICE_APIKEY: AUTHLETE_MODE_V2.serviceApiKey,
          AUTHLETE_SERVICE_APISECRET: AUTHLETE_MODE_V2.serviceApiSecret,
          AUTHLETE_SERVICEOWNER_APIKEY: AUTHLETE_MODE_V2.serviceOwnerApiKey,
          AUTHLETE_SERVICEOWNER_APISECRET: AUTHLETE_MODE_V2.serviceOwnerApiSecret,
        };
  const appUrl = AUTHLETE_STACKS[version].appUrl;
  return {
    PORT: new URL(appUrl).port,
    // No demo login in Authlete mode: the file holds only the app store (history, limits).
    DATABASE_PATH: path.join(
      path.dirname(E2E_DATABASE_PATH),
      version === 'V3' ? 'e2e-authlete-app.sqlite' : 'e2e-authlete-v2-app.sqlite',
    ),
    AUTH_URL: appUrl,
    AUTH_SECRET: E2E_AUTH_SECRET,
    AUTHLETE_API_VERSION: version,
    ...credentials,
    AUTHLETE_TIMEOUT_MS: '2000',
    WRITE_LIMIT_PER_MINUTE: '4',
    AUTH_OIDC_ISSUER: AUTHLETE_MODE.oidcIssuer,
    AUTH_OIDC_ID: AUTHLETE_MODE.oidcClientId,
    AUTH_OIDC_SECRET: AUTHLETE_MODE.oidcClientSecret,
  };
}

// Worker options of tests/support/fixtures.ts: which database the tests make their data in, and
// which Authlete-mode app they drive.
export default defineConfig<object, { databasePath: string; authleteStack: AuthleteStack }>({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: 'list',
  // Empties the recorded responses of earlier runs: the secret scan reads only this run's.
  globalSetup: './tests/support/global-setup.ts',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
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
  projects: [
    {
      name: 'embedded',
      testIgnore: [AUTHLETE_SPECS, SECRET_SCAN],
      use: { ...devices['Desktop Chrome'], baseURL: E2E_BASE_URL },
    },
    {
      name: 'authlete',
      testMatch: AUTHLETE_SPECS,
      // One Authlete test server whose injected faults apply to every request: one test at a time,
      // across its files too (a fault test beside another spec would fail that spec's requests).
      fullyParallel: false,
      workers: 1,
      use: {
        ...devices['Desktop Chrome'],
        baseURL: AUTHLETE_MODE.appUrl,
        databasePath: AUTHLETE_MODE.databasePath,
      },
    },
    {
      // The same app over Authlete's v2 API: only the tests tagged @wire, those whose calls differ
      // between the generations (list, update, delete, consent delete, token calls, credentials),
      // to keep the run short. Its own Authlete test server, so one test at a time here too.
      name: 'authlete-v2',
      testMatch: AUTHLETE_SPECS,
      grep: /@wire/,
      fullyParallel: false,
      workers: 1,
      use: {
        ...devices['Desktop Chrome'],
        baseURL: AUTHLETE_MODE_V2.appUrl,
        databasePath: AUTHLETE_MODE.databasePath,
        authleteStack: AUTHLETE_STACKS.V2,
      },
    },
    {
      // After everything else: nothing secret in what the run recorded.
      name: 'secret-scan',
      testMatch: SECRET_SCAN,
      dependencies: ['embedded', 'authlete', 'authlete-v2'],
    },
  ],
  webServer: [
    {
      command: logged('node tests/support/e2e-server.mjs', 'embedded-app'),
      url: `${E2E_BASE_URL}/sign-in`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: {
        PORT: String(E2E_PORT),
        DATABASE_PATH: E2E_DATABASE_PATH,
        AUTH_URL: E2E_BASE_URL,
        AUTH_SECRET: E2E_AUTH_SECRET,
        // Given at start only (the build never saw it): hardening.spec.ts checks it takes effect.
        ALLOWED_ORIGINS: E2E_ALLOWED_ORIGIN_HOST,
        // The security suite sends hundreds of well-formed writes a minute as one person, to
        // prove ownership checks; the write limit itself is proven on the Authlete-mode server.
        WRITE_LIMIT_PER_MINUTE: '100000',
        // /api/metrics exists here: the access-control suite checks who may read it.
        METRICS_TOKEN: E2E_METRICS_TOKEN,
        // Signed with the key zero-config generates beside the database, pushed to no one.
        SSF_PUSH_ENDPOINT: E2E_PUSH.endpoint,
        SSF_AUDIENCE: E2E_PUSH.audience,
        SSF_PUSH_AUTHORIZATION: E2E_PUSH.authorization,
        SSF_PUSH_TIMEOUT_MS: '1000',
      },
    },
    {
      command: logged('npx tsx tests/support/e2e-authlete-stack.ts', 'authlete-stack'),
      url: `${AUTHLETE_MODE.oidcIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: logged('node tests/support/e2e-server.mjs', 'authlete-app'),
      url: `${AUTHLETE_MODE.appUrl}/sign-in`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: {
        ...authleteAppEnv('V3'),
        // Spans and metrics go to the stack's OTLP receiver, which logs them for the secret scan.
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://localhost:${AUTHLETE_MODE.otlpPort}`,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer ${E2E_OTLP_HEADER_SECRET}`,
        OTEL_BSP_SCHEDULE_DELAY: '1000',
        OTEL_METRIC_EXPORT_INTERVAL: '5000',
      },
    },
    {
      command: logged('node tests/support/e2e-server.mjs', 'authlete-v2-app'),
      url: `${AUTHLETE_MODE_V2.appUrl}/sign-in`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: authleteAppEnv('V2'),
    },
  ],
  outputDir: path.join('test-results', 'e2e'),
});
