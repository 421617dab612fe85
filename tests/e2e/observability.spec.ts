/**
 * Traces and metrics as an operator receives them: the built app, started as
 * `npm start` starts it in Authlete mode, exports over OTLP (the standard
 * OTEL_EXPORTER_OTLP_* variables) to a receiver in this test, and answers a
 * Prometheus scrape at /api/metrics. A person signs in, searches their apps
 * (with a 503 from Authlete on the way, so one call is retried), and someone
 * else guesses passwords until the sign-in limit refuses them. Then: the spans
 * and series an operator looks for are there, and no span, attribute or label
 * carries the person's subject, login or password, a search, any query
 * string, or a secret.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { encode } from 'next-auth/jwt';
import { openDatabase } from '../../lib/embedded/database';
import { startAuthleteFor } from '../support/authlete-backed-server';
import { E2E_AUTH_SECRET } from '../support/e2e-env';
import { freePort } from '../support/free-port';
import { startOtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { startOwnServer } from '../support/own-server';
import { createWorld } from '../support/world';

const SERVICE_ID = '1001';
const SECRETS = {
  serviceToken: 'observability-test-service-token',
  metricsToken: 'observability-test-metrics-token',
  otlpHeader: 'observability-test-otlp-header-secret',
  authSecret: E2E_AUTH_SECRET,
};
const SEARCH = 'needle-search-term';
const GUESSED_LOGIN = 'mallory-guessed-login';
const SERVER = 2;
const CLIENT = 3;

test('spans and metrics reach OTLP and the scrape, with nothing about a person or a secret in them', async ({
  playwright,
}) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-observability-'));
  // One file for the app (its demo people and app store) and the Authlete test server (grants):
  // the person signs in with a password and Authlete knows their subject.
  const file = path.join(dir, 'shared.sqlite');
  const db = openDatabase(file);
  const world = createWorld(db);
  const alice = world.createPerson('Alice');
  const photos = world.createApp({ name: 'Photo Printer' });
  world.grant(alice, photos, ['openid', 'profile', 'photos.read']);

  const receiver = await startOtlpReceiver(await freePort());
  const port = await freePort();
  const { authlete, env } = await startAuthleteFor(port, {
    db,
    serviceId: SERVICE_ID,
    serviceAccessToken: SECRETS.serviceToken,
    databasePath: file,
    authSecret: SECRETS.authSecret,
  });
  const app = startOwnServer(port, {
    ...env,
    METRICS_TOKEN: SECRETS.metricsToken,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer ${SECRETS.otlpHeader}`,
    OTEL_SERVICE_NAME: 'connected-apps-observability-test',
    // Export soon rather than every 5 s (spans) and 60 s (metrics): the test waits for them.
    OTEL_BSP_SCHEDULE_DELAY: '200',
    OTEL_METRIC_EXPORT_INTERVAL: '1000',
  });
  const request = await playwright.request.newContext({ baseURL: app.url });
  try {
    await app.ready();

    // Alice's session, as the sign-in would make it; her list, with Authlete's token list failing
    // once (503) so that call is retried; then her list searched.
    const session = await encode({
      token: { sub: alice.subject, name: alice.displayName, signedInAt: Date.now() },
      secret: SECRETS.authSecret,
      salt: 'authjs.session-token',
    });
    authlete.injectFault({
      operation: 'token.list',
      fault: { type: 'status', status: 503 },
      times: 1,
    });
    const cookie = { cookie: `authjs.session-token=${session}` };
    expect((await request.get('/apps?sort=oldest', { headers: cookie })).status()).toBe(200);
    // A search: a name filter, answered from the list alone (no token reads for no match).
    const list = await request.get(`/apps?q=${SEARCH}&sort=oldest`, { headers: cookie });
    expect(list.status()).toBe(200);
    // The page asked Authlete about Alice: her subject was on the wire, the telemetry must not show it.
    expect(
      authlete.requests().filter((call) => JSON.stringify(call).includes(alice.subject)),
    ).not.toEqual([]);
    expect((await request.get('/api/ready')).status()).toBe(200);
    // A path no route serves, with a query.
    expect((await request.get(`/nowhere/${SEARCH}?q=${SEARCH}`)).status()).toBe(404);

    // Someone guesses passwords for one login until the limit (10 a minute) refuses them.
    for (let guess = 0; guess < 11; guess++) {
      const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as {
        csrfToken: string;
      };
      await request.post('/api/auth/callback/credentials', {
        form: { csrfToken, login: GUESSED_LOGIN, password: `guess-${guess}`, callbackUrl: '/apps' },
        maxRedirects: 0,
      });
    }

    // The traces an operator looks for.
    const spanNamed = (name: string, where: (span: ReceivedSpan) => boolean = () => true) =>
      expect
        .poll(() => receiver.spans().filter((span) => span.name === name && where(span)), {
          timeout: 30_000,
        })
        .not.toEqual([]);
    await spanNamed(
      'GET /apps',
      (span) => span.kind === SERVER && span.attributes['http.status_code'] === 200,
    );
    await spanNamed('GET /api/ready', (span) => span.kind === SERVER);
    await spanNamed(
      'Authlete POST /client/authorization/get/list',
      (span) =>
        span.kind === CLIENT &&
        span.attributes['http.request.method'] === 'POST' &&
        span.attributes['http.response.status_code'] === 200 &&
        span.attributes['authlete.attempt'] === 1,
    );
    // The retried call: a first attempt answered 503, a second one 200.
    await spanNamed(
      'Authlete GET /auth/token/get/list',
      (span) =>
        span.attributes['authlete.attempt'] === 1 &&
        span.attributes['http.response.status_code'] === 503 &&
        span.statusCode === 2,
    );
    await spanNamed(
      'Authlete GET /auth/token/get/list',
      (span) =>
        span.attributes['authlete.attempt'] === 2 &&
        span.attributes['http.response.status_code'] === 200,
    );
    await spanNamed('Authlete GET /service/configuration');
    // OTEL_EXPORTER_OTLP_HEADERS reached the receiver: the exporter uses the operator's header.
    expect(receiver.headers().map((headers) => headers.authorization)).toContain(
      `Bearer ${SECRETS.otlpHeader}`,
    );

    // The metrics, pushed over OTLP…
    await expect
      .poll(receiver.metricNames, { timeout: 30_000 })
      .toEqual(
        expect.arrayContaining([
          'http.server.request.duration',
          'authlete.call.duration',
          'authlete.call.retries',
          'app.limiter.refusals',
        ]),
      );

    // …and scraped.
    const scrape = await request.get('/api/metrics', {
      headers: { authorization: `Bearer ${SECRETS.metricsToken}` },
    });
    expect(scrape.status()).toBe(200);
    expect(scrape.headers()['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = await scrape.text();
    const series = (pattern: RegExp) =>
      metrics.split('\n').filter((line) => !line.startsWith('#') && pattern.test(line));
    expect(
      series(
        /^http_server_request_duration_seconds_count\{.*http_route="\/apps".*http_response_status_code="200".*\} [1-9]/,
      ),
    ).not.toEqual([]);
    expect(
      series(
        /^authlete_call_duration_seconds_count\{.*authlete_operation="GET \/auth\/token\/get\/list".*outcome="ok".*\} [1-9]/,
      ),
    ).not.toEqual([]);
    expect(
      series(
        /^authlete_call_retries_total\{.*authlete_operation="GET \/auth\/token\/get\/list".*\} 1$/,
      ),
    ).not.toEqual([]);
    expect(
      series(
        /^http_server_request_duration_seconds_count\{.*http_response_status_code="404".*\} 1$/,
      ),
    ).toHaveLength(1);
    // Each request counted once: Next's outer span of every request (no route) is not counted.
    expect(series(/http_route="unmatched"/)).toEqual([]);
    expect(series(/^app_limiter_refusals_total\{.*limit="sign_in".*\} [1-9]/)).not.toEqual([]);

    // Nothing about a person, no query and no secret, anywhere an operator's tools would see it.
    const exported = [...receiver.bodies(), metrics].join('\n');
    for (const forbidden of [
      alice.subject,
      alice.login,
      alice.password,
      alice.displayName,
      SEARCH,
      GUESSED_LOGIN,
      session,
      ...Object.values(SECRETS),
    ])
      expect(exported, forbidden).not.toContain(forbidden);
    const values = receiver
      .spans()
      .flatMap((span) => [span.name, ...Object.values(span.attributes).map(String)]);
    expect(values.filter((value) => value.includes('?'))).toEqual([]);
    expect(values.filter((value) => /^https?:/.test(value))).toEqual([]);
    for (const secret of [SECRETS.metricsToken, SECRETS.otlpHeader, SECRETS.serviceToken])
      expect(app.output()).not.toContain(secret);
  } finally {
    await request.dispose();
    await app.stop();
    await receiver.close();
    await authlete.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
