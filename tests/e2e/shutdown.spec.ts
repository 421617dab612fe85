/**
 * SIGTERM lets in-flight requests finish: this test starts its own app
 * process (exactly as `npm start` does) in front of an Authlete test server
 * whose answers are slow, sends SIGTERM while a request is in flight, and
 * checks that the request still gets its answer and the process exits — after
 * exporting the spans and metrics it still held to the OTLP receiver
 * (lib/telemetry/flush-on-exit.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { openDatabase } from '../../lib/embedded/database';
import { startAuthleteFor } from '../support/authlete-backed-server';
import { freePort } from '../support/free-port';
import { startOtlpReceiver } from '../support/otlp-receiver';
import { startOwnServer } from '../support/own-server';

const SERVER = 2;
const CLIENT = 3;

test('SIGTERM finishes the request in flight, exports its span, then the server exits', async () => {
  test.setTimeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-shutdown-'));
  const db = openDatabase(path.join(dir, 'authlete.sqlite'));
  const receiver = await startOtlpReceiver(await freePort());
  const port = await freePort();
  const { authlete, env } = await startAuthleteFor(port, {
    db,
    serviceId: '1001',
    serviceAccessToken: 'shutdown-test-token',
    databasePath: path.join(dir, 'app.sqlite'),
  });
  const app = startOwnServer(port, {
    ...env,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    // Nothing is exported on schedule during the test: what arrives, the shutdown sent.
    OTEL_BSP_SCHEDULE_DELAY: '600000',
    OTEL_METRIC_EXPORT_INTERVAL: '600000',
  });
  try {
    await app.ready();

    // Readiness asks Authlete, which now takes 1.5 s to answer.
    authlete.injectFault({
      operation: 'service.configuration',
      fault: { type: 'delay', ms: 1500 },
    });
    const inFlight = fetch(`${app.url}/api/ready`);
    await expect.poll(() => authlete.requests().length).toBeGreaterThan(0);
    app.kill('SIGTERM');

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready' });
    // Next exits with 128 + SIGTERM's number once nothing is left in flight.
    expect(await app.exited).toBe(143);
    await expect(fetch(`${app.url}/api/health`)).rejects.toThrow();

    // The request answered during the shutdown, and the Authlete call it made, reached the
    // collector before the process exited; so did the metrics since the last (never) export.
    const spans = receiver.spans();
    expect(spans).toContainEqual(
      expect.objectContaining({
        name: 'GET /api/ready',
        kind: SERVER,
        attributes: expect.objectContaining({ 'http.status_code': 200 }),
      }),
    );
    expect(spans).toContainEqual(
      expect.objectContaining({ name: 'Authlete GET /service/configuration', kind: CLIENT }),
    );
    expect(receiver.metricNames()).toEqual(
      expect.arrayContaining(['http.server.request.duration', 'authlete.call.duration']),
    );
  } finally {
    await app.stop();
    await receiver.close();
    await authlete.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
