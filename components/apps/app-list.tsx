'use client';
/**
 * The person's apps, page by page, with search, sort, filters and bulk
 * removal. The first page comes hydrated from the server render; each of the
 * list's jobs has its own module in ./list: URL state, navigation, the query,
 * page correction, prefetch, selection and bulk-result wording. This one puts
 * them on the page.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useOpenedOnce } from '@/components/ui/use-opened-once';
import { BULK_REVOKE_LIMIT } from '@/lib/grants/bulk-limits';
import type { AppSummary, BulkRevokeResult, RevokeOutcome } from '@/lib/grants/types';
import { needsWholeList, type ListParams } from '@/lib/list-params';
import { AppCard } from './app-card';
import { AppListSkeleton } from './app-list-skeleton';
import { BulkRevokeDialog, type BulkTarget } from './bulk-revoke-dialog';
import { BulkBar } from './list/bulk-bar';
import { ExpiredNotice } from './list/expired-notice';
import { useBulkResultText } from './list/bulk-result-text';
import { useListQuery } from './list/list-query';
import { navigateList, type NavigationMode } from './list/navigate-list';
import { UnreadNotice } from './list/unread-notice';
import { useListParams } from './list/use-list-params';
import { usePageCorrection } from './list/use-page-correction';
import { usePrefetchNextPage } from './list/use-prefetch-next-page';
import { useSelection } from './list/use-selection';
import { ListToolbar } from './list-toolbar';
import { Pagination } from './pagination';
import type { Announce } from './scope-form';
import { StatusMessages, type Messages } from './status-messages';
import { useErrorText } from './use-error-text';

/** `selectionOwner`: the signed-in person's tag for a selection kept across a sign-in (lib/kept-selection-owner.ts). */
export function AppList({ selectionOwner }: { selectionOwner: string }) {
  const t = useTranslations('apps');
  const tApp = useTranslations('app');
  const errorText = useErrorText();
  const bulkResultText = useBulkResultText();
  const params = useListParams();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [messages, setMessages] = useState<Messages>({});
  const selection = useSelection(selectionOwner);
  const [bulkTarget, setBulkTarget] = useState<BulkTarget | null>(null);
  const bulkDialogMounted = useOpenedOnce(bulkTarget !== null);
  const [expiredNoticeKey, setExpiredNoticeKey] = useState(0);
  // A removal changes how many apps can no longer act: a count asked for before is forgotten.
  const forgetExpiredCount = () => setExpiredNoticeKey((key) => key + 1);

  // Focus moves to the heading after the render that closes a dialog: while the browser's modal
  // dialog is open, the rest of the page is inert and cannot take focus.
  const [headingFocusRequest, setHeadingFocusRequest] = useState(0);
  useEffect(() => {
    if (headingFocusRequest > 0) headingRef.current?.focus();
  }, [headingFocusRequest]);
  const focusHeading = () => setHeadingFocusRequest((count) => count + 1);

  const query = useListQuery(params);
  const data = query.data;
  usePageCorrection(params, data, query.isPlaceholderData);
  usePrefetchNextPage(params, data, query.isPlaceholderData);

  const announce: Announce = ({ tone, text }) =>
    setMessages(tone === 'success' ? { success: text } : { error: text });

  const onRevoked = (app: AppSummary, outcome: RevokeOutcome) => {
    setMessages({
      success: [
        tApp(outcome.alreadyRevoked ? 'alreadyRevoked' : 'revoked', { app: app.name }),
        ...(outcome.consentForgotten ? [tApp('consentForgotten')] : []),
      ].join(' '),
    });
    selection.drop([app.clientId]);
    forgetExpiredCount();
    // The card that held focus is gone; continue from the top of the list.
    focusHeading();
  };

  const onBulkDone = (result: BulkRevokeResult, kind: BulkTarget['kind']) => {
    setMessages(bulkResultText(result, (clientId) => selection.selected.get(clientId)?.name, kind));
    // Keep the apps that failed selected, so trying again is one click.
    selection.drop(
      result.items.filter((item) => item.outcome !== 'failed').map((item) => item.clientId),
    );
    forgetExpiredCount();
    focusHeading();
  };

  const onSelect = (app: AppSummary, on: boolean) => {
    if (!selection.toggle(app, on))
      setMessages({ error: t('selectionFull', { limit: BULK_REVOKE_LIMIT }) });
  };

  const goTo = (next: ListParams, mode: NavigationMode = 'push') => {
    setMessages({});
    navigateList(next, mode);
    if (mode === 'push') headingRef.current?.scrollIntoView({ block: 'start' });
  };

  const filtered = needsWholeList(params);
  // A publisher's view pages on the backend, but it is still a narrowed view of the person's apps.
  const narrowed = filtered || params.developer !== '';
  const hasApps = data !== undefined && (data.totalCount > 0 || narrowed);
  // A removal emptied this page while apps remain on others: it is being read again.
  const loadingPage = query.isPlaceholderData || (data !== undefined && data.apps.length === 0);

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

      {data && <UnreadNotice unread={data.unreadCount ?? 0} />}

      {data && data.totalCount > 0 && !params.developer && (
        <ExpiredNotice
          key={expiredNoticeKey}
          knownCount={data.expiredCount}
          onCleanUp={(count) => setBulkTarget({ kind: 'expired', count })}
        />
      )}

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
            {data.apps.length > 0 && (
              <p className="text-sm text-slate-600 dark:text-slate-300">
                {t('showing', {
                  from: (data.page - 1) * data.size + 1,
                  to: (data.page - 1) * data.size + data.apps.length,
                  total: data.totalCount,
                })}
              </p>
            )}
            <BulkBar
              selectedCount={selection.selected.size}
              onRevokeSelected={() =>
                setBulkTarget({
                  kind: 'selected',
                  apps: [...selection.selected.values()],
                })
              }
              onClearSelection={selection.clear}
              onRevokeAll={() => setBulkTarget({ kind: 'all', count: data.totalCount })}
              showRevokeAll={!narrowed}
            />
          </div>
          {loadingPage ? (
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
                      selected: selection.selected.has(app.clientId),
                      onChange: (on) => onSelect(app, on),
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

      {bulkDialogMounted && (
        <BulkRevokeDialog
          target={bulkTarget}
          selectionOwner={selectionOwner}
          onClose={() => setBulkTarget(null)}
          onDone={onBulkDone}
        />
      )}
    </section>
  );
}
