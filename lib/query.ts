/** React Query keys and timings for the apps list, shared by the server page and the browser. */
import type { ListParams } from './pagination';

export const LIST_STALE_TIME_MS = 30_000;

export const appsKeys = {
  all: ['apps'] as const,
  page: (locale: string, { page, size }: ListParams) =>
    ['apps', locale, 'page', page, size] as const,
};
