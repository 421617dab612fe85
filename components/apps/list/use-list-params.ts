'use client';
/**
 * URL state: the list's page, size, search, sort and filters, read from the
 * address bar. The URL is the truth; bad values become defaults
 * (lib/list-params.ts).
 */
import { useSearchParams } from 'next/navigation';
import { listParamsFromSearch, listSearch, type ListParams } from '@/lib/list-params';

export function useListParams(): ListParams {
  return listParamsFromSearch(useSearchParams());
}

/**
 * True while the address bar still names `params`. The router's search params can lag the real
 * URL for a moment after a navigation; a correction meant for the old view must not apply then.
 */
export function urlStillShows(params: ListParams): boolean {
  return (
    listSearch(listParamsFromSearch(new URLSearchParams(window.location.search))) ===
    listSearch(params)
  );
}
