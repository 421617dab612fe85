/**
 * One timed page view, as a person sees it for the first time: a person made
 * for this view alone signs in and asks for the page once, so nothing the app
 * may keep per person (now or later) answers it from an earlier request. What
 * the app rightly keeps for everyone (client metadata, the scope catalogue) is
 * warmed just before by another person viewing the same page with no added
 * latency. In Authlete mode the view's Authlete calls come from the test
 * server's log.
 */
import type { AuthleteTestServer, RecordedRequest } from '../../tests/support/authlete-server';
import type { BenchApp, BenchWorld } from './people';
import { expectPage, signIn, timedGet, type Session } from './session';

export type Backend = {
  url: string;
  world: BenchWorld;
  /** the Authlete test server behind the app; null on the embedded backend */
  authlete: AuthleteTestServer | null;
};

export type View = {
  /** path and query, e.g. `/apps?q=photos` */
  path: string;
  /** text the page must show, so a wrong or failed answer is no figure */
  expectedText: string;
};

export type FirstView = { ms: number; calls: RecordedRequest[] };

/** A person holding `apps` whose views, before each measured one, warm what is shared. */
export async function warmUpPerson(backend: Backend, apps: readonly BenchApp[]): Promise<Session> {
  const person = backend.world.createPerson(apps);
  return signIn(backend.url, person.login, person.password);
}

export async function firstView(
  backend: Backend,
  apps: readonly BenchApp[],
  view: View,
  latencyMs: number,
  warmUp: Session,
): Promise<FirstView> {
  const url = `${backend.url}${view.path}`;
  const person = backend.world.createPerson(apps);
  const session = await signIn(backend.url, person.login, person.password);
  backend.authlete?.setLatency(0);
  expectPage(await timedGet(url, warmUp), url, view.expectedText);
  backend.authlete?.setLatency(latencyMs);
  backend.authlete?.clearRequests();
  try {
    const answer = await timedGet(url, session);
    expectPage(answer, url, view.expectedText);
    return { ms: answer.ms, calls: backend.authlete?.requests() ?? [] };
  } finally {
    backend.authlete?.setLatency(0);
  }
}

/** `receivedAt` is whole wall-clock milliseconds: a start may read up to this much early. */
const CLOCK_RESOLUTION_MS = 1;

/**
 * The most calls in the log that ran one after another (each starting after
 * the previous one answered): the round trips the view waited for in series.
 */
export function longestChain(calls: readonly RecordedRequest[]): number {
  const spans = calls
    .filter((call) => call.durationMs !== null)
    .map((call) => ({ start: call.receivedAt, end: call.receivedAt + call.durationMs! }))
    .sort((a, b) => a.start - b.start);
  const chain: number[] = [];
  spans.forEach((span, index) => {
    let before = 0;
    for (let earlier = 0; earlier < index; earlier++) {
      if (spans[earlier]!.end <= span.start + CLOCK_RESOLUTION_MS)
        before = Math.max(before, chain[earlier]!);
    }
    chain.push(before + 1);
  });
  return Math.max(0, ...chain);
}

/** The breakdown by operation of the view with the median number of calls. */
export function medianBreakdown(views: readonly FirstView[]): string {
  const sorted = [...views].sort((a, b) => a.calls.length - b.calls.length);
  return callsByOperation(sorted[Math.floor((sorted.length - 1) / 2)]!.calls);
}

/** "authorization.list 1, token.list 5", in order of first use. */
export function callsByOperation(calls: readonly RecordedRequest[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) {
    const name = call.operation ?? call.path;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, count]) => `${name} ${count}`).join(', ') || 'none';
}
