'use client';
/**
 * "by <publisher>", the name linking to the person's apps by that publisher: the list filtered by
 * Authlete's `developer`, which the backend's list call filters and pages (lib/list-params.ts).
 */
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { DEFAULT_LIST_PARAMS, listSearch } from '@/lib/list-params';

export function PublisherLink({ developer }: { developer: string }) {
  const t = useTranslations('app');
  const href = `/apps${listSearch({ ...DEFAULT_LIST_PARAMS, developer })}`;
  return (
    <p className="text-sm text-slate-600 dark:text-slate-300">
      {t.rich('byDeveloperLink', {
        developer,
        link: (chunks) => (
          <Link
            href={href}
            aria-label={t('developerAppsLabel', { developer })}
            className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
          >
            {chunks}
          </Link>
        ),
      })}
    </p>
  );
}
