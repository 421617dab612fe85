'use client';
/**
 * The person's apps, page by page. The URL is the truth: the first page comes
 * hydrated from the server render; later pages are fetched through the
 * `listApps` server action while `history.pushState` updates the URL (Next
 * keeps useSearchParams in step, and the back button works).
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { listApps } from '@/app/apps/actions';
import { Button } from '@/components/ui/button';
import { unwrap } from '@/lib/action-result';
import type { AppSummary, RevokeOutcome } from '@/lib/grants/types';
import { listSearch, parseListParams, type ListParams } from '@/lib/pagination';
import { appsKeys } from '@/lib/query';
import { AppCard } from './app-card';
import { AppListSkeleton } from './app-list-skeleton';
import { Pagination } from './pagination';
import type { Announce } from './scope-form';
import { useErrorText } from './use-error-text';

type Message = Parameters<Announce>[0];

function fetchPage(params: ListParams) {
  return async () => unwrap(await listApps(params));
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

export function AppList() {
  const t = useTranslations('apps');
  const tApp = useTranslations('app');
  const errorText = useErrorText();
  const locale = useLocale();
  const searchParams = useSearchParams();
  const params = parseListParams({
    page: searchParams.get('page'),
    size: searchParams.get('size'),
  });
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [message, setMessage] = useState<Message | null>(null);

  const query = useQuery({
    queryKey: appsKeys.page(locale, params),
    queryFn: fetchPage(params),
    placeholderData: keepPreviousData,
  });
  const data = query.data;

  const navigate = useCallback((next: ListParams, mode: 'push' | 'replace' = 'push') => {
    const url = `/apps${listSearch(next)}`;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  // A page past the end is answered with the last page: make the URL name the page shown.
  useEffect(() => {
    if (!data || query.isPlaceholderData || data.page === params.page) return;
    const shown = { page: data.page, size: params.size };
    queryClient.setQueryData(appsKeys.page(locale, shown), data);
    navigate(shown, 'replace');
  }, [data, query.isPlaceholderData, params.page, params.size, locale, navigate, queryClient]);

  // Fetch the next page ahead of time, but only when idle, so it never queues ahead of a write.
  useEffect(() => {
    if (!data || query.isPlaceholderData || data.page >= data.pageCount) return;
    const next = { page: data.page + 1, size: params.size };
    return whenIdle(() => {
      void queryClient.prefetchQuery({
        queryKey: appsKeys.page(locale, next),
        queryFn: fetchPage(next),
      });
    });
  }, [data, query.isPlaceholderData, params.size, locale, queryClient]);

  const announce: Announce = (next) => setMessage(next);

  const onRevoked = (app: AppSummary, outcome: RevokeOutcome) => {
    setMessage({
      tone: 'success',
      text: tApp(outcome.alreadyRevoked ? 'alreadyRevoked' : 'revoked', { app: app.name }),
    });
    // The card that held focus is gone; continue from the top of the list.
    headingRef.current?.focus();
  };

  const goTo = (next: ListParams) => {
    setMessage(null);
    navigate(next);
    headingRef.current?.scrollIntoView({ block: 'start' });
  };

  return (
    <section aria-labelledby="apps-heading" className="space-y-6">
      <div className="space-y-2">
        <h1
          id="apps-heading"
          ref={headingRef}
          tabIndex={-1}
          className="text-2xl font-bold text-slate-900 sm:text-3xl dark:text-white"
        >
          {t('title')}
        </h1>
        <p className="text-slate-600 dark:text-slate-300">{t('intro')}</p>
      </div>

      {/* Live regions exist before their text changes, so screen readers announce each outcome. */}
      <div role="status" className="empty:hidden">
        {message?.tone === 'success' && (
          <p className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
            {message.text}
          </p>
        )}
      </div>
      <div role="alert" className="empty:hidden">
        {message?.tone === 'error' && (
          <p className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
            {message.text}
          </p>
        )}
      </div>

      {!data && query.isPending && (
        <div role="status" aria-label={t('loading')}>
          <AppListSkeleton />
        </div>
      )}

      {!data && query.isError && (
        <div className="rounded-2xl border border-red-200 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950">
          <p role="alert" className="font-medium text-red-900 dark:text-red-100">
            {t('loadError')} {errorText(query.error)}
          </p>
          <Button className="mt-4" onClick={() => query.refetch()} pending={query.isFetching}>
            {t('retry')}
          </Button>
        </div>
      )}

      {data && data.totalCount === 0 && (
        <div className="rounded-2xl border border-dashed border-slate-300 p-8 text-center dark:border-slate-600">
          <h2 className="text-lg font-semibold text-slate-900 dark:text-white">
            {t('emptyTitle')}
          </h2>
          <p className="mt-2 text-slate-600 dark:text-slate-300">{t('emptyBody')}</p>
        </div>
      )}

      {data && data.totalCount > 0 && (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {t('showing', {
              from: (data.page - 1) * data.size + 1,
              to: (data.page - 1) * data.size + data.apps.length,
              total: data.totalCount,
            })}
          </p>
          {query.isPlaceholderData ? (
            !query.isError && (
              <div role="status" aria-label={t('loading')}>
                <AppListSkeleton count={Math.min(params.size, 3)} />
              </div>
            )
          ) : (
            <ul className="space-y-4">
              {data.apps.map((app) => (
                <li key={app.clientId}>
                  <AppCard app={app} announce={announce} onRevoked={onRevoked} />
                </li>
              ))}
            </ul>
          )}
          {query.isError && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {errorText(query.error)}{' '}
              <button type="button" className="underline" onClick={() => query.refetch()}>
                {t('retry')}
              </button>
            </p>
          )}
          <Pagination
            page={data.page}
            size={data.size}
            pageCount={data.pageCount}
            onNavigate={goTo}
          />
        </>
      )}
    </section>
  );
}
