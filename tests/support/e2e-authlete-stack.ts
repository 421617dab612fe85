/**
 * The far side of the Authlete-mode e2e app, in one process: the Authlete
 * wire test server (V3) and the test OpenID Provider, over one fresh database,
 * and an OTLP receiver that prints every export it gets as a log line, so the
 * secret scan reads the app's spans and metrics too.
 * Started by Playwright as a web server; stops on SIGTERM.
 */
import fs from 'node:fs';
import { openDatabase } from '../../lib/embedded/database';
import { ensureScopeCatalogue } from '../../lib/embedded/seed';
import { startAuthleteTestServer } from './authlete-server';
import { AUTHLETE_MODE } from './e2e-env';
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
  const oidc = await startTestOpenIdProvider({
    db,
    port: AUTHLETE_MODE.oidcPort,
    clientId: AUTHLETE_MODE.oidcClientId,
    clientSecret: AUTHLETE_MODE.oidcClientSecret,
    redirectUri: `${AUTHLETE_MODE.appUrl}/api/auth/callback/oidc`,
    postLogoutRedirectUri: `${AUTHLETE_MODE.appUrl}/signed-out`,
  });
  const otlp = await startOtlpReceiver(AUTHLETE_MODE.otlpPort, (path, body) =>
    console.log(JSON.stringify({ event: 'otlp.received', path, body })),
  );
  console.log(
    JSON.stringify({
      event: 'e2e_authlete_stack.listening',
      authlete: authlete.url,
      oidc: oidc.issuer,
    }),
  );
  const stop = async () => {
    await Promise.all([authlete.close(), oidc.close(), otlp.close()]);
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
