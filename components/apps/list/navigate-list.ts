'use client';
/**
 * Navigation between list views without a server render: `history.pushState`
 * changes the URL (Next keeps useSearchParams in step, and the back button
 * works) and the list's query fetches the new view through the `listApps`
 * server action. `replace` rewrites the current entry instead, for corrections
 * that are not a step the person took.
 */
import { listSearch, type ListParams } from '@/lib/list-params';

export type NavigationMode = 'push' | 'replace';

export function navigateList(next: ListParams, mode: NavigationMode = 'push'): void {
  const url = `/apps${listSearch(next)}`;
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}
