/**
 * Event delivery for this process: one worker started at start-up when a
 * receiver is configured (SSF_PUSH_ENDPOINT), and the outbox's counts for
 * operators (logs, and the app.outbox.* gauges of lib/telemetry/metrics.ts).
 */
import 'server-only';
import { config } from '../env';
import { onEventsReleased } from '../events';
import { appStore } from '../store';
import type { OutboxStats } from '../store/outbox';
import { provideOutboxStats } from '../telemetry/metrics';
import { createDeliveryWorker, type DeliveryWorker } from './worker';

const holder = globalThis as typeof globalThis & { __deliveryWorker?: DeliveryWorker };

/** Starts delivering events, if a receiver is configured; once per process. */
export function startDelivery(): void {
  const { push } = config().ssf;
  if (!push || holder.__deliveryWorker) return;
  // The app.outbox.* gauges: only where there is an outbox to count (no endpoint, no rows).
  provideOutboxStats(outboxStats);
  const worker = createDeliveryWorker({ outbox: appStore().outbox, push });
  holder.__deliveryWorker = worker;
  onEventsReleased(worker.wake);
  worker.start();
}

/** Events waiting to be delivered (held for a change in progress, or pending) and failed for good. */
export function outboxStats(): Promise<OutboxStats> {
  return appStore().outbox.stats();
}
