/**
 * Counts the server action calls a page sends, by action, from the moment
 * `watchActionCalls` is called: what a change costs in round trips, as a
 * person's browser makes them.
 */
import type { Page } from '@playwright/test';
import { ACTIONS, actionId, type ActionName } from './actions';

export function watchActionCalls(page: Page): () => ActionName[] {
  const names = new Map(
    (Object.keys(ACTIONS) as ActionName[]).map((name) => [actionId(name), name] as const),
  );
  const calls: ActionName[] = [];
  page.on('request', (request) => {
    const name = names.get(request.headers()['next-action'] ?? '');
    if (request.method() === 'POST' && name) calls.push(name);
  });
  return () => [...calls];
}
