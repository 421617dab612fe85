/**
 * Steps in between the page and one server action, to show what people see
 * while a call is slow or after it failed. A call is recognised by the
 * build's ID for the action (the `next-action` header), so a test holds or
 * breaks exactly the action it names and lets every other call through.
 */
import type { Page, Request, Route } from '@playwright/test';
import { actionId, type ActionName } from './actions';

// Actions post to the page they are called from; every page that calls one is under /apps.
const ACTION_PAGES = '**/apps**';

function callsOf(action: ActionName): (request: Request) => boolean {
  const id = actionId(action);
  return (request) => request.method() === 'POST' && request.headers()['next-action'] === id;
}

/** Holds every call of `action` from now on until the returned `release()` is called. */
export async function holdAction(page: Page, action: ActionName): Promise<() => void> {
  const isCall = callsOf(action);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(ACTION_PAGES, async (route) => {
    if (isCall(route.request())) await released;
    await route.fallback();
  });
  return release;
}

/**
 * Makes every call of `action` fail as a dropped connection would, until the
 * returned `restore()` is awaited.
 */
export async function failAction(page: Page, action: ActionName): Promise<() => Promise<void>> {
  const isCall = callsOf(action);
  const handler = async (route: Route) => {
    if (isCall(route.request())) await route.abort('connectionreset');
    else await route.fallback();
  };
  await page.route(ACTION_PAGES, handler);
  return () => page.unroute(ACTION_PAGES, handler);
}
