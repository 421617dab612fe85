/**
 * Two instances on one app store, in one process: two store connections (as
 * two servers would open), two change seams, two delivery workers, and a
 * receiver started here. A change recorded through one shows in the other's
 * history; the receiver gets exactly one SET per change, verifying against the
 * published key with the right type, subject, aud and jti; while the
 * receiver is down changes still complete and every event arrives once it is
 * back; and the write limit holds across both. Runs on a shared SQLite file
 * and on PostgreSQL (a server where one answers, else PGlite).
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createChangeRecorder, type ChangeEvents } from '@/lib/changes/recorder';
import { createDeliveryWorker } from '@/lib/delivery/worker';
import { SESSION_REVOKED } from '@/lib/events/caep';
import { signSecurityEvent, type TransmitterSettings } from '@/lib/events/security-event';
import { loadSigningKey } from '@/lib/events/signing-key';
import { createAppStore, type AppStore } from '@/lib/store/app-store';
import type { StoreTarget } from '@/lib/store/target';
import { startTestPostgres, type TestPostgres } from '../support/test-postgres';

vi.mock('@/lib/env', () => ({ logLevelSetting: () => 'silent' }));

/** A receiver that records what it accepts; `down` makes it answer 503. */
async function startReceiver() {
  const received: { token: string; authorization: string | undefined; type: string | undefined }[] =
    [];
  let down = false;
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (down) return void response.writeHead(503).end();
      received.push({
        token: body,
        authorization: request.headers.authorization,
        type: request.headers['content-type'],
      });
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    received,
    setDown: (value: boolean) => void (down = value),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function twoInstanceSuite(label: string, target: () => Promise<StoreTarget>) {
  describe(`two instances on one ${label}`, () => {
    let stores: AppStore[];
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let settings: TransmitterSettings;

    beforeAll(async () => {
      const shared = await target();
      stores = [createAppStore(shared), createAppStore(shared)];
      await Promise.all(stores.map((store) => store.migrate()));
      receiver = await startReceiver();
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      settings = {
        issuer: 'https://apps.example.com',
        audience: 'https://receiver.example.com',
        subjectIssuer: 'https://login.example.com',
        key: await loadSigningKey(JSON.stringify(privateKey.export({ format: 'jwk' }))),
      };
    }, 60_000);
    afterAll(async () => {
      await receiver?.close();
      await Promise.all((stores ?? []).map((store) => store.close()));
    });

    const events = (): ChangeEvents => ({
      issue: async ({ subject, txn, kind, apps }) =>
        Promise.all(
          apps.map(async (app) => ({
            clientId: app.clientId,
            ...(await signSecurityEvent(settings, {
              kind,
              subject,
              clientId: app.clientId,
              txn,
              at: Date.now(),
            })),
          })),
        ),
      released: () => {},
    });
    const recorder = (store: AppStore, subject: string) =>
      createChangeRecorder({
        subject,
        userAgent: 'Firefox 128 on Linux',
        history: store.history,
        outbox: store.outbox,
        events: events(),
      });
    const workers = () =>
      stores.map((store) =>
        createDeliveryWorker({
          outbox: store.outbox,
          push: { endpoint: receiver.url, authorization: 'Bearer two-instances', timeoutMs: 2_000 },
          random: () => 0,
        }),
      );

    it('shares history, sends each event exactly once, and catches up after the receiver was down', async () => {
      const subject = `person-${label}-${Date.now()}`;
      const removeOn = (store: AppStore, clientIds: string[]) =>
        recorder(store, subject).record(
          {
            operation: 'revokeApps',
            kind: 'apps_removed',
            apps: clientIds.map((clientId) => ({ clientId, name: `App ${clientId}` })),
          },
          async () => ({
            value: undefined,
            results: clientIds.map((clientId) => ({ clientId, outcome: 'done' as const })),
          }),
        );

      receiver.setDown(true);
      // Changes complete at once with the receiver down.
      const started = Date.now();
      await removeOn(stores[0]!, ['101', '102']);
      await removeOn(stores[1]!, ['103']);
      expect(Date.now() - started).toBeLessThan(5_000);
      const [first, second] = workers();
      await Promise.all([first!.runOnce(), second!.runOnce()]);
      expect(receiver.received).toEqual([]);

      // A change on one instance is in the other's history.
      const seen = await stores[1]!.history.listForSubject(subject, { page: 1, size: 10 });
      expect(seen.entries.map((entry) => entry.detail.apps.map((app) => app.clientId))).toEqual([
        ['103'],
        ['101', '102'],
      ]);

      // Back up: every event arrives, each exactly once, whichever worker sends it.
      receiver.setDown(false);
      // The failed pushes wait out their backoff (4 s for the first retry here), then go out.
      for (let round = 0; round < 5 && receiver.received.length < 3; round++) {
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        await Promise.all(workers().map((worker) => worker.runOnce()));
      }
      expect(receiver.received).toHaveLength(3);
      const keys = createLocalJWKSet({ keys: [settings.key.publicJwk as JWK] });
      const verified = await Promise.all(
        receiver.received.map(async ({ token, authorization, type }) => {
          expect(authorization).toBe('Bearer two-instances');
          expect(type).toBe('application/secevent+jwt');
          return jwtVerify(token, keys, {
            issuer: settings.issuer,
            audience: 'https://receiver.example.com',
            typ: 'secevent+jwt',
          });
        }),
      );
      const jtis = verified.map(({ payload }) => payload.jti);
      expect(new Set(jtis).size).toBe(3);
      const outboxJtis = (
        await Promise.all(seen.entries.map((entry) => stores[1]!.outbox.forHistoryEntry(entry.id)))
      )
        .flat()
        .map((event) => event.jti);
      expect(new Set(jtis)).toEqual(new Set(outboxJtis));
      for (const { payload } of verified) {
        expect(payload).not.toHaveProperty('sub');
        expect(payload).not.toHaveProperty('exp');
        expect(payload.events).toHaveProperty([SESSION_REVOKED]);
        expect(payload.sub_id).toMatchObject({
          format: 'complex',
          user: { format: 'iss_sub', iss: 'https://login.example.com', sub: subject },
          application: { format: 'opaque' },
        });
      }
      // The two events of the bulk change share its txn.
      const txns = verified.map(({ payload }) => payload.txn);
      expect(new Set(txns).size).toBe(2);
    }, 90_000);

    it('counts the write limit across both instances', async () => {
      const name = `write-${Date.now()}`;
      const limiters = stores.map((store) =>
        store.limiter({ name, points: 3, durationSeconds: 60 }),
      );
      const key = `person-${label}`;
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await limiters[i % 2]!.take(key));
      expect(answers.map((answer) => answer.ok)).toEqual([true, true, true, false]);
    });
  });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-two-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
twoInstanceSuite('SQLite file', async () => ({
  kind: 'sqlite',
  path: path.join(dir, 'shared.sqlite'),
}));

let postgres: TestPostgres | undefined;
afterAll(async () => postgres?.stop());
twoInstanceSuite('PostgreSQL database', async () => {
  postgres = await startTestPostgres();
  return { kind: 'postgres', url: postgres.url };
});
