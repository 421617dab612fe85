/**
 * Counts the server action calls a page sends, by action, from the moment
 * `watchActionCalls` is called: what a change costs in round trips, as a
 * person's browser makes them. `watchActionAnswers` does the same for their
 * answers.
 */
import type { Page, Request } from '@playwright/test';
import { ACTIONS, actionId, type ActionName } from './actions';

/** Names the action a request calls; null for any other request. */
function actionNamer(): (request: Request) => ActionName | null {
  const names = new Map(
    (Object.keys(ACTIONS) as ActionName[]).map((name) => [actionId(name), name] as const),
  );
  return (request) =>
    request.method() === 'POST'
      ? (names.get(request.headers()['next-action'] ?? '') ?? null)
      : null;
}

export function watchActionCalls(page: Page): () => ActionName[] {
  const nameOf = actionNamer();
  const calls: ActionName[] = [];
  page.on('request', (request) => {
    const name = nameOf(request);
    if (name) calls.push(name);
  });
  return () => [...calls];
}

/**
 * Each answer, with whether Next re-rendered the page into it: Next's `x-action-revalidated`
 * header, which it sets when the action set a cookie or revalidated a path or tag, and then
 * renders the page's tree into the answer for the browser to render again.
 */
export function watchActionAnswers(page: Page): () => { name: ActionName; rerendered: boolean }[] {
  const nameOf = actionNamer();
  const answers: { name: ActionName; rerendered: boolean }[] = [];
  page.on('response', (response) => {
    const name = nameOf(response.request());
    if (!name) return;
    const revalidated = response.headers()['x-action-revalidated'];
    answers.push({ name, rerendered: revalidated !== undefined && revalidated !== '0' });
  });
  return () => [...answers];
}
