/**
 * Runs the Authlete wire test server as its own process, for an e2e run:
 *   npx tsx tests/support/authlete-server/main.ts
 * configured by the same variables the app reads, so both can share one env:
 *   DATABASE_PATH                     the embedded database file to serve (required)
 *   PORT                              default 0 (a free port; the URL is printed)
 *   AUTHLETE_API_VERSION              V2 or V3 (default V3)
 *   AUTHLETE_SERVICE_APIKEY           v2 service API key / v3 service ID (required)
 *   AUTHLETE_SERVICE_APISECRET        v2 service API secret (required for V2)
 *   AUTHLETE_SERVICE_ACCESSTOKEN      v3 service access token (required for V3)
 *   AUTHLETE_SERVICEOWNER_APIKEY / AUTHLETE_SERVICEOWNER_APISECRET  v2, optional
 * Prints one JSON line `{"event":"authlete_test_server.listening","url":…}` once
 * it listens, and stops on SIGINT or SIGTERM.
 */
import path from 'node:path';
import { z } from 'zod';
import { openDatabase } from '../../../lib/embedded/database';
import { startAuthleteTestServer } from './server';

const envSchema = z
  .object({
    DATABASE_PATH: z.string().min(1),
    PORT: z.coerce.number().int().min(0).max(65535).default(0),
    AUTHLETE_API_VERSION: z.enum(['V2', 'V3']).default('V3'),
    AUTHLETE_SERVICE_APIKEY: z.string().min(1),
    AUTHLETE_SERVICE_APISECRET: z.string().min(1).optional(),
    AUTHLETE_SERVICE_ACCESSTOKEN: z.string().min(1).optional(),
    AUTHLETE_SERVICEOWNER_APIKEY: z.string().min(1).optional(),
    AUTHLETE_SERVICEOWNER_APISECRET: z.string().min(1).optional(),
  })
  .refine((env) => env.AUTHLETE_API_VERSION !== 'V2' || env.AUTHLETE_SERVICE_APISECRET, {
    message: 'required for V2',
    path: ['AUTHLETE_SERVICE_APISECRET'],
  })
  .refine((env) => env.AUTHLETE_API_VERSION !== 'V3' || env.AUTHLETE_SERVICE_ACCESSTOKEN, {
    message: 'required for V3',
    path: ['AUTHLETE_SERVICE_ACCESSTOKEN'],
  });

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues) {
    console.error(`authlete test server: ${issue.path.join('.')}: ${issue.message}`);
  }
  process.exit(1);
}

// An async function, not top-level await: tsx runs this file as CommonJS (the package has no "type").
async function main(env: z.output<typeof envSchema>) {
  const db = openDatabase(path.resolve(env.DATABASE_PATH));
  const server = await startAuthleteTestServer({
    db,
    version: env.AUTHLETE_API_VERSION,
    serviceApiKey: env.AUTHLETE_SERVICE_APIKEY,
    serviceApiSecret: env.AUTHLETE_SERVICE_APISECRET,
    serviceAccessToken: env.AUTHLETE_SERVICE_ACCESSTOKEN,
    serviceOwnerApiKey: env.AUTHLETE_SERVICEOWNER_APIKEY,
    serviceOwnerApiSecret: env.AUTHLETE_SERVICEOWNER_APISECRET,
    port: env.PORT,
  });
  console.log(
    JSON.stringify({
      event: 'authlete_test_server.listening',
      url: server.url,
      version: env.AUTHLETE_API_VERSION,
    }),
  );

  async function stop() {
    await server.close();
    db.close();
    process.exit(0);
  }
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(parsed.data).catch((error: unknown) => {
  console.error('authlete test server: failed to start:', error);
  process.exit(1);
});
