/**
 * Where the e2e servers run: their own ports and database files, so a running
 * `npm start` never shares state with a test run. Three app servers are started
 * from the same build: one on the embedded backend, two in Authlete mode — over
 * its v3 and its v2 API — (talking to the Authlete wire test servers, signing
 * people in through a test OpenID Provider). Tests that start app processes of
 * their own take free ports (tests/support/own-server.ts).
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
 * The same far side over Authlete's v2 API, for the second Authlete-mode app: its own Authlete
 * test server (v2 paths and Basic credentials) over the same database, so the same people sign
 * in at the same OpenID Provider. See `authleteStacks` for what the specs read.
 */
export const AUTHLETE_MODE_V2 = {
  appPort: portBase + 5,
  appUrl: `http://localhost:${portBase + 5}`,
  authletePort: portBase + 6,
  authleteUrl: `http://localhost:${portBase + 6}`,
  serviceApiKey: '5432109876',
  serviceApiSecret: 'e2e-v2-service-api-secret-not-a-real-one',
  // v2 reads the scopes' descriptions (the permissions' wording) only with the service owner's
  // credentials (docs/authlete.md#service-scopes); an operator who wants them gives these.
  serviceOwnerApiKey: '1122334455',
  serviceOwnerApiSecret: 'e2e-v2-service-owner-secret-not-a-real-one',
};

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** One Authlete-mode app and its far side, as a spec sees it (the `authleteStack` fixture). */
export type AuthleteStack = {
  version: 'V2' | 'V3';
  appUrl: string;
  authleteUrl: string;
  oidcIssuer: string;
  /** where every management call goes: v3 names the service in the path, v2 only in credentials */
  apiPrefix: string;
  /** the Authorization header Authlete must get: v3 a bearer token, v2 the API key and secret */
  authorization: string;
  /** v2 only: the service owner's, for `/service/get/{apiKey}` (the scope descriptions) */
  ownerAuthorization: string | null;
  /** the secret in those credentials, which no log line may show */
  credentialSecret: string;
  /** the app's server log (tests/support/recording.ts) */
  appLog: string;
  /**
   * v3 (Authlete 3.0) reports the scopes tied to a token's renewal; v2 has no such field, so the
   * app cannot warn that renewal may bring a removed permission back (docs/authlete.md#refresh-token-scopes).
   */
  reportsRenewalScopes: boolean;
};

export const AUTHLETE_STACKS: Record<'V2' | 'V3', AuthleteStack> = {
  V3: {
    version: 'V3',
    appUrl: AUTHLETE_MODE.appUrl,
    authleteUrl: AUTHLETE_MODE.authleteUrl,
    oidcIssuer: AUTHLETE_MODE.oidcIssuer,
    apiPrefix: `/api/${AUTHLETE_MODE.serviceId}`,
    authorization: `Bearer ${AUTHLETE_MODE.serviceAccessToken}`,
    ownerAuthorization: null,
    credentialSecret: AUTHLETE_MODE.serviceAccessToken,
    appLog: 'authlete-app',
    reportsRenewalScopes: true,
  },
  V2: {
    version: 'V2',
    appUrl: AUTHLETE_MODE_V2.appUrl,
    authleteUrl: AUTHLETE_MODE_V2.authleteUrl,
    oidcIssuer: AUTHLETE_MODE.oidcIssuer,
    apiPrefix: '/api',
    authorization: basic(AUTHLETE_MODE_V2.serviceApiKey, AUTHLETE_MODE_V2.serviceApiSecret),
    ownerAuthorization: basic(
      AUTHLETE_MODE_V2.serviceOwnerApiKey,
      AUTHLETE_MODE_V2.serviceOwnerApiSecret,
    ),
    credentialSecret: AUTHLETE_MODE_V2.serviceApiSecret,
    appLog: 'authlete-v2-app',
    reportsRenewalScopes: false,
  },
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
