'use client';
/**
 * What a confirmed write does to the cached apps pages. The write's own answer
 * is the new state — the saved app as the server read it back after the
 * change, or the apps it says are gone — so it goes straight into the cache
 * and the page shows it without a refetch in series behind the write. Pages
 * the answer cannot speak for are marked stale (read again when next shown),
 * or dropped where what they hold would now be wrong, such as the offsets of
 * other pages after a removal. Only ever called once the server has confirmed.
 */
import type { Query, QueryClient } from '@tanstack/react-query';
import type { AppPage, AppSummary } from '@/lib/grants/types';
import { pageCount } from '@/lib/list-params';
import { appsKeys } from '@/lib/query';

/** A confirmed save: the app as the server returned it replaces it wherever it is shown. */
export function putSavedApp(client: QueryClient, locale: string, app: AppSummary): void {
  client.setQueriesData<AppPage>({ queryKey: appsKeys.lists(locale) }, (page) =>
    page?.apps.some((shown) => shown.clientId === app.clientId)
      ? { ...page, apps: page.apps.map((shown) => (shown.clientId === app.clientId ? app : shown)) }
      : page,
  );
  client.setQueryData<AppSummary>(appsKeys.detail(locale, app.clientId), (shown) =>
    shown ? app : undefined,
  );
  markStale(client);
}

/**
 * Confirmed removals: the pages that showed these apps lose them at once (and their totals
 * shrink). A page that now has a gap later apps should fill, or whose total the removal of apps
 * on other pages has changed, and every other list page (their offsets have moved), is read
 * again: in the background if it is on screen — it keeps showing the confirmed state until the
 * answer — else it is dropped and read when next shown. Nothing here is waited for.
 */
export function dropRemovedApps(
  client: QueryClient,
  locale: string,
  clientIds: readonly string[],
): void {
  const gone = new Set(clientIds);
  if (gone.size === 0) return;
  const reread: Query[] = [];
  for (const query of client.getQueryCache().findAll({ queryKey: appsKeys.lists(locale) })) {
    const page = query.state.data as AppPage | undefined;
    const kept = page?.apps.filter((app) => !gone.has(app.clientId));
    if (page && kept && kept.length < page.apps.length) {
      const removedHere = page.apps.length - kept.length;
      const totalCount = Math.max(0, page.totalCount - removedHere);
      client.setQueryData<AppPage>(query.queryKey, {
        ...page,
        apps: kept,
        // Its clean-up count no longer holds; the page read again brings a fresh one.
        expiredCount: undefined,
        totalCount,
        pageCount: pageCount(totalCount, page.size),
      });
      // Exact as it stands only when every removed app was on it (its total is right) and no
      // later page has apps to move up into the gap; otherwise it is read again below.
      const last = page.page >= page.pageCount;
      if (removedHere === gone.size && last && (kept.length > 0 || totalCount === 0)) continue;
    }
    if (query.getObserversCount() > 0) reread.push(query);
    else client.removeQueries({ queryKey: query.queryKey, exact: true });
  }
  markStale(client);
  void client.invalidateQueries({
    queryKey: appsKeys.lists(locale),
    predicate: (query) => reread.includes(query),
  });
}

/**
 * After a write the server refused or whose answer was lost: the backend may or may not have
 * changed, so the page shown is read again (the person's choice in a form stays as it was).
 */
export function rereadAfterFailure(client: QueryClient): Promise<void> {
  return client.invalidateQueries({ queryKey: appsKeys.all });
}

/** Whatever the answer could not speak for is read again the next time it is shown. */
function markStale(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: appsKeys.all, refetchType: 'none' });
}
