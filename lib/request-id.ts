/**
 * Request ids: one per request, set by proxy.ts, carried through the app in
 * AsyncLocalStorage so every log line of a request names it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Keeps a well-formed incoming id (from a load balancer), else makes one; never trusts arbitrary text. */
export function acceptRequestId(incoming: string | null): string {
  return incoming && /^[A-Za-z0-9._:-]{8,128}$/.test(incoming) ? incoming : crypto.randomUUID();
}

const store = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `work` with `requestId` attached to every log line it writes. */
export function withRequestId<T>(requestId: string, work: () => Promise<T>): Promise<T> {
  return store.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return store.getStore()?.requestId;
}
