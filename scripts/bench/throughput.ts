/**
 * Requests/s and latency of the signed-in list page against the bare
 * baseline page, with autocannon: the same number of connections on both,
 * rounds alternating which side goes first (app, baseline; baseline, app; …)
 * so a drift in the machine's other work weighs on both alike. Every answer
 * must be a 2xx: a redirect to sign-in or an error page is not a figure.
 */
import autocannon from 'autocannon';
import { markdownTable, ratioSpread, show, showRatio, spread } from './figures';
import { expectPage, timedGet, type Session } from './session';

export const CONNECTIONS = 10;
const WARM_UP_SECONDS = 1;

export type ThroughputSetup = {
  appUrl: string;
  /** one per connection: each connection is its own signed-in person */
  sessions: readonly Session[];
  /** text every person's list page shows */
  expectedText: string;
  baselineUrl: string;
  rounds: number;
  seconds: number;
};

type Round = { perSecond: number; p50: number; p99: number };

export async function measureThroughput(setup: ThroughputSetup): Promise<string> {
  const appPage = `${setup.appUrl}/apps`;
  expectPage(await timedGet(appPage, setup.sessions[0]!), appPage, setup.expectedText);
  const app = () => load(appPage, setup.sessions, setup.seconds);
  const baseline = () => load(`${setup.baselineUrl}/`, [], setup.seconds);

  await load(appPage, setup.sessions, WARM_UP_SECONDS);
  await load(`${setup.baselineUrl}/`, [], WARM_UP_SECONDS);
  const appRounds: Round[] = [];
  const baselineRounds: Round[] = [];
  for (let round = 0; round < setup.rounds; round++) {
    if (round % 2 === 0) {
      appRounds.push(await app());
      baselineRounds.push(await baseline());
    } else {
      baselineRounds.push(await baseline());
      appRounds.push(await app());
    }
  }
  // Still signed in at the end: every round measured the real page.
  expectPage(await timedGet(appPage, setup.sessions.at(-1)!), appPage, setup.expectedText);

  const column = (rounds: Round[], key: keyof Round) => rounds.map((round) => round[key]);
  const row = (label: string, key: keyof Round) => [
    label,
    show(spread(column(appRounds, key))),
    show(spread(column(baselineRounds, key))),
    showRatio(ratioSpread(column(appRounds, key), column(baselineRounds, key))),
  ];
  return [
    `GET /apps signed in (embedded backend, 5 apps each), ${CONNECTIONS} connections, ` +
      `${setup.rounds} rounds × ${setup.seconds} s per side; median (min–max) over rounds`,
    '',
    markdownTable(
      ['', 'GET /apps', 'baseline page', 'app ÷ baseline'],
      [row('requests/s', 'perSecond'), row('p50 ms', 'p50'), row('p99 ms', 'p99')],
    ),
  ].join('\n');
}

async function load(url: string, sessions: readonly Session[], seconds: number): Promise<Round> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    setupClient: (client) => {
      const session = sessions[next++ % Math.max(1, sessions.length)];
      if (session) client.setHeaders({ cookie: session.cookieHeader });
    },
  });
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) {
    throw new Error(
      `GET ${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}
