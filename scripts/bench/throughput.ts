/**
 * Requests/s and latency of the signed-in list page against the bare
 * baseline page, with autocannon: the same number of connections on both,
 * rounds alternating which side goes first (app, baseline; baseline, app; …)
 * so a drift in the machine's other work weighs on both alike. Beside them,
 * the server's CPU time per request (its whole process tree, cpu-time.ts),
 * which a busy machine moves far less. Every answer must be a 2xx: a redirect
 * to sign-in or an error page is not a figure.
 */
import autocannon from 'autocannon';
import { cpuSecondsOfTree } from './cpu-time';
import { markdownTable, ratioSpread, show, showRatio, spread } from './figures';
import { expectPage, timedGet, type Session } from './session';

export const CONNECTIONS = 10;
const WARM_UP_SECONDS = 1;

type Target = { url: string; pid: number };

export type ThroughputSetup = {
  app: Target;
  /** one per connection: each connection is its own signed-in person */
  sessions: readonly Session[];
  /** text every person's list page shows */
  expectedText: string;
  baseline: Target;
  rounds: number;
  seconds: number;
};

type Round = { perSecond: number; p50: number; p99: number; cpuMsPerRequest: number };

export async function measureThroughput(setup: ThroughputSetup): Promise<string> {
  const appPage = `${setup.app.url}/apps`;
  const baselinePage = `${setup.baseline.url}/`;
  expectPage(await timedGet(appPage, setup.sessions[0]!), appPage, setup.expectedText);
  const app = () => load(appPage, setup.app.pid, setup.sessions, setup.seconds);
  const baseline = () => load(baselinePage, setup.baseline.pid, [], setup.seconds);

  await load(appPage, setup.app.pid, setup.sessions, WARM_UP_SECONDS);
  await load(baselinePage, setup.baseline.pid, [], WARM_UP_SECONDS);
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
      [
        row('requests/s', 'perSecond'),
        row('p50 ms', 'p50'),
        row('p99 ms', 'p99'),
        row('server CPU ms per request', 'cpuMsPerRequest'),
      ],
    ),
  ].join('\n');
}

async function load(
  url: string,
  pid: number,
  sessions: readonly Session[],
  seconds: number,
): Promise<Round> {
  let next = 0;
  const cpuBefore = cpuSecondsOfTree(pid);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    setupClient: (client) => {
      const session = sessions[next++ % Math.max(1, sessions.length)];
      if (session) client.setHeaders({ cookie: session.cookieHeader });
    },
  });
  const cpuAfter = cpuSecondsOfTree(pid);
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
    cpuMsPerRequest:
      cpuBefore === null || cpuAfter === null
        ? Number.NaN
        : ((cpuAfter - cpuBefore) * 1000) / result.requests.total,
  };
}
