/**
 * Whole-list views at size: a search and a sort over every app of a person
 * with 10, 100 or 1,000 apps (two tokens each), server time to the full
 * response of the first page of results, in Authlete mode with no added
 * latency and with every Authlete call delayed DELAY_MS, and on the embedded
 * backend with none. Each view is a person's first (see first-view.ts).
 */
import { DELAY_MS } from './authlete-calls';
import { markdownTable, show, spread } from './figures';
import {
  firstView,
  medianBreakdown,
  warmUpPerson,
  type Backend,
  type FirstView,
  type View,
} from './first-view';
import { SEARCH_WORD, type BenchApp } from './people';

export async function measureListViews(
  authlete: Backend,
  embedded: Backend,
  sizes: readonly number[],
  rounds: number,
): Promise<string> {
  const rows: string[][] = [];
  for (const size of sizes) {
    const authleteApps = authlete.world.createApps(size);
    const embeddedApps = embedded.world.createApps(size);
    const authleteWarmUp = await warmUpPerson(authlete, authleteApps);
    const embeddedWarmUp = await warmUpPerson(embedded, embeddedApps);
    for (const [label, viewOf] of VIEWS) {
      const authleteView = viewOf(authleteApps);
      const embeddedView = viewOf(embeddedApps);
      const plain: FirstView[] = [];
      const delayed: FirstView[] = [];
      const local: FirstView[] = [];
      // Round by round, so a busy spell on the machine weighs on every column alike.
      for (let round = 0; round < rounds; round++) {
        plain.push(await firstView(authlete, authleteApps, authleteView, 0, authleteWarmUp));
        delayed.push(
          await firstView(authlete, authleteApps, authleteView, DELAY_MS, authleteWarmUp),
        );
        local.push(await firstView(embedded, embeddedApps, embeddedView, 0, embeddedWarmUp));
      }
      rows.push([
        `${size.toLocaleString('en')} apps`,
        label,
        milliseconds(plain),
        milliseconds(delayed),
        show(spread(delayed.map((view) => view.calls.length)), 0),
        medianBreakdown(delayed),
        milliseconds(local),
      ]);
    }
  }
  return [
    `Whole-list views, first page of results, server time to the full response, ${rounds} rounds; ` +
      'median (min–max)',
    '',
    markdownTable(
      [
        'apps (2 tokens each)',
        'view',
        'Authlete ms, no latency',
        `Authlete ms, ${DELAY_MS} ms per call`,
        'Authlete calls',
        'calls by operation',
        'embedded ms',
      ],
      rows,
    ),
  ].join('\n');
}

/** The views measured, each with the app its first page of results must show. */
const VIEWS: ReadonlyArray<[string, (apps: readonly BenchApp[]) => View]> = [
  [
    `search ?q=${SEARCH_WORD}`,
    (apps) => {
      const match = apps.find((app) => app.name.toLowerCase().includes(SEARCH_WORD));
      if (!match)
        throw new Error(
          `no app matches "${SEARCH_WORD}" in a list of ${apps.length}: use sizes of 10 or more`,
        );
      return { path: `/apps?q=${SEARCH_WORD}`, expectedText: match.name };
    },
  ],
  [
    'sort ?sort=name',
    (apps) => ({
      path: '/apps?sort=name',
      expectedText: [...apps].sort((a, b) => a.name.localeCompare(b.name, 'en'))[0]!.name,
    }),
  ],
];

function milliseconds(views: readonly FirstView[]): string {
  return show(spread(views.map((view) => view.ms)), 0);
}
