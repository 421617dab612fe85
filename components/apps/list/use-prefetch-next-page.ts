'use client';
/**
 * Prefetch: the next page is fetched ahead of time, but only when the browser
 * is idle. Next runs one tab's server actions one at a time, so a read sent
 * eagerly could queue ahead of the person's next write.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useLocale } from 'next-intl';
import { useEffect } from 'react';
import type { AppPage } from '@/lib/grants/types';
import type { ListParams } from '@/lib/list-params';
import { appsKeys } from '@/lib/query';
import { fetchListPage } from './list-query';

export function usePrefetchNextPage(
  params: ListParams,
  data: AppPage | undefined,
  isPlaceholderData: boolean,
): void {
  const queryClient = useQueryClient();
  const locale = useLocale();
  useEffect(() => {
    if (!data || isPlaceholderData || data.page >= data.pageCount) return;
    const next = { ...params, page: data.page + 1 };
    return whenIdle(() => {
      void queryClient.prefetchQuery({
        queryKey: appsKeys.list(locale, next),
        queryFn: fetchListPage(next),
      });
    });
  }, [data, isPlaceholderData, params, locale, queryClient]);
}

/** Runs `work` when the browser is idle (or soon, where requestIdleCallback is missing). */
function whenIdle(work: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(work, { timeout: 5000 });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(work, 1000);
  return () => window.clearTimeout(handle);
}
