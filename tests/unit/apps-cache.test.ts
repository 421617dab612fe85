/**
 * What a confirmed write does to the cached apps pages (components/apps/apps-cache.ts): the
 * answer is shown as it is, and only the pages it cannot speak for are read again.
 */
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { dropRemovedApps, putSavedApp } from '@/components/apps/apps-cache';
import type { AppPage, AppSummary } from '@/lib/grants/types';
import { DEFAULT_LIST_PARAMS, type ListParams } from '@/lib/list-params';
import { appsKeys } from '@/lib/query';

const LOCALE = 'en';

function app(n: number, scopes = ['openid', 'photos.read']): AppSummary {
  return {
    clientId: String(1000 + n),
    name: `App ${n}`,
    description: null,
    logoUrl: null,
    developer: null,
    homepageUrl: null,
    privacyPolicyUrl: null,
    termsUrl: null,
    scopes: scopes.map((name) => ({
      name,
      description: name,
      kind: 'read' as const,
      whenRemoved: null,
    })),
    authorizedAt: '2026-01-01T00:00:00.000Z',
    lastActiveAt: null,
    offlineAccess: false,
    tokenCount: 1,
    newestGrantLabel: null,
    canStopRenewal: true,
    renewingGrantCount: 0,
    selfRegistration: null,
    firstParty: false,
    canNoLongerAct: false,
  };
}

function page(numbers: number[], pageNumber: number, totalCount: number): AppPage {
  return {
    apps: numbers.map((n) => app(n)),
    page: pageNumber,
    size: 5,
    totalCount,
    pageCount: Math.max(1, Math.ceil(totalCount / 5)),
  };
}

/** A client with `pages` cached; `shown` is on screen (observed), the rest are not. */
function cacheWith(pages: [ListParams, AppPage][], shown: ListParams) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  for (const [params, data] of pages) client.setQueryData(appsKeys.list(LOCALE, params), data);
  const reads: ListParams[] = [];
  const observer = new QueryObserver<AppPage>(client, {
    queryKey: appsKeys.list(LOCALE, shown),
    queryFn: async () => {
      reads.push(shown);
      return page([2, 3, 4, 5, 6], shown.page, 6);
    },
  });
  const unsubscribe = observer.subscribe(() => {});
  const data = (params: ListParams) => client.getQueryData<AppPage>(appsKeys.list(LOCALE, params));
  return { client, reads, data, unsubscribe };
}

const first = { ...DEFAULT_LIST_PARAMS, page: 1 };
const second = { ...DEFAULT_LIST_PARAMS, page: 2 };

describe('a confirmed save', () => {
  it('shows the app the server returned wherever it is cached, and reads nothing', async () => {
    const { client, reads, data, unsubscribe } = cacheWith([[first, page([1, 2], 1, 2)]], first);
    const saved = app(2, ['openid']);
    putSavedApp(client, LOCALE, saved);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(data(first)!.apps.map((shown) => shown.scopes.map((scope) => scope.name))).toEqual([
      ['openid', 'photos.read'],
      ['openid'],
    ]);
    expect(reads).toEqual([]);
    unsubscribe();
  });
});

describe('a confirmed removal', () => {
  it('on the last page: the card goes and the total drops, with nothing read again', async () => {
    const { client, reads, data, unsubscribe } = cacheWith([[first, page([1, 2, 3], 1, 3)]], first);
    dropRemovedApps(client, LOCALE, [app(2).clientId]);
    expect(data(first)).toMatchObject({ totalCount: 2, pageCount: 1 });
    expect(data(first)!.apps.map((shown) => shown.name)).toEqual(['App 1', 'App 3']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(reads).toEqual([]);
    unsubscribe();
  });

  it('with later pages: the card goes at once, the page is read again to fill the gap, and later pages are dropped', async () => {
    const { client, reads, data, unsubscribe } = cacheWith(
      [
        [first, page([1, 2, 3, 4, 5], 1, 7)],
        [second, page([6, 7], 2, 7)],
      ],
      first,
    );
    dropRemovedApps(client, LOCALE, [app(1).clientId]);
    expect(data(first)!.apps.map((shown) => shown.name)).toEqual([
      'App 2',
      'App 3',
      'App 4',
      'App 5',
    ]);
    expect(data(second)).toBeUndefined();
    await expect.poll(() => reads).toEqual([first]);
    expect(data(first)!.apps).toHaveLength(5);
    unsubscribe();
  });
});
