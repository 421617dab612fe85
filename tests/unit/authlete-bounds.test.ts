/**
 * Reads are bounded (issue 9): a per-person read budget, a process-wide cap on Authlete calls in
 * flight, and Authlete's 429 honoured with its Retry-After — each refusal a GrantError the person
 * sees in words (`errors.<code>`, with the wait), and a log line for the operator.
 */
import { describe, expect, it } from 'vitest';
import { AuthleteBusyError } from '@/lib/authlete';
import { retryAfterMs } from '@/lib/authlete/call-gate';
import { createReadBudget } from '@/lib/authlete/read-budget';
import { GrantError } from '@/lib/grants/errors';
import en from '@/messages/en.json';
import ja from '@/messages/ja.json';
import { logLinesOfEachTest } from '../support/log-lines';
import type { HarnessOverrides } from '../support/authlete-server/adapter-harness';
import { harnessPerTest } from '../support/authlete-server/harness-per-test';
import { rejectionOf } from '../support/rejection';

const startHarness = harnessPerTest();
const logLines = logLinesOfEachTest();

const start = (overrides: HarnessOverrides = {}) => startHarness('V3', overrides);

describe('the per-person read budget', () => {
  it('counts reads per person in one-minute windows', () => {
    let now = 0;
    const budget = createReadBudget(2, () => now);
    expect(budget.take('alice')).toEqual({ ok: true });
    expect(budget.take('alice')).toEqual({ ok: true });
    now = 15_000;
    expect(budget.take('alice')).toEqual({ ok: false, retryAfterSeconds: 45 });
    expect(budget.take('bob')).toEqual({ ok: true });
    now = 60_000;
    expect(budget.take('alice')).toEqual({ ok: true });
  });

  it('refuses a view past the budget with the wait, logs it once, and leaves others alone', async () => {
    // The first view takes 4 reads: the list, the subject's tokens, the two clients' records.
    const h = await start({ store: { readBudgetPerMinute: 4 } });
    const { user } = h.world.personWithApps(2);
    const other = h.world.createPerson();
    await h.store.listAuthorizedApps(user.subject, { start: 0, end: 5 });
    const error = await rejectionOf(h.store.listAuthorizedApps(user.subject, { start: 0, end: 5 }));
    expect(error).toBeInstanceOf(GrantError);
    expect(error).toMatchObject({ code: 'read_budget_exceeded' });
    expect((error as GrantError).retryAfterSeconds).toBeGreaterThan(0);
    await rejectionOf(h.store.getAuthorizedApp(user.subject, '1'));
    const lines = logLines.filter((line) => line.msg === 'authlete.read_budget_exceeded');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ readsPerMinute: 4 });
    expect(JSON.stringify(lines[0])).not.toContain(user.subject);
    await expect(
      h.store.listAuthorizedApps(other.subject, { start: 0, end: 5 }),
    ).resolves.toMatchObject({ totalCount: 0 });
  });
});

describe('the process-wide cap on calls in flight', () => {
  it('holds every view together to maxConcurrentCalls', async () => {
    let inFlight = 0;
    let peak = 0;
    const countingFetch: typeof fetch = async (input, init) => {
      peak = Math.max(peak, ++inFlight);
      try {
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    const h = await start({ store: { fetch: countingFetch, maxConcurrentCalls: 3 } });
    h.server.setLatency(30);
    const people = [h.world.personWithApps(6), h.world.personWithApps(6)];
    const pages = await Promise.all(
      people.map(({ user }) =>
        h.store.getAuthorizedApps(
          user.subject,
          people.flatMap((person) => person.apps.map((app) => app.clientId)),
        ),
      ),
    );
    expect(pages.map((page) => page.length)).toEqual([6, 6]);
    expect(peak).toBe(3);
  });

  it('refuses a call as busy when as many are already waiting as allowed, with one log line', async () => {
    const h = await start({ store: { maxConcurrentCalls: 1, maxWaitingCalls: 0 } });
    h.server.setLatency(100);
    const { user, apps } = h.world.personWithApps(3);
    const error = await rejectionOf(
      h.store.getAuthorizedApps(
        user.subject,
        apps.map((app) => app.clientId),
      ),
    );
    expect(error).toBeInstanceOf(AuthleteBusyError);
    expect(error).toMatchObject({ code: 'backend_busy', reason: 'queue_full' });
    expect(logLines.filter((line) => line.msg === 'authlete.calls_saturated')).toHaveLength(1);
  });
});

describe("Authlete's 429", () => {
  it('waits out a short Retry-After and asks again', async () => {
    const h = await start({ store: { timeoutMs: 5000 } });
    const { user, apps } = h.world.personWithApps(1);
    h.server.injectFault({
      operation: 'token.list',
      fault: { type: 'status', status: 429, retryAfter: '1' },
      times: 1,
    });
    const startedAt = Date.now();
    const app = await h.store.getAuthorizedApp(user.subject, apps[0]!.clientId);
    expect(app?.tokens).toHaveLength(1);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(900);
    expect(h.server.requests().filter((r) => r.operation === 'token.list')).toHaveLength(2);
    expect(logLines.find((line) => line.msg === 'authlete.rate_limited')).toMatchObject({
      operation: 'GET /auth/token/get/list',
      retryAfterSeconds: 1,
    });
  });

  it('a Retry-After past the time budget: busy with the wait, and no call is sent until it ends', async () => {
    const h = await start({ store: { timeoutMs: 1000 } });
    const { user, apps } = h.world.personWithApps(1);
    h.server.injectFault({
      operation: 'token.list',
      fault: { type: 'status', status: 429, retryAfter: '30' },
      times: 1,
    });
    const error = await rejectionOf(h.store.getAuthorizedApp(user.subject, apps[0]!.clientId));
    expect(error).toMatchObject({ code: 'backend_busy', reason: 'rate_limited' });
    expect((error as GrantError).retryAfterSeconds).toBeGreaterThanOrEqual(29);
    const sent = h.server.requests().length;
    const again = await rejectionOf(h.store.listAuthorizedApps(user.subject, { start: 0, end: 5 }));
    expect(again).toMatchObject({ code: 'backend_busy' });
    expect(h.server.requests()).toHaveLength(sent);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-02T06:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Wed, 02 Dec 2026 06:00:10 GMT', now)).toBe(10_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});

describe('what the person reads', () => {
  it.each([
    ['en', en],
    ['ja', ja],
  ])('%s has words for every refusal, with the wait', (_, messages) => {
    for (const code of ['read_budget_exceeded', 'backend_busy'] as const) {
      expect(messages.errors[code]).toContain('{seconds');
    }
  });
});
