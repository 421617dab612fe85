/**
 * The delivery worker: claims due events from the outbox with a lease (so on
 * several instances each event is being sent by one of them), pushes each
 * one, and reports how it went. A retry sends the stored token again, with
 * the same `jti`. It runs on every instance; a person's change never waits
 * for it. Woken when events are released, and polls besides, so events
 * waiting for a retry (or released on another instance) are picked up.
 */
import { randomUUID } from 'node:crypto';
import { AsyncResource } from 'node:async_hooks';
import { log } from '../log';
import type { ClaimedEvent, OutboxStore } from '../store/outbox';
import { retryDelayMs } from './backoff';
import { pushEvent, type PushSettings } from './push';

export type DeliveryWorkerOptions = {
  outbox: OutboxStore;
  push: PushSettings;
  /** how long a claim holds an event: longer than one push can take */
  leaseMs?: number;
  batchSize?: number;
  pollMs?: number;
  /** how often the backlog and failures are logged while there are any */
  reportMs?: number;
  fetch?: typeof fetch;
  random?: () => number;
};

export type DeliveryWorker = {
  /** Claims and sends what is due now; resolves with how many were delivered, retried, failed. */
  runOnce(): Promise<{ delivered: number; retried: number; failed: number }>;
  /** Asks for a run soon (events were released). */
  wake(): void;
  start(): void;
  stop(): Promise<void>;
};

export function createDeliveryWorker({
  outbox,
  push,
  leaseMs,
  batchSize = 20,
  pollMs = 5_000,
  reportMs = 60_000,
  fetch: fetchImpl,
  random,
}: DeliveryWorkerOptions): DeliveryWorker {
  const owner = randomUUID();
  const lease = leaseMs ?? push.timeoutMs * 2 + 5_000;
  let running: Promise<unknown> | null = null;
  let again = false;
  const timers: NodeJS.Timeout[] = [];

  async function send(event: ClaimedEvent) {
    const result = await pushEvent(event.event, push, fetchImpl);
    if (result.kind === 'delivered') {
      await outbox.delivered(event);
      log.debug('events.delivered', { jti: event.jti, txn: event.txn, attempts: event.attempts });
      return 'delivered' as const;
    }
    if (result.kind === 'permanent') {
      await outbox.failed(event, result.error);
      log.error('events.refused', { jti: event.jti, txn: event.txn, reason: result.error });
      return 'failed' as const;
    }
    const delay = retryDelayMs(event.attempts, random);
    await outbox.retryLater(event, result.error, Date.now() + delay);
    log.warn('events.retry', {
      jti: event.jti,
      attempts: event.attempts,
      reason: result.error,
      retryInMs: delay,
    });
    return 'retried' as const;
  }

  async function drain() {
    const counts = { delivered: 0, retried: 0, failed: 0 };
    for (;;) {
      const claimed = await outbox.claim({ owner, leaseMs: lease, limit: batchSize });
      for (const event of claimed) counts[await send(event)]++;
      // A full batch may leave more due; a short one means the queue is drained for now.
      if (claimed.length < batchSize) return counts;
    }
  }

  function runOnce() {
    if (running) {
      again = true;
      return running as ReturnType<DeliveryWorker['runOnce']>;
    }
    const run = drain().finally(() => {
      running = null;
      if (again) {
        again = false;
        void runOnce().catch(logFailure);
      }
    });
    running = run;
    return run;
  }

  const logFailure = (error: unknown) => log.warn('events.delivery_failed', { error });

  async function report() {
    try {
      const stats = await outbox.stats();
      if (stats.backlog > 0 || stats.failed > 0) log.info('events.outbox', { ...stats });
    } catch (error) {
      logFailure(error);
    }
  }

  // Woken from a request, a run must not carry that request's context (its log lines would name
  // the request id of whoever happened to release an event): it runs in the worker's own.
  const wakeDetached = AsyncResource.bind(() => void runOnce().catch(logFailure));

  return {
    runOnce,
    wake: () => wakeDetached(),
    start() {
      void runOnce().catch(logFailure);
      timers.push(setInterval(() => void runOnce().catch(logFailure), pollMs));
      timers.push(setInterval(() => void report(), reportMs));
      // Never what keeps the process alive.
      for (const timer of timers) timer.unref();
    },
    async stop() {
      for (const timer of timers.splice(0)) clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
