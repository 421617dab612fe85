'use client';
/**
 * "Registered itself": the app came through dynamic client registration, OpenID Federation or a
 * client ID metadata document rather than being registered by the service's operators, with one
 * line saying which. More and more AI agents connect this way.
 */
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import type { SelfRegistration } from '@/lib/grants/types';

export function SelfRegisteredBadge({ how }: { how: SelfRegistration }) {
  const t = useTranslations('app');
  const whyId = useId();
  return (
    <div className="mt-2">
      <p
        aria-describedby={whyId}
        className="inline-flex items-center rounded-full bg-sky-100 px-2.5 py-0.5 text-xs font-medium text-sky-900 dark:bg-sky-900/60 dark:text-sky-100"
      >
        {t('selfRegistered')}
      </p>
      <p id={whyId} className="mt-1 text-xs text-slate-600 dark:text-slate-300">
        {t(`selfRegisteredWhy.${how}`)}
      </p>
    </div>
  );
}
