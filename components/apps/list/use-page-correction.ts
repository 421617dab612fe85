'use client';
/**
 * Page correction: a page past the end is answered with the last page, so the
 * URL is made to name the page shown (replacing the history entry: the person
 * took no step) — unless they have navigated on meanwhile.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useLocale } from 'next-intl';
import { useEffect } from 'react';
import type { AppPage } from '@/lib/grants/types';
import type { ListParams } from '@/lib/list-params';
import { appsKeys } from '@/lib/query';
import { navigateList } from './navigate-list';
import { urlStillShows } from './use-list-params';

export function usePageCorrection(
  params: ListParams,
  data: AppPage | undefined,
  isPlaceholderData: boolean,
): void {
  const queryClient = useQueryClient();
  const locale = useLocale();
  useEffect(() => {
    if (!data || isPlaceholderData || data.page === params.page) return;
    if (!urlStillShows(params)) return;
    const shown = { ...params, page: data.page };
    queryClient.setQueryData(appsKeys.list(locale, shown), data);
    navigateList(shown, 'replace');
  }, [data, isPlaceholderData, params, locale, queryClient]);
}
