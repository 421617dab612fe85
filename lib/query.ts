/** React Query keys and timings for the apps pages, shared by the server render and the browser. */
import type { ListParams } from './list-params';

export const LIST_STALE_TIME_MS = 30_000;

export const appsKeys = {
  /** every query about apps: marked stale after each write (components/apps/apps-cache.ts) */
  all: ['apps'] as const,
  /** every list view in one language */
  lists: (locale: string) => ['apps', locale, 'list'] as const,
  list: (locale: string, params: ListParams) => ['apps', locale, 'list', params] as const,
  detail: (locale: string, clientId: string) => ['apps', locale, 'detail', clientId] as const,
  /** one app's grants (sign-ins and devices), shown on its page */
  grants: (locale: string, clientId: string) => ['apps', locale, 'grants', clientId] as const,
};
