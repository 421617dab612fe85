/**
 * Probes that do not hammer Authlete: the built app, started as `npm start`
 * starts it, in front of an Authlete test server that counts every call.
 * /api/health never calls out; /api/ready asks Authlete once per
 * READY_CHECK_SECONDS however many probes come, still turns 503 when Authlete
 * fails, and logs why once per change rather than once per probe.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openDatabase, type Db } from '../../lib/embedded/database';
import type { AuthleteTestServer } from '../support/authlete-server';
import { startAuthleteFor } from '../support/authlete-backed-server';
import { freePort } from '../support/free-port';
import { startOwnServer, type OwnServer } from '../support/own-server';

const SERVICE_ID = '1001';
const TOKEN = 'readiness-test-service-token';

type Stack = { app: OwnServer; authlete: AuthleteTestServer; stop: () => Promise<void> };

async function startStack(readyCheckSeconds: number): Promise<Stack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-readiness-'));
  const db: Db = openDatabase(path.join(dir, 'authlete.sqlite'));
  const port = await freePort();
  const { authlete, env } = await startAuthleteFor(port, {
    db,
    serviceId: SERVICE_ID,
    serviceAccessToken: TOKEN,
    databasePath: path.join(dir, 'app.sqlite'),
  });
  const app = startOwnServer(port, {
    ...env,
    AUTHLETE_TIMEOUT_MS: '2000',
    READY_CHECK_SECONDS: String(readyCheckSeconds),
  });
  return {
    app,
    authlete,
    stop: async () => {
      await app.stop();
      await authlete.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const statusOf = async (url: string) => (await fetch(url)).status;

/** The log lines (JSON) whose `msg` is `event`. */
function lines(app: OwnServer, event: string): Record<string, unknown>[] {
  return app
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === event);
}

test('health never calls Authlete, and a hundred readiness probes cost one call', async () => {
  test.setTimeout(90_000);
  // An interval far longer than the test: every probe after the first is answered from it.
  const { app, authlete, stop } = await startStack(300);
  try {
    await app.ready();
    for (let probe = 0; probe < 20; probe++) {
      expect(await statusOf(`${app.url}/api/health`)).toBe(200);
    }
    expect(authlete.requests()).toEqual([]);

    const together = await Promise.all(
      Array.from({ length: 50 }, () => statusOf(`${app.url}/api/ready`)),
    );
    const oneByOne: number[] = [];
    for (let probe = 0; probe < 50; probe++) oneByOne.push(await statusOf(`${app.url}/api/ready`));
    expect(new Set([...together, ...oneByOne])).toEqual(new Set([200]));
    expect(authlete.requests().map((request) => request.operation)).toEqual([
      'service.configuration',
    ]);
    expect(lines(app, 'ready.ready')).toHaveLength(1);
  } finally {
    await stop();
  }
});

test('readiness turns 503 when Authlete fails and back when it recovers, logging each change once', async () => {
  test.setTimeout(120_000);
  const { app, authlete, stop } = await startStack(1);
  const ready = () => statusOf(`${app.url}/api/ready`);
  /** Probes until `status`, then a few more, so several checks see the same state. */
  async function probeUntil(status: number) {
    await expect.poll(ready, { timeout: 30_000, intervals: [200] }).toBe(status);
    const checksBefore = authlete.requests().length;
    await expect
      .poll(
        async () => {
          expect(await ready()).toBe(status);
          return authlete.requests().length - checksBefore;
        },
        { timeout: 30_000, intervals: [300] },
      )
      .toBeGreaterThanOrEqual(3);
  }
  try {
    await app.ready();
    await probeUntil(200);
    authlete.injectFault({
      operation: 'service.configuration',
      fault: { type: 'status', status: 503 },
    });
    await probeUntil(503);
    authlete.clearFaults();
    await probeUntil(200);

    // Many checks ran in each state; the log changed its mind exactly twice after the first.
    expect(lines(app, 'ready.backend_unreachable')).toEqual([
      expect.objectContaining({ level: 'warn', error: expect.objectContaining({ status: 503 }) }),
    ]);
    expect(lines(app, 'ready.ready').map((line) => line.recovered)).toEqual([false, true]);
    expect(app.output()).not.toContain(TOKEN);
  } finally {
    await stop();
  }
});
