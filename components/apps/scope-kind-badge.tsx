'use client';
import { useTranslations } from 'next-intl';
import type { ScopeKind } from '@/lib/grants/types';

const STYLES: Record<Exclude<ScopeKind, 'read'>, string> = {
  payment: 'bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100',
  write: 'bg-orange-100 text-orange-900 dark:bg-orange-900/60 dark:text-orange-100',
  offline: 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100',
};

/** Flags the permissions that matter most; reading needs no flag. */
export function ScopeKindBadge({ kind }: { kind: ScopeKind }) {
  const t = useTranslations('app.kinds');
  if (kind === 'read') return null;
  return (
    <span
      className={`ml-2 inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLES[kind]}`}
    >
      {t(kind)}
    </span>
  );
}
