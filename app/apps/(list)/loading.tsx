import { getTranslations } from 'next-intl/server';
import { AppListSkeleton } from '@/components/apps/app-list-skeleton';

export default async function Loading() {
  const t = await getTranslations('apps');
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-6 sm:py-10">
      <div role="status" aria-label={t('loading')}>
        <div className="mb-6 h-8 w-2/3 animate-pulse rounded bg-slate-200 dark:bg-slate-700" />
        <AppListSkeleton />
      </div>
    </main>
  );
}
