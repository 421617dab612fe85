/**
 * Says so when a search, sort or filter could not look at every app (the person has more than
 * WHOLE_LIST_LIMIT, lib/grants/grant-service.ts): nothing is left out silently. Rendered from the
 * page's own data, so it follows every view the list shows — the first paint and each view
 * reached in the browser alike.
 */
import { useTranslations } from 'next-intl';

export function UnreadNotice({ unread }: { unread: number }) {
  const t = useTranslations('apps');
  if (unread === 0) return null;
  return (
    <p
      role="status"
      className="rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
    >
      {t('unreadNotice', { unread })}
    </p>
  );
}
