/**
 * Event delivery as a receiver and an operator meet it: RFC 8935 push with
 * the right headers, 202/200 delivered, RFC 8935's 400 codes permanent,
 * everything else retried later with the same token (same jti), and the
 * crash sweep settling what a dead process left pending — over a real app
 * store on a SQLite file.
 */
import { describe, expect, it, vi } from 'vitest';
import { ABANDONED_AFTER_MS, settleAbandonedChanges } from '@/lib/changes/sweep';
import { retryDelayMs } from '@/lib/delivery/backoff';
import { pushEvent } from '@/lib/delivery/push';
import { createDeliveryWorker } from '@/lib/delivery/worker';
import { createEmbeddedStore } from '@/lib/embedded/embedded-store';
import type { GrantStore } from '@/lib/grants/grant-store';
import type { AppStore } from '@/lib/store/app-store';
import {
  grantService,
  personWithTvAndSignIn,
  testGrantIdOf,
} from '../support/grant-service-harness';
import { freshDatabase } from '../support/memory-db';
import { sqliteAppStoreForThisFile } from '../support/sqlite-app-store';
import { createWorld } from '../support/world';

type HistoryKind = Parameters<AppStore['history']['begin']>[0]['kind'];

vi.mock('@/lib/env', () => ({ logLevelSetting: () => 'silent' }));

const PUSH = {
  endpoint: 'https://receiver.example.com/events',
  authorization: 'Bearer push-secret',
  timeoutMs: 1_000,
};

const store = sqliteAppStoreForThisFile('delivery');

/** A receiver that answers each push with the next of `answers` and keeps what it was sent. */
function receiver(...answers: Array<() => Response>) {
  const received: { body: string; headers: Headers }[] = [];
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    received.push({ body: String(init.body), headers: new Headers(init.headers) });
    const next = answers.length > 1 ? answers.shift()! : answers[0]!;
    return next();
  }) as unknown as typeof fetch;
  return { fetchImpl, received };
}

const accepted = () => new Response(null, { status: 202 });

async function releasedEvent(token: string) {
  const historyId = await store.history.begin({
    subject: `s-${token}`,
    kind: 'app_removed',
    detail: { apps: [{ clientId: '1', name: 'App' }] },
    userAgent: '',
    txn: `txn-${token}`,
  });
  await store.outbox.enqueue(
    [{ jti: `jti-${token}`, txn: `txn-${token}`, historyId, event: token }],
    {
      held: false,
    },
  );
  return historyId;
}

describe('one push', () => {
  it('posts the SET as application/secevent+jwt with the Authorization header', async () => {
    const { fetchImpl, received } = receiver(accepted);
    expect(await pushEvent('a.b.c', PUSH, fetchImpl)).toEqual({ kind: 'delivered' });
    expect(received[0]!.body).toBe('a.b.c');
    expect(received[0]!.headers.get('content-type')).toBe('application/secevent+jwt');
    expect(received[0]!.headers.get('authorization')).toBe('Bearer push-secret');
  });

  it("treats RFC 8935's 400 codes as permanent and every other failure as worth retrying", async () => {
    const json = (status: number, body: unknown) => () =>
      new Response(JSON.stringify(body), { status });
    const cases: Array<[() => Response, string]> = [
      [json(400, { err: 'invalid_audience', description: 'not us' }), 'permanent'],
      [json(400, { err: 'invalid_key' }), 'permanent'],
      [json(400, { err: 'something_else' }), 'retry'],
      [json(503, {}), 'retry'],
      [json(401, {}), 'retry'],
      [() => new Response('ok', { status: 200 }), 'delivered'],
    ];
    for (const [answer, kind] of cases)
      expect((await pushEvent('t', PUSH, receiver(answer).fetchImpl)).kind).toBe(kind);
    const down = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    expect(await pushEvent('t', PUSH, down)).toEqual({
      kind: 'retry',
      error: 'no answer (TypeError)',
    });
  });

  it('backs off by doubling, within bounds', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(20_000);
    expect(retryDelayMs(50, () => 0.5)).toBe(600_000);
  });
});

describe('the delivery worker', () => {
  it('delivers due events once, retries a failed push later with the same token, and gives up on a refusal', async () => {
    const okId = await releasedEvent('ok');
    const flakyId = await releasedEvent('flaky');
    const refusedId = await releasedEvent('refused');
    const answers: Record<string, Array<() => Response>> = {
      ok: [accepted],
      flaky: [() => new Response('', { status: 503 }), accepted],
      refused: [() => new Response(JSON.stringify({ err: 'invalid_key' }), { status: 400 })],
    };
    const sent: string[] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      const token = String(init.body);
      sent.push(token);
      return answers[token]!.shift()!();
    }) as unknown as typeof fetch;
    const worker = createDeliveryWorker({
      outbox: store.outbox,
      push: PUSH,
      fetch: fetchImpl,
      random: () => 0,
    });

    expect(await worker.runOnce()).toEqual({ delivered: 1, retried: 1, failed: 1 });
    expect(await worker.runOnce()).toEqual({ delivered: 0, retried: 0, failed: 0 });
    const [flaky] = await store.outbox.forHistoryEntry(flakyId);
    expect(flaky).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 503' });
    expect(flaky!.nextAttemptAt).toBeGreaterThan(Date.now());

    // Due again: the same token goes out once more.
    const claimed = await store.outbox.claim({
      owner: 'test',
      leaseMs: 1_000,
      limit: 10,
      now: flaky!.nextAttemptAt,
    });
    expect(claimed.map((event) => event.jti)).toEqual(['jti-flaky']);
    expect(claimed[0]!.event).toBe('flaky');
    expect((await store.outbox.forHistoryEntry(okId))[0]!.status).toBe('delivered');
    expect((await store.outbox.forHistoryEntry(refusedId))[0]).toMatchObject({
      status: 'failed',
      lastError: 'invalid_key',
    });
    expect(sent.sort()).toEqual(['flaky', 'ok', 'refused']);
    expect(await store.outbox.stats()).toMatchObject({ failed: 1 });
  });
});

describe('the crash sweep', () => {
  /** A change to the apps named (clientId → name), begun long enough ago to count as abandoned. */
  function abandonedChange(
    subject: string,
    kind: HistoryKind,
    txn: string,
    apps: Record<string, string>,
  ) {
    return store.history.begin({
      subject,
      kind,
      detail: { apps: Object.entries(apps).map(([clientId, name]) => ({ clientId, name })) },
      userAgent: '',
      txn,
      createdAt: Date.now() - ABANDONED_AFTER_MS - 1_000,
    });
  }

  /** One sweep against `backend`; answers how many entries it settled. */
  const sweep = (backend: GrantStore) =>
    settleAbandonedChanges({
      history: store.history,
      outbox: store.outbox,
      backend,
      idOf: testGrantIdOf,
    });

  it('settles an entry left pending from what the backend shows, releasing only the events of apps done', async () => {
    const historyId = await abandonedChange('crashed', 'apps_removed', 'txn-crash', {
      '100': 'Gone',
      '200': 'Still there',
    });
    const token = (clientId: string) =>
      `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
        JSON.stringify({ sub_id: { application: { format: 'opaque', id: clientId } } }),
      ).toString('base64url')}.sig`;
    await store.outbox.enqueue(
      ['100', '200'].map((clientId) => ({
        jti: `crash-${clientId}`,
        txn: 'txn-crash',
        historyId,
        event: token(clientId),
      })),
      { held: true },
    );
    const backend = {
      getAuthorizedApp: async (_subject: string, clientId: string) =>
        clientId === '200' ? ({ clientId, tokens: [{ scopes: ['openid'] }] } as never) : null,
    } as unknown as GrantStore;

    expect(await sweep(backend)).toBe(1);
    const [entry] = (await store.history.listForSubject('crashed', { page: 1, size: 5 })).entries;
    expect(entry).toMatchObject({
      outcome: 'partial',
      results: [
        { clientId: '100', outcome: 'done' },
        { clientId: '200', outcome: 'failed' },
      ],
    });
    const events = await store.outbox.forHistoryEntry(historyId);
    expect(events.map((event) => [event.jti, event.status])).toEqual([['crash-100', 'pending']]);
    // Settled once: a second sweep (another instance) finds nothing to do.
    expect(await sweep(backend)).toBe(0);
  });

  it('settles an abandoned renewal stop as done once no grant can renew, failed while one still can', async () => {
    const historyId = await abandonedChange(
      'crashed-renewal',
      'renewal_stopped',
      'txn-crash-renewal',
      {
        '300': 'Stopped',
        '400': 'Still renews',
      },
    );
    const now = Date.now();
    const token = (refreshTokenExpiresAt: number) => ({
      scopes: ['openid'],
      accessTokenExpiresAt: now + 60_000,
      refreshTokenExpiresAt,
    });
    const backend = {
      getAuthorizedApp: async (_subject: string, clientId: string) =>
        ({
          clientId,
          tokens: [token(now - 1_000), ...(clientId === '400' ? [token(now + 60_000)] : [])],
        }) as never,
    } as unknown as GrantStore;

    expect(await sweep(backend)).toBe(1);
    const [entry] = (await store.history.listForSubject('crashed-renewal', { page: 1, size: 5 }))
      .entries;
    expect(entry).toMatchObject({
      id: historyId,
      outcome: 'partial',
      results: [
        { clientId: '300', outcome: 'done' },
        { clientId: '400', outcome: 'failed' },
      ],
    });
  });

  it('judges an abandoned change to one grant by that grant alone, found by the id its entry keeps', async () => {
    const db = freshDatabase();
    const world = createWorld(db);
    const backend = createEmbeddedStore(db);
    /** A person with a TV, a sign-in and a second sign-in that also holds profile. */
    const person = async () => {
      const { user, app } = personWithTvAndSignIn(world);
      world.grant(user, app, ['openid', 'profile'], 1);
      const grants = grantService(backend, user.subject);
      // Newest first: the second sign-in, the first, the TV.
      const [, signIn, tv] = (await grants.getGrants(app.clientId)).grants.map((grant) => ({
        label: grant.label ?? 'A sign-in',
        id: grant.id,
      }));
      return { user, app, grants, tv: tv!, signIn: signIn! };
    };
    const abandoned = (
      subject: string,
      kind: HistoryKind,
      app: { clientId: string; name: string },
      grant: { label: string; id: string },
      scopes: { scopesKept?: string[]; scopesRemoved?: string[] } = {},
    ) =>
      store.history.begin({
        subject,
        kind,
        detail: { apps: [{ clientId: app.clientId, name: app.name }], grant, ...scopes },
        userAgent: '',
        txn: `txn-${subject}-${kind}`,
        createdAt: Date.now() - ABANDONED_AFTER_MS - 1_000,
      });
    const outcomeOf = async (subject: string) =>
      (await store.history.listForSubject(subject, { page: 1, size: 5 })).entries.map((entry) => [
        entry.kind,
        entry.outcome,
      ]);

    // The crash came after the backend ended the grant: done, though the app's other grants live.
    const ended = await person();
    await abandoned(ended.user.subject, 'grant_removed', ended.app, ended.signIn);
    await ended.grants.endGrant(ended.app.clientId, ended.signIn.id);
    // The crash came before the call: the grant is still there, so it failed.
    const kept = await person();
    await abandoned(kept.user.subject, 'grant_removed', kept.app, kept.signIn);
    // The first sign-in narrowed: done, though the second sign-in still holds profile.
    const narrowed = await person();
    const narrowing = { scopesKept: ['openid'], scopesRemoved: ['profile'] };
    await abandoned(
      narrowed.user.subject,
      'grant_narrowed',
      narrowed.app,
      narrowed.signIn,
      narrowing,
    );
    await narrowed.grants.narrowGrant(narrowed.app.clientId, narrowed.signIn.id, ['openid']);
    // The TV stopped renewing: done.
    const stopped = await person();
    await abandoned(stopped.user.subject, 'renewal_stopped', stopped.app, stopped.tv);
    await stopped.grants.stopGrantRenewing(stopped.app.clientId, stopped.tv.id);

    expect(await sweep(backend)).toBe(4);
    expect(await outcomeOf(ended.user.subject)).toEqual([['grant_removed', 'done']]);
    expect(await outcomeOf(kept.user.subject)).toEqual([['grant_removed', 'failed']]);
    expect(await outcomeOf(narrowed.user.subject)).toEqual([['grant_narrowed', 'done']]);
    expect(await outcomeOf(stopped.user.subject)).toEqual([['renewal_stopped', 'done']]);
  });

  it('settles an abandoned grant narrowing recorded without the grant’s id as done once no grant holds what was removed, failed while one does', async () => {
    // An entry from before grants' ids were kept: the sweep cannot tell that grant from the app's
    // others (lib/changes/sweep.ts).
    const historyId = await store.history.begin({
      subject: 'crashed-grant',
      kind: 'grant_narrowed',
      detail: {
        apps: [
          { clientId: '500', name: 'Narrowed' },
          { clientId: '600', name: 'Another grant still holds it' },
        ],
        scopesKept: ['openid'],
        scopesRemoved: ['profile'],
        grant: { label: 'A sign-in' },
      },
      userAgent: '',
      txn: 'txn-crash-grant',
      createdAt: Date.now() - ABANDONED_AFTER_MS - 1_000,
    });
    const now = Date.now();
    const token = (scopes: string[]) => ({
      scopes,
      accessTokenExpiresAt: now + 60_000,
      refreshTokenExpiresAt: 0,
    });
    const backend = {
      getAuthorizedApp: async (_subject: string, clientId: string) =>
        ({
          clientId,
          tokens: [token(['openid']), ...(clientId === '600' ? [token(['profile'])] : [])],
        }) as never,
    } as unknown as GrantStore;

    expect(await sweep(backend)).toBe(1);
    const [entry] = (await store.history.listForSubject('crashed-grant', { page: 1, size: 5 }))
      .entries;
    expect(entry).toMatchObject({
      id: historyId,
      outcome: 'partial',
      results: [
        { clientId: '500', outcome: 'done' },
        { clientId: '600', outcome: 'failed' },
      ],
    });
  });
});
