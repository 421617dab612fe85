/**
 * /apps/history?page=N&size=S — every change the signed-in person made here,
 * newest first, rendered on the server (plain links page through it).
 */
import { HistoryList } from '@/components/history/history-list';
import { PageShell } from '@/components/page-shell';
import { config } from '@/lib/env';
import { historyForSignedInUser } from '@/lib/history';
import { parseListParams } from '@/lib/list-params';
import { withinRequest } from '@/lib/request-scope';
import { requireUser } from '@/lib/session';

export default async function HistoryPage({ searchParams }: PageProps<'/apps/history'>) {
  const { page, size } = parseListParams(await searchParams);
  const user = await requireUser(`/apps/history?page=${page}&size=${size}`);
  const view = await withinRequest(() => historyForSignedInUser({ page, size }));
  return (
    <PageShell user={user}>
      <HistoryList view={view} retentionDays={config().historyRetentionDays} />
    </PageShell>
  );
}
