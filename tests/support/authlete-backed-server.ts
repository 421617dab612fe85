/**
 * An own server (own-server.ts) in front of an Authlete test server of the test's own: the
 * Authlete API v3 server over the test's database, and the settings that point the app at it.
 */
import type { Db } from '../../lib/embedded/database';
import { startAuthleteTestServer } from './authlete-server';
import { E2E_AUTH_SECRET } from './e2e-env';

type AuthleteBacking = {
  /** the database the Authlete test server keeps its grants in */
  db: Db;
  serviceId: string;
  serviceAccessToken: string;
  /** the app's own SQLite file (its demo people and app store) */
  databasePath: string;
  authSecret?: string;
};

/**
 * Starts the Authlete test server; returns it with the settings an own server on `port` needs
 * to run on it, with the demo sign-in on.
 */
export async function startAuthleteFor(
  port: number,
  {
    db,
    serviceId,
    serviceAccessToken,
    databasePath,
    authSecret = E2E_AUTH_SECRET,
  }: AuthleteBacking,
) {
  const authlete = await startAuthleteTestServer({
    db,
    version: 'V3',
    serviceApiKey: serviceId,
    serviceAccessToken,
  });
  const env = {
    AUTH_URL: `http://localhost:${port}`,
    AUTH_SECRET: authSecret,
    DATABASE_PATH: databasePath,
    AUTHLETE_BASE_URL: authlete.url,
    AUTHLETE_SERVICE_APIKEY: serviceId,
    AUTHLETE_SERVICE_ACCESSTOKEN: serviceAccessToken,
    AUTH_DEMO_LOGIN: 'true',
  };
  return { authlete, env };
}
