'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { chooseLocale } from '@/app/locale-actions';
import { LOCALES } from '@/lib/i18n/locales';

/** Language picker; each language is named in itself so people can find their own. */
export function LocaleSwitcher() {
  const t = useTranslations('common');
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only sm:not-sr-only">{t('language')}</span>
      <select
        value={locale}
        // Busy rather than disabled: disabling the focused select would drop keyboard focus to
        // the top of the page. A second choice meanwhile is harmless: the last one wins.
        aria-busy={pending || undefined}
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            await chooseLocale(next);
            router.refresh();
          });
        }}
        className="min-h-10 rounded-lg border border-slate-300 bg-white px-2 dark:border-slate-600 dark:bg-slate-800"
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`languages.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
