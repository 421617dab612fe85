/**
 * One suite for the app store, run on each database it supports
 * (sqlite.test.ts, postgres.test.ts): migrations, history, the event outbox
 * and the limits, as their callers — the change seam, the history page, the
 * delivery workers, the actions — meet them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppStore, type AppStore } from '@/lib/store/app-store';
import type { ConnectOptions } from '@/lib/store/connect';
import { StoreStartError } from '@/lib/store/errors';
import type { NewHistoryEntry } from '@/lib/store/history';
import type { NewEvent } from '@/lib/store/outbox';
import type { StoreTarget } from '@/lib/store/target';

export type StoreHarness = {
  /** what the suite runs on, for its name: "SQLite", "PostgreSQL server", "PGlite" */
  label: string;
  /** an empty database (no app tables); every call forgets what the last one held */
  emptyDatabase: () => Promise<StoreTarget>;
  /** runs SQL on the target outside the store (what its API would never do); returns the rows */
  query: (target: StoreTarget, statement: string) => Promise<Record<string, unknown>[]>;
  /** a target that cannot be reached, whose password (if any) must never be printed */
  unreachable: () => Promise<{ target: StoreTarget; secret?: string; variable: string }>;
  /** whether two connections really run at the same time (not PGlite's one session) */
  concurrent: boolean;
  stop: () => Promise<void>;
};

const MINUTE = 60_000;

export function appStoreContract(start: () => Promise<StoreHarness>) {
  let harness: StoreHarness;
  const opened: AppStore[] = [];

  beforeAll(async () => {
    harness = await start();
  }, 60_000);
  afterAll(async () => {
    await harness?.stop();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close().catch(() => {})));
  });

  const open = (target: StoreTarget, options?: ConnectOptions) => {
    const store = createAppStore(target, options);
    opened.push(store);
    return store;
  };

  /** A migrated store on an empty database, and the target, for a second instance on it. */
  async function freshStore(options?: ConnectOptions) {
    const target = await harness.emptyDatabase();
    const store = open(target, options);
    await store.migrate();
    return { store, target };
  }

  const entry = (overrides: Partial<NewHistoryEntry> = {}): NewHistoryEntry => ({
    subject: 'alice',
    kind: 'app_removed',
    detail: { apps: [{ clientId: '1001', name: 'Photo Printer' }] },
    userAgent: 'Firefox 128 on macOS',
    txn: randomUUID(),
    ...overrides,
  });

  const events = (historyId: string, txn: string, count: number): NewEvent[] =>
    Array.from({ length: count }, (_, i) => ({
      jti: randomUUID(),
      txn,
      historyId,
      event: `header.claims-${i}.signature`,
    }));

  /** A settled-looking change with `count` events to send, due from `now`. */
  async function pendingEvents(store: AppStore, count: number, now = 1_000_000) {
    const txn = randomUUID();
    const historyId = await store.history.begin(entry({ txn }));
    const ids = await store.outbox.enqueue(events(historyId, txn, count), { held: false, now });
    return { historyId, ids };
  }

  describe('migrations', () => {
    it('create the tables once: a second run (another start) applies nothing and keeps the data', async () => {
      const { store, target } = await freshStore();
      const id = await store.history.begin(entry());
      const again = open(target);
      expect(await again.migrate()).toEqual({ applied: [] });
      expect((await again.history.listForSubject('alice', { page: 1, size: 5 })).entries).toEqual([
        expect.objectContaining({ id }),
      ]);
      await again.check();
    });

    it('run once when several instances start at the same moment', async () => {
      const target = await harness.emptyDatabase();
      const stores = [open(target), open(target), open(target)];
      const reports = await Promise.all(stores.map((store) => store.migrate()));
      // Exactly one of them applied the migration; the others found it done.
      expect(reports.map((report) => report.applied.length).sort()).toEqual([0, 0, 1]);
      for (const store of stores) await store.check();
    });

    it('refuse a database whose schema is newer than this code, naming the migration', async () => {
      const { target } = await freshStore();
      await harness.query(
        target,
        "insert into app_migration (name, timestamp) values ('9999-from-a-newer-version', '2099-01-01T00:00:00.000Z')",
      );
      const older = open(target);
      const refusal = await older.migrate().catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(StoreStartError);
      expect((refusal as Error).message).toMatch(
        /^DATABASE_(URL|PATH): the app store's schema is newer than this version of the app \(the database has migration 9999-from-a-newer-version/,
      );
    });

    it('stop with a message naming the variable, never the password, when the database cannot be reached', async () => {
      const { target, secret, variable } = await harness.unreachable();
      const failure = await Promise.resolve()
        .then(() => open(target).migrate())
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreStartError);
      const message = (failure as Error).message;
      expect(message.startsWith(`${variable}: cannot `)).toBe(true);
      if (secret) expect(message).not.toContain(secret);
      if (target.kind === 'postgres') expect(message).not.toContain(target.url);
    });

    it('make check() fail on a database without the schema, and pass once migrated', async () => {
      const target = await harness.emptyDatabase();
      const store = open(target);
      await expect(store.check()).rejects.toBeInstanceOf(StoreStartError);
      await store.migrate();
      await expect(store.check()).resolves.toBeUndefined();
    });
  });

  describe('history', () => {
    it('lists a person’s entries newest first, a page at a time, with the total', async () => {
      const { store } = await freshStore();
      for (const at of [1000, 3000, 2000, 5000, 4000])
        await store.history.begin(
          entry({ createdAt: at, detail: { apps: [{ clientId: String(at), name: `App ${at}` }] } }),
        );
      const first = await store.history.listForSubject('alice', { page: 1, size: 2 });
      const second = await store.history.listForSubject('alice', { page: 2, size: 2 });
      const third = await store.history.listForSubject('alice', { page: 3, size: 2 });
      expect(first.totalCount).toBe(5);
      expect([first, second, third].map((page) => page.entries.map((e) => e.createdAt))).toEqual([
        [5000, 4000],
        [3000, 2000],
        [1000],
      ]);
      expect(first.entries[0]).toMatchObject({
        subject: 'alice',
        kind: 'app_removed',
        outcome: 'pending',
        detail: { apps: [{ clientId: '5000', name: 'App 5000' }] },
        userAgent: 'Firefox 128 on macOS',
        results: null,
        settledAt: null,
      });
    });

    it('keeps the order of changes made within one millisecond, newest first', async () => {
      const { store } = await freshStore();
      const frozen = vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
      try {
        for (const clientId of ['1', '2', '3'])
          await store.history.begin(
            entry({ detail: { apps: [{ clientId, name: `App ${clientId}` }] } }),
          );
      } finally {
        frozen.mockRestore();
      }
      const { entries } = await store.history.listForSubject('alice', { page: 1, size: 5 });
      expect(entries.map((e) => e.detail.apps[0]!.clientId)).toEqual(['3', '2', '1']);
    });

    it('never returns another person’s entries, whatever page is asked for', async () => {
      const { store } = await freshStore();
      await store.history.begin(entry({ subject: 'bob' }));
      await store.history.begin(entry({ subject: 'alice' }));
      await store.history.begin(entry({ subject: 'bob' }));
      const alice = await store.history.listForSubject('alice', { page: 1, size: 100 });
      expect(alice.totalCount).toBe(1);
      expect(alice.entries.map((e) => e.subject)).toEqual(['alice']);
      expect(await store.history.listForSubject('carol', { page: 1, size: 100 })).toEqual({
        entries: [],
        totalCount: 0,
      });
      // A subject that differs only in case, or a pattern, is someone else.
      expect((await store.history.listForSubject('ALICE', { page: 1, size: 5 })).totalCount).toBe(
        0,
      );
      expect((await store.history.listForSubject('%', { page: 1, size: 5 })).totalCount).toBe(0);
      await expect(store.history.listForSubject('', { page: 1, size: 5 })).rejects.toThrow(
        'a subject is required',
      );
    });

    it('refuses a page size beyond the maximum and a page below 1', async () => {
      const { store } = await freshStore();
      await expect(store.history.listForSubject('alice', { page: 0, size: 5 })).rejects.toThrow();
      await expect(store.history.listForSubject('alice', { page: 1, size: 101 })).rejects.toThrow();
    });

    it('settles an entry once, with each app’s outcome', async () => {
      const { store } = await freshStore();
      const id = await store.history.begin(
        entry({
          kind: 'apps_removed',
          detail: {
            apps: [
              { clientId: '1', name: 'One' },
              { clientId: '2', name: 'Two' },
            ],
          },
        }),
      );
      const results = [
        { clientId: '1', outcome: 'done' as const },
        { clientId: '2', outcome: 'failed' as const },
      ];
      expect(await store.history.settle(id, 'partial', { results, settledAt: 7000 })).toBe(true);
      // The sweep, or a retry, arriving later changes nothing.
      expect(await store.history.settle(id, 'failed', { results: [] })).toBe(false);
      const [settled] = (await store.history.listForSubject('alice', { page: 1, size: 5 })).entries;
      expect(settled).toMatchObject({ id, outcome: 'partial', results, settledAt: 7000 });
    });

    it('refuses an entry the history page could not show (unknown kind, long user agent, extra fields)', async () => {
      const { store } = await freshStore();
      await expect(
        store.history.begin(entry({ kind: 'deleted_account' as never })),
      ).rejects.toThrow();
      await expect(store.history.begin(entry({ userAgent: 'x'.repeat(121) }))).rejects.toThrow();
      await expect(
        store.history.begin({ ...entry(), ipAddress: '203.0.113.9' } as NewHistoryEntry),
      ).rejects.toThrow();
      expect((await store.history.listForSubject('alice', { page: 1, size: 5 })).totalCount).toBe(
        0,
      );
    });

    it('reads what a newer instance wrote (a rolling upgrade): an unknown kind as "other", unknown fields dropped, its pending entries left to it', async () => {
      const { store, target } = await freshStore();
      const known = await store.history.begin(entry({ createdAt: 1000 }));
      const detail = JSON.stringify({
        apps: [{ clientId: '1001', name: 'Photo Printer', icon: 'printer.png' }],
        grant: { label: 'Hall TV', kind: 'device' },
        reason: 'a field of a later version',
      });
      await harness.query(
        target,
        `insert into app_history (id, subject, created_at, kind, detail, outcome, results, user_agent, txn, settled_at)
         values ('newer-kind', 'alice', 2000, 'device_signed_out', '${detail}', 'pending', null, '', 'txn-newer', null)`,
      );
      const { entries } = await store.history.listForSubject('alice', { page: 1, size: 5 });
      expect(entries.map((e) => [e.id, e.kind])).toEqual([
        ['newer-kind', 'other'],
        [known, 'app_removed'],
      ]);
      expect(entries[0]!.detail).toEqual({
        apps: [{ clientId: '1001', name: 'Photo Printer' }],
        grant: { label: 'Hall TV' },
      });
      // This code cannot judge a change it does not know: the sweep here leaves it pending.
      expect((await store.history.pending({ olderThan: 5000 })).map((e) => e.id)).toEqual([known]);
    });

    it('finds the entries a crash left pending, oldest first, for the sweep', async () => {
      const { store } = await freshStore();
      const old = await store.history.begin(entry({ subject: 'bob', createdAt: 1000 }));
      const older = await store.history.begin(entry({ subject: 'alice', createdAt: 500 }));
      const settled = await store.history.begin(entry({ createdAt: 800 }));
      await store.history.settle(settled, 'done', { results: [] });
      await store.history.begin(entry({ createdAt: 9000 }));
      const pending = await store.history.pending({ olderThan: 5000 });
      expect(pending.map((e) => e.id)).toEqual([older, old]);
    });

    it('deletes entries older than the retention cut-off, with their events, and keeps the rest', async () => {
      const { store } = await freshStore();
      const oldTxn = randomUUID();
      const old = await store.history.begin(entry({ createdAt: 1000, txn: oldTxn }));
      await store.outbox.enqueue(events(old, oldTxn, 2), { held: false, now: 1000 });
      const recentTxn = randomUUID();
      const recent = await store.history.begin(entry({ createdAt: 5000, txn: recentTxn }));
      await store.outbox.enqueue(events(recent, recentTxn, 1), { held: false, now: 5000 });

      expect(await store.history.deleteOlderThan(2000)).toBe(1);
      const left = await store.history.listForSubject('alice', { page: 1, size: 5 });
      expect(left.entries.map((e) => e.id)).toEqual([recent]);
      expect(await store.outbox.forHistoryEntry(old)).toEqual([]);
      expect(await store.outbox.forHistoryEntry(recent)).toHaveLength(1);
      expect(await store.outbox.stats()).toEqual({ backlog: 1, failed: 0 });
    });
  });

  describe('event outbox', () => {
    it('holds a change’s events until it settles, then sends only the released ones', async () => {
      const { store } = await freshStore();
      const txn = randomUUID();
      const historyId = await store.history.begin(entry({ txn }));
      const [done, notDone] = events(historyId, txn, 2);
      await store.outbox.enqueue([done!, notDone!], { held: true, now: 1000 });
      expect(
        await store.outbox.claim({ owner: 'w1', leaseMs: MINUTE, limit: 10, now: 2000 }),
      ).toEqual([]);
      expect(await store.outbox.stats()).toEqual({ backlog: 2, failed: 0 });

      expect(await store.outbox.release(historyId, { jtis: [done!.jti], now: 3000 })).toBe(1);
      expect(await store.outbox.dropHeld(historyId)).toBe(1);
      const claimed = await store.outbox.claim({
        owner: 'w1',
        leaseMs: MINUTE,
        limit: 10,
        now: 3000,
      });
      expect(claimed.map((e) => [e.jti, e.txn, e.event])).toEqual([[done!.jti, txn, done!.event]]);
      expect(await store.outbox.forHistoryEntry(historyId)).toHaveLength(1);
    });

    it('refuses a second event with the same jti', async () => {
      const { store } = await freshStore();
      const txn = randomUUID();
      const historyId = await store.history.begin(entry({ txn }));
      const [event] = events(historyId, txn, 1);
      await store.outbox.enqueue([event!], { held: false });
      await expect(store.outbox.enqueue([{ ...event! }], { held: false })).rejects.toThrow();
    });

    it('claims due events with a lease and an attempt, and gives a leased event to no one else', async () => {
      const { store } = await freshStore();
      const { ids } = await pendingEvents(store, 3, 1000);
      const first = await store.outbox.claim({ owner: 'w1', leaseMs: 500, limit: 2, now: 1000 });
      expect(first).toHaveLength(2);
      expect(first[0]).toMatchObject({
        leaseOwner: 'w1',
        leaseUntil: 1500,
        attempts: 1,
        status: 'pending',
      });
      const second = await store.outbox.claim({ owner: 'w2', leaseMs: 500, limit: 10, now: 1100 });
      expect(second.map((e) => e.id)).toEqual(ids.filter((id) => !first.some((e) => e.id === id)));
      expect(await store.outbox.claim({ owner: 'w3', leaseMs: 500, limit: 10, now: 1200 })).toEqual(
        [],
      );
    });

    it('gives an event whose lease expired (its worker died) to the next claimer, and only it may report', async () => {
      const { store } = await freshStore();
      await pendingEvents(store, 1, 1000);
      const [lost] = await store.outbox.claim({ owner: 'w1', leaseMs: 500, limit: 1, now: 1000 });
      expect(await store.outbox.claim({ owner: 'w2', leaseMs: 500, limit: 1, now: 1499 })).toEqual(
        [],
      );
      const [again] = await store.outbox.claim({ owner: 'w2', leaseMs: 500, limit: 1, now: 1500 });
      expect(again).toMatchObject({ id: lost!.id, jti: lost!.jti, leaseOwner: 'w2', attempts: 2 });
      // The first worker comes back late: its report is refused; the holder's counts.
      expect(await store.outbox.delivered(lost!, 1600)).toBe(false);
      expect(await store.outbox.delivered(again!, 1700)).toBe(true);
      const [row] = await store.outbox.forHistoryEntry(again!.historyId);
      expect(row).toMatchObject({
        status: 'delivered',
        deliveredAt: 1700,
        leaseOwner: null,
        leaseUntil: null,
      });
      expect(
        await store.outbox.claim({ owner: 'w3', leaseMs: 500, limit: 1, now: 99_999 }),
      ).toEqual([]);
    });

    it('retries later: not due before its time, then claimed again with the same jti and the error kept', async () => {
      const { store } = await freshStore();
      await pendingEvents(store, 1, 1000);
      const [event] = await store.outbox.claim({
        owner: 'w1',
        leaseMs: MINUTE,
        limit: 1,
        now: 1000,
      });
      expect(await store.outbox.retryLater(event!, 'HTTP 503 from the receiver', 5000)).toBe(true);
      const [row] = await store.outbox.forHistoryEntry(event!.historyId);
      expect(row).toMatchObject({
        status: 'pending',
        nextAttemptAt: 5000,
        lastError: 'HTTP 503 from the receiver',
        leaseOwner: null,
        leaseUntil: null,
        attempts: 1,
      });
      expect(
        await store.outbox.claim({ owner: 'w1', leaseMs: MINUTE, limit: 1, now: 4999 }),
      ).toEqual([]);
      const [retry] = await store.outbox.claim({
        owner: 'w2',
        leaseMs: MINUTE,
        limit: 1,
        now: 5000,
      });
      expect(retry).toMatchObject({
        id: event!.id,
        jti: event!.jti,
        event: event!.event,
        attempts: 2,
      });
      expect(await store.outbox.retryLater(retry!, 'x'.repeat(2000), 9000)).toBe(true);
      const [kept] = await store.outbox.forHistoryEntry(event!.historyId);
      expect(kept!.lastError).toHaveLength(500);
    });

    it('never sends a failed event again, and counts it for operators', async () => {
      const { store } = await freshStore();
      await pendingEvents(store, 2, 1000);
      const [refused, accepted] = await store.outbox.claim({
        owner: 'w1',
        leaseMs: MINUTE,
        limit: 2,
        now: 1000,
      });
      expect(await store.outbox.failed(refused!, 'invalid_audience')).toBe(true);
      expect(await store.outbox.delivered(accepted!)).toBe(true);
      expect(
        await store.outbox.claim({ owner: 'w1', leaseMs: MINUTE, limit: 9, now: 10 ** 12 }),
      ).toEqual([]);
      expect(await store.outbox.stats()).toEqual({ backlog: 0, failed: 1 });
      // A report about a finished event changes nothing.
      expect(await store.outbox.retryLater(refused!, 'late', 2000)).toBe(false);
    });

    it('gives each event to exactly one of two claimers on two connections at once', async () => {
      const { store, target } = await freshStore({ poolSize: 4 });
      const other = open(target, { poolSize: 4 });
      const { ids } = await pendingEvents(store, 120, 1000);
      const claimAll = async (claimer: AppStore, owner: string) => {
        const claimed: string[] = [];
        for (;;) {
          const batch = await claimer.outbox.claim({ owner, leaseMs: MINUTE, limit: 5, now: 1000 });
          if (batch.length === 0) return claimed;
          claimed.push(...batch.map((event) => event.id));
        }
      };
      // Several loops per connection pool, so claims overlap on the server (not on PGlite).
      const results = await Promise.all([
        claimAll(store, 'a1'),
        claimAll(store, 'a2'),
        claimAll(other, 'b1'),
        claimAll(other, 'b2'),
      ]);
      const all = results.flat();
      expect(all.sort()).toEqual([...ids].sort());
      expect(new Set(all).size).toBe(ids.length);
      if (harness.concurrent)
        expect(results.filter((claimed) => claimed.length > 0).length).toBeGreaterThan(1);
    });
  });

  describe('limits', () => {
    it('allow N events per window, then refuse with the wait; other keys are not affected', async () => {
      const { store } = await freshStore();
      const writes = store.limiter({ name: 'write', points: 3, durationSeconds: 60 });
      const taken = [];
      for (let i = 0; i < 4; i++) taken.push(await writes.take('alice'));
      expect(taken.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      expect(taken[3]).toEqual({ ok: false, retryAfterSeconds: expect.any(Number) });
      const wait = (taken[3] as { retryAfterSeconds: number }).retryAfterSeconds;
      expect(wait).toBeGreaterThanOrEqual(59);
      expect(wait).toBeLessThanOrEqual(60);
      expect(await writes.take('bob')).toEqual({ ok: true });
      // Another limit with the same key counts apart.
      const signIns = store.limiter({ name: 'sign_in', points: 1, durationSeconds: 60 });
      expect(await signIns.take('alice')).toEqual({ ok: true });
    });

    it('share one count between instances on the same database', async () => {
      const { store, target } = await freshStore();
      const other = open(target);
      const here = store.limiter({ name: 'write', points: 3, durationSeconds: 60 });
      const there = other.limiter({ name: 'write', points: 3, durationSeconds: 60 });
      expect(await here.take('alice')).toEqual({ ok: true });
      expect(await there.take('alice')).toEqual({ ok: true });
      expect(await here.take('alice')).toEqual({ ok: true });
      expect(await there.take('alice')).toMatchObject({ ok: false });
      expect(await here.take('alice')).toMatchObject({ ok: false });
    });

    it('start a new window once the last one ends (fixed windows)', async () => {
      const { store } = await freshStore();
      const limiter = store.limiter({ name: 'write', points: 1, durationSeconds: 1 });
      expect(await limiter.take('alice')).toEqual({ ok: true });
      expect(await limiter.take('alice')).toEqual({ ok: false, retryAfterSeconds: 1 });
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect(await limiter.take('alice')).toEqual({ ok: true });
    });

    it('keep hashes, not logins or subjects, in the table', async () => {
      const { store, target } = await freshStore();
      await store
        .limiter({ name: 'sign_in', points: 5, durationSeconds: 60 })
        .take('alice@example.com');
      const rows = await harness.query(target, 'select key, points from app_rate_limit');
      expect(rows).toEqual([{ key: expect.stringMatching(/^sign_in:[\w-]{43}$/), points: 1 }]);
      expect(String(rows[0]!.key)).not.toContain('alice');
    });

    it('still limit, per instance, while the database cannot be reached', async () => {
      const { store } = await freshStore();
      const limiter = store.limiter({ name: 'write', points: 2, durationSeconds: 60 });
      await store.close();
      expect(await limiter.take('alice')).toEqual({ ok: true });
      expect(await limiter.take('alice')).toEqual({ ok: true });
      expect(await limiter.take('alice')).toMatchObject({ ok: false });
    });
  });
}
