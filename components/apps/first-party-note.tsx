'use client';
/**
 * "First-party": the operator marked the app as its own (FIRST_PARTY_ATTRIBUTE), so removing
 * several apps at once and the clean-up leave it alone; one line says why it cannot be picked.
 */
import { useTranslations } from 'next-intl';

export function FirstPartyNote({ id }: { id: string }) {
  const t = useTranslations('app');
  return (
    <div className="mt-2">
      <p
        aria-describedby={id}
        className="inline-flex items-center rounded-full bg-emerald-100 px-2.5 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100"
      >
        {t('firstParty')}
      </p>
      <p id={id} className="mt-1 text-xs text-slate-600 dark:text-slate-300">
        {t('firstPartyWhy')}
      </p>
    </div>
  );
}
