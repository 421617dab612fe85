/**
 * /apps/[clientId] — one app, with a stable URL. An unknown app, a malformed
 * ID, or an app this person has not authorized all get the same 404, which
 * says nothing about anyone else's apps.
 */
import { HydrationBoundary, QueryClient, dehydrate } from '@tanstack/react-query';
import { getLocale } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { AppDetail } from '@/components/apps/app-detail';
import { PageShell } from '@/components/page-shell';
import { GrantError, grantsForSignedInUser } from '@/lib/grants';
import { clientIdSchema } from '@/lib/grants/inputs';
import { appsKeys } from '@/lib/query';
import { withinRequest } from '@/lib/request-scope';
import { requireUser } from '@/lib/session';

export default async function AppPage({ params }: PageProps<'/apps/[clientId]'>) {
  const { clientId } = await params;
  const user = await requireUser(`/apps/${encodeURIComponent(clientId)}`);
  if (!clientIdSchema.safeParse(clientId).success) notFound();
  const grants = await grantsForSignedInUser();
  // One read of the person's tokens for both (docs/design-notes.md#a-save-reads-the-tokens-once);
  // the browser refetches each on its own, through the getApp and getGrants actions.
  const { app, grants: appGrants } = await withinRequest(() =>
    grants.getAppWithGrants(clientId),
  ).catch((error: unknown) => {
    if (error instanceof GrantError && error.code === 'app_not_found') notFound();
    throw error;
  });

  const queryClient = new QueryClient();
  const locale = await getLocale();
  queryClient.setQueryData(appsKeys.detail(locale, clientId), app);
  queryClient.setQueryData(appsKeys.grants(locale, clientId), appGrants);

  return (
    <PageShell user={user}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AppDetail clientId={clientId} />
      </HydrationBoundary>
    </PageShell>
  );
}
