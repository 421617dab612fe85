'use client';
import { useFormatter, useNow, useTranslations } from 'next-intl';

/**
 * "Access granted <date> (<relative time>)" and "Access last renewed <relative time>", the exact
 * time on hover. Renewed, not used: Authlete records no use (docs/authlete.md#nothing-records-use).
 */
export function AppDates({
  authorizedAt,
  lastActiveAt,
}: {
  authorizedAt: string;
  lastActiveAt: string | null;
}) {
  const t = useTranslations('app');
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const granted = new Date(authorizedAt);
  const active = lastActiveAt ? new Date(lastActiveAt) : null;
  const exact = (date: Date) => format.dateTime(date, { dateStyle: 'full', timeStyle: 'short' });
  return (
    <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-600 dark:text-slate-300">
      <p>
        {t.rich('authorizedOn', {
          date: format.dateTime(granted, { dateStyle: 'medium' }),
          ago: format.relativeTime(granted, now),
          time: (chunks) => (
            <time dateTime={authorizedAt} title={exact(granted)}>
              {chunks}
            </time>
          ),
          // Relative to "now", which differs slightly between server render and hydration.
          relative: (chunks) => (
            <span className="whitespace-nowrap" suppressHydrationWarning>
              {chunks}
            </span>
          ),
        })}
      </p>
      <p>
        {active
          ? t.rich('lastRenewed', {
              when: format.relativeTime(active, now),
              time: (chunks) => (
                <time dateTime={lastActiveAt!} title={exact(active)} suppressHydrationWarning>
                  {chunks}
                </time>
              ),
            })
          : t('notRenewedSince')}
      </p>
    </div>
  );
}
