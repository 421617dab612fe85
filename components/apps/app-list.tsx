'use client';
/**
 * The person's apps, page by page, with search, sort, filters and bulk
 * removal. The URL is the truth: the first page comes hydrated from the server
 * render; later pages are fetched through the `listApps` server action while
 * `history.pushState` updates the URL (Next keeps useSearchParams in step, and
 * the back button works).
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { listApps } from '@/app/apps/actions';
import { Button } from '@/components/ui/button';
import { unwrap } from '@/lib/action-result';
import { REVOKE_ALL_LIMIT } from '@/lib/grants/bulk-limits';
import type { AppSummary, BulkRevokeResult, RevokeOutcome } from '@/lib/grants/types';
import {
  listParamsFromSearch,
  listSearch,
  needsWholeList,
  type ListParams,
} from '@/lib/list-params';
import { appsKeys } from '@/lib/query';
import { AppCard } from './app-card';
import { AppListSkeleton } from './app-list-skeleton';
import { BulkRevokeDialog, type BulkTarget } from './bulk-revoke-dialog';
import { ListToolbar } from './list-toolbar';
import { Pagination } from './pagination';
import { StatusMessages, type Messages } from './status-messages';
import type { Announce } from './scope-form';
import { useErrorText } from './use-error-text';

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
  const tBulk = useTranslations('bulk');
  const errorText = useErrorText();
  const locale = useLocale();
  const params = listParamsFromSearch(useSearchParams());
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [messages, setMessages] = useState<Messages>({});
  const [selected, setSelected] = useState<ReadonlyMap<string, string>>(new Map());
  const [bulkTarget, setBulkTarget] = useState<BulkTarget | null>(null);

  const query = useQuery({
    queryKey: appsKeys.list(locale, params),
    queryFn: fetchPage(params),
    placeholderData: keepPreviousData,
  });
  const data = query.data;

  const navigate = useCallback((next: ListParams, mode: 'push' | 'replace' = 'push') => {
    const url = `/apps${listSearch(next)}`;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  // A page past the end is answered with the last page: make the URL name the page shown —
  // unless the person has navigated on meanwhile (the router's state can lag the real URL).
  useEffect(() => {
    if (!data || query.isPlaceholderData || data.page === params.page) return;
    if (
      listSearch(listParamsFromSearch(new URLSearchParams(window.location.search))) !==
      listSearch(params)
    )
      return;
    const shown = { ...params, page: data.page };
    queryClient.setQueryData(appsKeys.list(locale, shown), data);
    navigate(shown, 'replace');
  }, [data, query.isPlaceholderData, params, locale, navigate, queryClient]);

  // Fetch the next page ahead of time, but only when idle, so it never queues ahead of a write.
  useEffect(() => {
    if (!data || query.isPlaceholderData || data.page >= data.pageCount) return;
    const next = { ...params, page: data.page + 1 };
    return whenIdle(() => {
      void queryClient.prefetchQuery({
        queryKey: appsKeys.list(locale, next),
        queryFn: fetchPage(next),
      });
    });
  }, [data, query.isPlaceholderData, params, locale, queryClient]);

  const announce: Announce = ({ tone, text }) =>
    setMessages(tone === 'success' ? { success: text } : { error: text });

  const onRevoked = (app: AppSummary, outcome: RevokeOutcome) => {
    setMessages({
      success: tApp(outcome.alreadyRevoked ? 'alreadyRevoked' : 'revoked', { app: app.name }),
    });
    setSelected((current) => withoutKeys(current, [app.clientId]));
    // The card that held focus is gone; continue from the top of the list.
    headingRef.current?.focus();
  };

  const onBulkDone = ({ items, remainingCount }: BulkRevokeResult) => {
    const label = (item: (typeof items)[number]) =>
      item.name ?? selected.get(item.clientId) ?? item.clientId;
    const revoked = items.filter((item) => item.outcome !== 'failed');
    const failed = items.filter((item) => item.outcome === 'failed');
    const gone = items.filter((item) => item.outcome === 'revoked');
    const done =
      gone.length > 0
        ? tBulk('resultRevoked', { count: gone.length, names: gone.map(label).join(', ') })
        : failed.length === 0 && remainingCount === 0
          ? tBulk('resultNone')
          : undefined;
    // "Remove all" stops at its cap: never let that read as done while other apps keep access.
    const remaining =
      remainingCount > 0
        ? tBulk('resultRemaining', { count: remainingCount, limit: REVOKE_ALL_LIMIT })
        : undefined;
    setMessages({
      success: [done, remaining].filter(Boolean).join(' ') || undefined,
      error:
        failed.length > 0
          ? tBulk('resultFailed', { count: failed.length, names: failed.map(label).join(', ') })
          : undefined,
    });
    // Keep the apps that failed selected, so trying again is one click.
    setSelected((current) =>
      withoutKeys(
        current,
        revoked.map((item) => item.clientId),
      ),
    );
    headingRef.current?.focus();
  };

  const goTo = (next: ListParams, mode: 'push' | 'replace' = 'push') => {
    setMessages({});
    navigate(next, mode);
    if (mode === 'push') headingRef.current?.scrollIntoView({ block: 'start' });
  };

  const filtered = needsWholeList(params);
  // A publisher's view pages on the backend, but it is still a narrowed view of the person's apps.
  const narrowed = filtered || params.developer !== '';
  const hasApps = data !== undefined && (data.totalCount > 0 || narrowed);

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

      <StatusMessages messages={messages} />

      {hasApps && <ListToolbar params={params} onChange={goTo} />}

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
            {narrowed ? t('noMatchesTitle') : t('emptyTitle')}
          </h2>
          <p className="mt-2 text-slate-600 dark:text-slate-300">
            {narrowed ? t('noMatchesBody') : t('emptyBody')}
          </p>
        </div>
      )}

      {data && data.totalCount > 0 && (
        <>
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-slate-600 dark:text-slate-300">
              {t('showing', {
                from: (data.page - 1) * data.size + 1,
                to: (data.page - 1) * data.size + data.apps.length,
                total: data.totalCount,
              })}
            </p>
            <BulkBar
              selectedCount={selected.size}
              onRevokeSelected={() =>
                setBulkTarget({
                  kind: 'selected',
                  apps: [...selected].map(([clientId, name]) => ({ clientId, name })),
                })
              }
              onClearSelection={() => setSelected(new Map())}
              onRevokeAll={() => setBulkTarget({ kind: 'all', count: data.totalCount })}
              showRevokeAll={!narrowed}
            />
          </div>
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
                  <AppCard
                    app={app}
                    announce={announce}
                    onRevoked={onRevoked}
                    selection={{
                      selected: selected.has(app.clientId),
                      onChange: (on) =>
                        setSelected((current) =>
                          on
                            ? new Map(current).set(app.clientId, app.name)
                            : withoutKeys(current, [app.clientId]),
                        ),
                    }}
                  />
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
            params={params}
            page={data.page}
            size={data.size}
            pageCount={data.pageCount}
            onNavigate={goTo}
          />
        </>
      )}

      <BulkRevokeDialog
        target={bulkTarget}
        onClose={() => setBulkTarget(null)}
        onDone={onBulkDone}
      />
    </section>
  );
}

function withoutKeys<V>(map: ReadonlyMap<string, V>, keys: readonly string[]): Map<string, V> {
  const next = new Map(map);
  for (const key of keys) next.delete(key);
  return next;
}

type BulkBarProps = {
  selectedCount: number;
  onRevokeSelected: () => void;
  onClearSelection: () => void;
  onRevokeAll: () => void;
  /** "all" means every app, so it is offered only when no search or filter narrows the view */
  showRevokeAll: boolean;
};

function BulkBar({
  selectedCount,
  onRevokeSelected,
  onClearSelection,
  onRevokeAll,
  showRevokeAll,
}: BulkBarProps) {
  const t = useTranslations('apps');
  return (
    <div className="flex flex-wrap items-center gap-2">
      {selectedCount > 0 && (
        <>
          <span className="text-sm font-medium">
            {t('selectedCount', { count: selectedCount })}
          </span>
          <Button variant="danger" onClick={onRevokeSelected}>
            {t('revokeSelected')}
          </Button>
          <Button variant="secondary" onClick={onClearSelection}>
            {t('clearSelection')}
          </Button>
        </>
      )}
      {selectedCount === 0 && showRevokeAll && (
        <Button variant="ghost" onClick={onRevokeAll}>
          {t('revokeAll')}
        </Button>
      )}
    </div>
  );
}
