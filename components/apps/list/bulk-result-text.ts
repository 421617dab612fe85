'use client';
/**
 * Bulk-result wording: what a bulk removal did, in the person's language —
 * which apps lost access, which still have it because their removal failed,
 * and, when "remove all" stopped at its cap, that others still have access.
 */
import { useTranslations } from 'next-intl';
import { BULK_REVOKE_LIMIT, REVOKE_ALL_LIMIT } from '@/lib/grants/bulk-limits';
import type { BulkRevokeResult } from '@/lib/grants/types';
import type { Messages } from '../status-messages';

/** `nameOf` names an app the result could not (it was selected by name on another page). */
export function useBulkResultText() {
  const t = useTranslations('bulk');
  return (
    { items, remainingCount }: BulkRevokeResult,
    nameOf: (clientId: string) => string | undefined,
    /** which bulk it was: the clean-up says its leftovers in its own words */
    kind: 'selected' | 'all' | 'expired' = 'selected',
  ): Messages => {
    const label = (item: (typeof items)[number]) =>
      item.name ?? nameOf(item.clientId) ?? item.clientId;
    const failed = items.filter((item) => item.outcome === 'failed');
    const gone = items.filter((item) => item.outcome === 'revoked');
    const firstParty = items.filter((item) => item.outcome === 'first_party');
    const usable = items.filter((item) => item.outcome === 'still_usable');
    const done =
      gone.length > 0
        ? t('resultRevoked', { count: gone.length, names: gone.map(label).join(', ') })
        : failed.length === 0 &&
            remainingCount === 0 &&
            firstParty.length === 0 &&
            usable.length === 0
          ? t('resultNone')
          : undefined;
    // "Remove all" stops at its cap: never let that read as done while other apps keep access.
    const remaining =
      remainingCount > 0
        ? kind === 'expired'
          ? t('resultRemainingExpired', { count: remainingCount, limit: BULK_REVOKE_LIMIT })
          : t('resultRemaining', { count: remainingCount, limit: REVOKE_ALL_LIMIT })
        : undefined;
    const kept =
      firstParty.length > 0
        ? t('resultFirstParty', {
            count: firstParty.length,
            names: firstParty.map(label).join(', '),
          })
        : undefined;
    const canActAgain =
      usable.length > 0
        ? t('resultStillUsable', { count: usable.length, names: usable.map(label).join(', ') })
        : undefined;
    return {
      success: [done, kept, canActAgain, remaining].filter(Boolean).join(' ') || undefined,
      error:
        failed.length > 0
          ? t('resultFailed', { count: failed.length, names: failed.map(label).join(', ') })
          : undefined,
    };
  };
}
