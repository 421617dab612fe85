/** A grant store that keeps every list range it is asked for: for tests that count the reads. */
import type { GrantStore, ListRange } from '@/lib/grants/grant-store';

export function recordingListRanges(store: GrantStore): { store: GrantStore; listed: ListRange[] } {
  const listed: ListRange[] = [];
  return {
    listed,
    store: {
      ...store,
      listAuthorizedApps(subject, range) {
        listed.push(range);
        return store.listAuthorizedApps(subject, range);
      },
    },
  };
}
