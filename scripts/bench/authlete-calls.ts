/**
 * How many Authlete calls a page makes, and how many of them it waits for one
 * after another, for a person with five apps: the list page and an app's
 * detail page, in Authlete mode. Each round views the page twice, first with
 * no added latency, then with every Authlete call delayed by DELAY_MS (each
 * view by a person of its own, see first-view.ts); the depth of the round is
 * (t_delayed − t_plain) ÷ DELAY_MS: the server's own work cancels out, and
 * what is left is the delay it sat through in series. The longest chain of
 * calls in the test server's log, one answered before the next began, is the
 * same depth counted rather than timed.
 */
import { markdownTable, show, spread } from './figures';
import {
  firstView,
  longestChain,
  medianBreakdown,
  warmUpPerson,
  type Backend,
  type FirstView,
  type View,
} from './first-view';
import type { BenchApp } from './people';
import type { Session } from './session';

export const DELAY_MS = 50;
const APPS = 5;

export async function measureAuthleteCalls(backend: Backend, rounds: number): Promise<string> {
  const apps = backend.world.createApps(APPS);
  const warmUp = await warmUpPerson(backend, apps);
  const pages: Array<[string, View]> = [
    ['list page /apps (5 apps)', { path: '/apps', expectedText: apps[0]!.name }],
    [
      'detail page /apps/[clientId]',
      { path: `/apps/${apps[0]!.clientId}`, expectedText: apps[0]!.name },
    ],
  ];
  const rows: string[][] = [];
  for (const [label, view] of pages) {
    const { plain, delayed } = await measurePage(backend, apps, view, warmUp, rounds);
    rows.push([
      label,
      show(spread(delayed.map((one) => one.calls.length)), 0),
      medianBreakdown(delayed),
      show(spread(plain.map((one) => one.ms))),
      show(spread(delayed.map((one) => one.ms))),
      show(spread(delayed.map((one, round) => (one.ms - plain[round]!.ms) / DELAY_MS))),
      show(spread(delayed.map((one) => longestChain(one.calls))), 0),
    ]);
  }
  return [
    `Authlete calls per page, Authlete mode (v3 test server), ${rounds} rounds; ` +
      `depth = (t_delayed − t_plain) ÷ ${DELAY_MS} with every call delayed ${DELAY_MS} ms; median (min–max)`,
    '',
    markdownTable(
      [
        'page',
        'Authlete calls',
        'calls by operation',
        'server ms, no latency',
        `server ms, ${DELAY_MS} ms per call`,
        'depth',
        'longest chain in the log',
      ],
      rows,
    ),
  ].join('\n');
}

/** Round by round: a view with no added latency, then one with every call delayed. */
async function measurePage(
  backend: Backend,
  apps: readonly BenchApp[],
  view: View,
  warmUp: Session,
  rounds: number,
): Promise<{ plain: FirstView[]; delayed: FirstView[] }> {
  const plain: FirstView[] = [];
  const delayed: FirstView[] = [];
  for (let round = 0; round < rounds; round++) {
    plain.push(await firstView(backend, apps, view, 0, warmUp));
    delayed.push(await firstView(backend, apps, view, DELAY_MS, warmUp));
  }
  return { plain, delayed };
}
