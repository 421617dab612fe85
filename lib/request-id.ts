/**
 * Request ids: one per request, set by proxy.ts, carried through the app in
 * AsyncLocalStorage so every log line of a request names it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export const REQUEST_ID_HEADER = 'x-request-id';

/** The incoming id when it is well-formed, else null: arbitrary text never reaches a log line. */
export function wellFormedRequestId(incoming: string | null): string | null {
  return incoming && /^[A-Za-z0-9._:-]{8,128}$/.test(incoming) ? incoming : null;
}

/** Keeps a well-formed incoming id (from a load balancer), else makes one. */
export function acceptRequestId(incoming: string | null): string {
  return wellFormedRequestId(incoming) ?? crypto.randomUUID();
}

// One store per process, like the Authlete store that logs through it: Next bundles this module
// once for pages and actions and once for route handlers, and a client created by a page (kept on
// globalThis) logs while /api/ready serves. With a store per bundle, its lines lost the request id.
const holder = globalThis as typeof globalThis & {
  __requestIds?: AsyncLocalStorage<{ requestId: string }>;
};
holder.__requestIds ??= new AsyncLocalStorage<{ requestId: string }>();
const store = holder.__requestIds;

/** Runs `work` with `requestId` attached to every log line it writes. */
export function withRequestId<T>(requestId: string, work: () => Promise<T>): Promise<T> {
  return store.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return store.getStore()?.requestId;
}
