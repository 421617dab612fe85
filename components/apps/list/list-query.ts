'use client';
/** One view of the list as a React Query query over the `listApps` server action. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useLocale } from 'next-intl';
import { listApps } from '@/app/apps/actions';
import { unwrap } from '@/lib/action-result';
import type { ListParams } from '@/lib/list-params';
import { appsKeys } from '@/lib/query';

export function fetchListPage(params: ListParams) {
  return async () => unwrap(await listApps(params));
}

export function useListQuery(params: ListParams) {
  const locale = useLocale();
  return useQuery({
    queryKey: appsKeys.list(locale, params),
    queryFn: fetchListPage(params),
    // The previous view stays while the next one loads (the list shows it as loading).
    placeholderData: keepPreviousData,
  });
}
