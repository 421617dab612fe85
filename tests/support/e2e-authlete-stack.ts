/**
 * The far side of the Authlete-mode e2e apps, in one process: the Authlete
 * wire test servers (one V3, one V2) and the test OpenID Provider both apps
 * sign people in at, over one fresh database,
 * and an OTLP receiver that prints every export it gets as a log line, so the
 * secret scan reads the app's spans and metrics too.
 * Started by Playwright as a web server; stops on SIGTERM.
 */
import fs from 'node:fs';
import { openDatabase } from '../../lib/embedded/database';
import { ensureScopeCatalogue } from '../../lib/embedded/seed';
import { startAuthleteTestServer } from './authlete-server';
import { AUTHLETE_MODE, AUTHLETE_MODE_V2 } from './e2e-env';
import { startTestOpenIdProvider } from './oidc-provider';
import { startOtlpReceiver } from './otlp-receiver';

async function main() {
  for (const suffix of ['', '-wal', '-shm'])
    fs.rmSync(`${AUTHLETE_MODE.databasePath}${suffix}`, { force: true });
  const db = openDatabase(AUTHLETE_MODE.databasePath);
  ensureScopeCatalogue(db);
  const authlete = await startAuthleteTestServer({
    db,
    version: 'V3',
    serviceApiKey: AUTHLETE_MODE.serviceId,
    serviceAccessToken: AUTHLETE_MODE.serviceAccessToken,
    port: AUTHLETE_MODE.authletePort,
  });
  const authleteV2 = await startAuthleteTestServer({
    db,
    version: 'V2',
    serviceApiKey: AUTHLETE_MODE_V2.serviceApiKey,
    serviceApiSecret: AUTHLETE_MODE_V2.serviceApiSecret,
    serviceOwnerApiKey: AUTHLETE_MODE_V2.serviceOwnerApiKey,
    serviceOwnerApiSecret: AUTHLETE_MODE_V2.serviceOwnerApiSecret,
    port: AUTHLETE_MODE_V2.authletePort,
  });
  const oidc = await startTestOpenIdProvider({
    db,
    port: AUTHLETE_MODE.oidcPort,
    clientId: AUTHLETE_MODE.oidcClientId,
    clientSecret: AUTHLETE_MODE.oidcClientSecret,
    redirectUri: `${AUTHLETE_MODE.appUrl}/api/auth/callback/oidc`,
    postLogoutRedirectUri: `${AUTHLETE_MODE.appUrl}/signed-out`,
    otherAppUrls: [AUTHLETE_MODE_V2.appUrl],
  });
  const otlp = await startOtlpReceiver(AUTHLETE_MODE.otlpPort, (path, body) =>
    console.log(JSON.stringify({ event: 'otlp.received', path, body })),
  );
  console.log(
    JSON.stringify({
      event: 'e2e_authlete_stack.listening',
      authlete: authlete.url,
      authleteV2: authleteV2.url,
      oidc: oidc.issuer,
    }),
  );
  const stop = async () => {
    await Promise.all([authlete.close(), authleteV2.close(), oidc.close(), otlp.close()]);
    db.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
