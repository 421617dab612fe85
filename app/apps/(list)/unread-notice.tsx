/**
 * Says so when a search, sort or filter could not look at every app (the person has more than
 * WHOLE_LIST_LIMIT): nothing is left out silently. Rendered on the server with the first paint.
 */
import { getTranslations } from 'next-intl/server';
import type { AppPage } from '@/lib/grants';

export async function UnreadNotice({ page }: { page: AppPage }) {
  const unread = page.unreadCount ?? 0;
  if (unread === 0) return null;
  const t = await getTranslations('apps');
  return (
    <p
      role="status"
      className="mx-auto mt-4 max-w-3xl rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
    >
      {t('unreadNotice', { unread })}
    </p>
  );
}
