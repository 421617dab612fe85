/**
 * Where the e2e servers run: their own ports and database files, so a running
 * `npm start` never shares state with a test run. Two app servers are started
 * from the same build: one on the embedded backend, one in Authlete mode
 * (talking to the Authlete wire test server, signing people in through a test
 * OpenID Provider).
 */
import path from 'node:path';

const dataDir = path.resolve(__dirname, '..', '..', 'data');
/** Ten consecutive ports from here; override to run two checkouts' suites side by side. */
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);

export const E2E_PORT = portBase;
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DATABASE_PATH = path.join(dataDir, 'e2e.sqlite');

/** A proxy's public host the embedded e2e server accepts server actions from (ALLOWED_ORIGINS). */
export const E2E_ALLOWED_ORIGIN_HOST = 'proxy.example:8443';

/** Test-only; the e2e servers sign sessions with it, and tests mint sessions of a chosen age with it. */
export const E2E_AUTH_SECRET = 'e2e-only-secret-not-for-production-0123456789';

export const AUTHLETE_MODE = {
  appPort: portBase + 1,
  appUrl: `http://localhost:${portBase + 1}`,
  authletePort: portBase + 2,
  authleteUrl: `http://localhost:${portBase + 2}`,
  oidcPort: portBase + 3,
  oidcIssuer: `http://localhost:${portBase + 3}`,
  /** the Authlete test server's database; the OpenID Provider reads its people from it too */
  databasePath: path.join(dataDir, 'e2e-authlete.sqlite'),
  serviceId: '7654321098',
  serviceAccessToken: 'e2e-service-access-token-not-a-real-one',
  oidcClientId: 'connected-apps-e2e',
  oidcClientSecret: 'e2e-oidc-client-secret-not-a-real-one',
  /** the OTLP receiver the Authlete-mode app exports its spans and metrics to (in the same stack) */
  otlpPort: portBase + 4,
};

/**
 * Secrets of the telemetry endpoints, given to the e2e servers: the bearer token /api/metrics
 * answers to (embedded server) and an OTLP header (Authlete-mode server). The secret scan looks
 * for both in everything the run recorded, exported telemetry included.
 */
export const E2E_METRICS_TOKEN = 'e2e-metrics-token-not-a-real-one';
export const E2E_OTLP_HEADER_SECRET = 'e2e-otlp-header-secret-not-a-real-one';

/**
 * The password in the DATABASE_URL of every e2e server whose app store is PostgreSQL (trust
 * authentication ignores it): the secret scan looks for it in everything the run recorded.
 */
export const E2E_DATABASE_PASSWORD = 'e2e-database-password-not-a-real-one';

/** Ports for tests that start their own app process (shutdown behaviour). */
export const OWN_PROCESS_PORTS = { app: portBase + 5, authlete: portBase + 6, otlp: portBase + 7 };

/**
 * The embedded e2e server announces its changes to a receiver that is never there (nothing
 * listens on this port): every change must still succeed at once, and the push authorization
 * must never show up in a log line or response (the secret scan).
 */
export const E2E_PUSH = {
  endpoint: `http://localhost:${portBase + 9}/events`,
  audience: 'https://receiver.e2e.example',
  authorization: 'Bearer e2e-push-authorization-not-a-real-one',
};
