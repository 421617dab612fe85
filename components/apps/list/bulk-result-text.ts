'use client';
/**
 * Bulk-result wording: what a bulk removal did, in the person's language —
 * which apps lost access, which still have it because their removal failed,
 * and, when "remove all" stopped at its cap, that others still have access.
 */
import { useTranslations } from 'next-intl';
import { REVOKE_ALL_LIMIT } from '@/lib/grants/bulk-limits';
import type { BulkRevokeResult } from '@/lib/grants/types';
import type { Messages } from '../status-messages';

/** `nameOf` names an app the result could not (it was selected by name on another page). */
export function useBulkResultText() {
  const t = useTranslations('bulk');
  return (
    { items, remainingCount }: BulkRevokeResult,
    nameOf: (clientId: string) => string | undefined,
  ): Messages => {
    const label = (item: (typeof items)[number]) =>
      item.name ?? nameOf(item.clientId) ?? item.clientId;
    const failed = items.filter((item) => item.outcome === 'failed');
    const gone = items.filter((item) => item.outcome === 'revoked');
    const done =
      gone.length > 0
        ? t('resultRevoked', { count: gone.length, names: gone.map(label).join(', ') })
        : failed.length === 0 && remainingCount === 0
          ? t('resultNone')
          : undefined;
    // "Remove all" stops at its cap: never let that read as done while other apps keep access.
    const remaining =
      remainingCount > 0
        ? t('resultRemaining', { count: remainingCount, limit: REVOKE_ALL_LIMIT })
        : undefined;
    return {
      success: [done, remaining].filter(Boolean).join(' ') || undefined,
      error:
        failed.length > 0
          ? t('resultFailed', { count: failed.length, names: failed.map(label).join(', ') })
          : undefined,
    };
  };
}
