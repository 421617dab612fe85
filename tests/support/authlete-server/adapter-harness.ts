/**
 * A test server over a fresh in-memory database, and an Authlete adapter
 * pointed at it with matching credentials, so a test can make data with the
 * world builders and then watch what the adapter sends and returns.
 */
import { randomBytes } from 'node:crypto';
import { createAuthleteStore, type AuthleteStoreOptions } from '../../../lib/authlete';
import type { Db } from '../../../lib/embedded/database';
import { freshDatabase } from '../memory-db';
import { createWorld } from '../world';
import type { ApiVersion } from './routes';
import { startAuthleteTestServer, type AuthleteTestServerOptions } from './server';

export type HarnessOverrides = {
  store?: Partial<AuthleteStoreOptions>;
  server?: Partial<Omit<AuthleteTestServerOptions, 'db' | 'version'>>;
};

export async function startAdapterHarness(version: ApiVersion, overrides: HarnessOverrides = {}) {
  const db: Db = freshDatabase();
  const credentials = {
    serviceApiKey: '4711000001',
    serviceApiSecret: `secret-${randomBytes(8).toString('hex')}`,
    serviceAccessToken: `token-${randomBytes(8).toString('hex')}`,
    serviceOwnerApiKey: '4711',
    serviceOwnerApiSecret: `owner-${randomBytes(8).toString('hex')}`,
  };
  const server = await startAuthleteTestServer({
    db,
    version,
    ...credentials,
    ...overrides.server,
  });
  const storeOptions: AuthleteStoreOptions = {
    baseUrl: server.url,
    apiVersion: version,
    serviceApiKey: credentials.serviceApiKey,
    ...(version === 'V2'
      ? {
          serviceApiSecret: credentials.serviceApiSecret,
          serviceOwnerApiKey: credentials.serviceOwnerApiKey,
          serviceOwnerApiSecret: credentials.serviceOwnerApiSecret,
        }
      : { serviceAccessToken: credentials.serviceAccessToken }),
    timeoutMs: 2000,
    ...overrides.store,
  };
  return {
    db,
    world: createWorld(db),
    server,
    credentials,
    storeOptions,
    store: createAuthleteStore(storeOptions),
    /** Another adapter on the same server, e.g. with other options. */
    storeWith: (options: Partial<AuthleteStoreOptions>) =>
      createAuthleteStore({ ...storeOptions, ...options }),
    async close() {
      await server.close();
      db.close();
    },
  };
}

export type AdapterHarness = Awaited<ReturnType<typeof startAdapterHarness>>;
