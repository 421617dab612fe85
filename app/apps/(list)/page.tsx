/**
 * /apps?page=N&size=S — rendered on the server through the data layer for the
 * first paint, then handed to React Query so the browser continues from there.
 */
import { HydrationBoundary, QueryClient, dehydrate } from '@tanstack/react-query';
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { AppList } from '@/components/apps/app-list';
import { PageShell } from '@/components/page-shell';
import { grantsForSignedInUser } from '@/lib/grants';
import { keptSelectionOwner } from '@/lib/kept-selection-owner';
import { listSearch, parseListParams } from '@/lib/list-params';
import { appsKeys } from '@/lib/query';
import { withinRequest } from '@/lib/request-scope';
import { requireUser } from '@/lib/session';

export default async function AppsPage({ searchParams }: PageProps<'/apps'>) {
  const params = parseListParams(await searchParams);
  const user = await requireUser(`/apps${listSearch(params)}`);
  const grants = await grantsForSignedInUser();
  const locale = await getLocale();

  const queryClient = new QueryClient();
  const page = await withinRequest(() => grants.listApps(params));
  queryClient.setQueryData(appsKeys.list(locale, params), page);

  return (
    <PageShell user={user}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AppList selectionOwner={keptSelectionOwner(user.subject)} />
      </HydrationBoundary>
      <p className="mt-8 text-center">
        <Link
          href="/apps/history"
          className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900 dark:text-indigo-300 dark:hover:text-indigo-200"
        >
          {(await getTranslations('history'))('link')}
        </Link>
      </p>
    </PageShell>
  );
}
