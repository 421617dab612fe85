/**
 * A save (narrowing an app's permissions) and a removal, clicked in Chromium
 * on the list page in Authlete mode with every Authlete call delayed: from the
 * click to a visible pending state (an element with aria-busy), and from the
 * click to the confirmed new state on screen (the success announcement, and
 * the permission gone from the app, or the app gone from the list). Beside it,
 * the write's own Authlete time: the span of the calls the test server
 * received from the click until the browser's next request after the write
 * (its first non-GET after the click), or until the confirmed state when
 * there is none. What is left above that span is the cost of everything
 * else: the app, the browser, any refetch in series. It is split into the part
 * before the first call, the app's own work between calls (the span less the
 * time some call was open) and the part after the last call, and set beside
 * the floor of this stack: a click on the baseline's bare page
 * (bench/baseline/app/write) that calls a Next.js server action answering at
 * once, to the answer on screen, measured in alternating rounds.
 *
 * The page records its own times (a MutationObserver on the document), so no
 * polling from here adds to them.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { SCOPE_CATALOGUE } from '../../lib/embedded/demo-data';
import type { AuthleteTestServer, RecordedRequest } from '../../tests/support/authlete-server';
import { newContext } from './browser';
import { markdownTable, show, spread } from './figures';
import type { Backend } from './first-view';
import type { Messages } from './messages';
import type { BenchApp } from './people';
import { signIn } from './session';

/** Granted by the bench's people (people.ts) and safe to drop: others remain. */
const DROPPED_SCOPE = 'photos.write';
const APPS = 5;
const WAIT_MS = 30_000;
const QUIET_MS = 300;
/** Chromium and this process read the same wall clock, each to about a millisecond. */
const CLOCK_SLACK_MS = 2;

type Kind = 'save' | 'removal';

type Timings = {
  pendingMs: number;
  confirmedMs: number;
  writeAnsweredMs: number;
  writeCalls: number;
  writeAuthleteMs: number;
  /** from the click to the first Authlete call */
  beforeFirstCallMs: number;
  /** inside the Authlete span, the time no call was open: the app's own work between calls */
  betweenCallsMs: number;
  /** from the end of the last Authlete call to the confirmed state on screen */
  afterLastCallMs: number;
  allCalls: number;
  browserRequests: number;
};

/** The baseline's bare server action: busy and answered, in ms from the click. */
type BareTimings = { pendingMs: number; confirmedMs: number };

/** What the baseline's write page announces after its first save (bench/baseline/app/write). */
const BARE_ANNOUNCEMENT = 'Saved 1';

/** What the page keeps about one click; see WATCHER. */
type Watch = { click: number | null; busy: number | null; done: number | null; timeOrigin: number };

export async function measureWrites(
  backend: Backend & { authlete: AuthleteTestServer },
  baselineUrl: string,
  browser: Browser,
  messages: Messages,
  latencyMs: number,
  rounds: number,
): Promise<string> {
  const apps = backend.world.createApps(APPS);
  const measured: Record<Kind, Timings[]> = { save: [], removal: [] };
  const bare: BareTimings[] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternating which side goes first, so a busy spell weighs on both.
    if (round % 2 === 0) bare.push(await bareWrite(browser, baselineUrl));
    const person = backend.world.createPerson(apps);
    const session = await signIn(backend.url, person.login, person.password);
    const context = await newContext(browser, backend.url, session);
    try {
      const page = await context.newPage();
      const quiet = quietNetwork(page);
      backend.authlete.setLatency(latencyMs);
      await page.goto(`${backend.url}/apps`, { waitUntil: 'networkidle' });
      measured.save.push(await save(page, quiet, backend, messages, apps[0]!));
      measured.removal.push(await removal(page, quiet, backend, messages, apps[1]!));
    } finally {
      backend.authlete.setLatency(0);
      await context.close();
    }
    if (round % 2 === 1) bare.push(await bareWrite(browser, baselineUrl));
  }
  const ms = (values: number[]) => show(spread(values), 0);
  const rows = (['save', 'removal'] as const).map((kind) => {
    const of = (key: keyof Timings) => measured[kind].map((timings) => timings[key]);
    const aboveAuthlete = measured[kind].map(
      (timings) => timings.confirmedMs - timings.writeAuthleteMs,
    );
    return [
      kind === 'save' ? 'save (narrow permissions)' : 'removal',
      ms(of('pendingMs')),
      ms(of('confirmedMs')),
      `${ms(of('writeAuthleteMs'))} (${show(spread(of('writeCalls')), 0)} calls)`,
      ms(aboveAuthlete),
      ms(of('beforeFirstCallMs')),
      ms(of('betweenCallsMs')),
      ms(of('afterLastCallMs')),
      // Round by round, against the bare action measured beside it.
      ms(aboveAuthlete.map((value, round) => value - bare[round]!.confirmedMs)),
      ms(of('writeAnsweredMs')),
      show(spread(of('allCalls')), 0),
      show(spread(of('browserRequests')), 0),
    ];
  });
  const none = '—';
  rows.push([
    'bare server action (baseline page)',
    ms(bare.map((timings) => timings.pendingMs)),
    ms(bare.map((timings) => timings.confirmedMs)),
    '0 (0 calls)',
    ms(bare.map((timings) => timings.confirmedMs)),
    none,
    none,
    none,
    '0',
    none,
    '0',
    '1',
  ]);
  return [
    `Writes in Chromium, Authlete mode, every Authlete call delayed ${latencyMs} ms, ${rounds} rounds; ` +
      'ms from the click; median (min–max)',
    '',
    markdownTable(
      [
        'write',
        'pending shown',
        'confirmed on screen',
        "write's Authlete time",
        'confirmed − Authlete time',
        'of it: before the first call',
        'app between calls (in the Authlete time)',
        'after the last call',
        '(confirmed − Authlete) − bare action',
        'write answered',
        'Authlete calls until confirmed',
        'browser requests until confirmed',
      ],
      rows,
    ),
  ].join('\n');
}

async function save(
  page: Page,
  quiet: () => Promise<void>,
  backend: Backend & { authlete: AuthleteTestServer },
  messages: Messages,
  app: BenchApp,
) {
  const scopeText = SCOPE_CATALOGUE.find((scope) => scope.name === DROPPED_SCOPE)!.en;
  const card = page.getByRole('article', { name: app.name });
  await card.getByRole('checkbox', { name: scopeText }).uncheck();
  await card.getByRole('button', { name: messages('app.reviewChanges') }).click();
  const confirm = card
    .getByRole('region', { name: messages('app.summaryTitle') })
    .getByRole('button', { name: messages('app.confirmSave') });
  return clickAndTime(page, quiet, backend, confirm, {
    kind: 'save',
    appName: app.name,
    announcement: messages('app.saved', { app: app.name }),
    scopeText,
  });
}

async function removal(
  page: Page,
  quiet: () => Promise<void>,
  backend: Backend & { authlete: AuthleteTestServer },
  messages: Messages,
  app: BenchApp,
) {
  const card = page.getByRole('article', { name: app.name });
  await card.getByRole('button', { name: messages('app.removeAccess'), exact: true }).click();
  const confirm = page
    .getByRole('alertdialog', { name: messages('revoke.title', { app: app.name }) })
    .getByRole('button', { name: messages('revoke.confirm'), exact: true });
  return clickAndTime(page, quiet, backend, confirm, {
    kind: 'removal',
    appName: app.name,
    announcement: messages('app.revoked', { app: app.name }),
    scopeText: '',
  });
}

/** `bare`: the baseline's write page, confirmed by its announcement alone. */
type WatchSpec = { kind: Kind | 'bare'; appName: string; announcement: string; scopeText: string };

async function clickAndTime(
  page: Page,
  quiet: () => Promise<void>,
  backend: Backend & { authlete: AuthleteTestServer },
  target: ReturnType<Page['getByRole']>,
  spec: WatchSpec,
): Promise<Timings> {
  await target.waitFor();
  // Nothing of an earlier step still in flight, to be taken for this click's requests.
  await quiet();
  await page.evaluate(`(${WATCHER})(${JSON.stringify(spec)})`);
  const origin = new URL(backend.url).origin;
  const requests: Request[] = [];
  const onRequest = (request: Request) => {
    if (request.url().startsWith(origin)) requests.push(request);
  };
  page.on('request', onRequest);
  backend.authlete.clearRequests();
  await target.click();
  await confirmedInPage(page);
  page.off('request', onRequest);
  const watch = (await page.evaluate('window.__benchWrite')) as Watch;
  const calls = backend.authlete.requests();

  // Epoch milliseconds, comparable with the test server's `receivedAt`.
  const clickedAt = watch.timeOrigin + watch.click!;
  const confirmedAt = watch.timeOrigin + watch.done!;
  const startOf = (request: Request) => request.timing().startTime;
  const sent = requests.filter((request) => startOf(request) <= confirmedAt);
  const writeIndex = sent.findIndex((request) => request.method() !== 'GET');
  if (writeIndex < 0) throw new Error(`${spec.kind}: the browser sent no write request`);
  const write = sent[writeIndex]!;
  // The write's calls all reach the test server before its answer leaves the app, and the
  // browser's next request (a refetch) cannot start before that answer arrived.
  const next = sent[writeIndex + 1];
  const windowEnd = next ? startOf(next) : confirmedAt;
  const writeCalls = calls.filter(
    (call) =>
      call.durationMs !== null &&
      call.receivedAt >= clickedAt - CLOCK_SLACK_MS &&
      call.receivedAt <= windowEnd + CLOCK_SLACK_MS,
  );
  if (writeCalls.length === 0) throw new Error(`${spec.kind}: no Authlete call for the write`);
  const firstCallAt = Math.min(...writeCalls.map((call) => call.receivedAt));
  const lastCallEnd = Math.max(...writeCalls.map((call) => call.receivedAt + call.durationMs!));
  // Next's client may abort reading an action's answer once it has it: time to its headers.
  const answered = await write.response();
  if (!answered) throw new Error(`${spec.kind}: the write request got no answer`);
  return {
    pendingMs: watch.busy === null ? Number.NaN : watch.busy - watch.click!,
    confirmedMs: watch.done! - watch.click!,
    writeAnsweredMs: startOf(write) + write.timing().responseStart - clickedAt,
    writeCalls: writeCalls.length,
    writeAuthleteMs: span(writeCalls),
    beforeFirstCallMs: firstCallAt - clickedAt,
    betweenCallsMs: span(writeCalls) - openTime(writeCalls),
    afterLastCallMs: confirmedAt - lastCallEnd,
    allCalls: calls.filter((call) => call.receivedAt <= confirmedAt + CLOCK_SLACK_MS).length,
    browserRequests: sent.length,
  };
}

/**
 * Polls the watcher: the page has noted the time itself, so the polling adds
 * nothing to it. (waitForFunction would evaluate its predicate inside the
 * page, which the app's Content-Security-Policy rightly refuses.)
 */
async function confirmedInPage(page: Page): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!(await page.evaluate('window.__benchWrite.done !== null'))) {
    if (Date.now() > deadline) throw new Error('the confirmed state never appeared');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Resolves once the page has had no request in flight for QUIET_MS. */
function quietNetwork(page: Page): () => Promise<void> {
  const inFlight = new Set<Request>();
  page.on('request', (request) => inFlight.add(request));
  page.on('requestfinished', (request) => inFlight.delete(request));
  page.on('requestfailed', (request) => inFlight.delete(request));
  return async () => {
    const deadline = Date.now() + WAIT_MS;
    let quietSince = Date.now();
    while (Date.now() - quietSince < QUIET_MS) {
      if (Date.now() > deadline) throw new Error('the page never stopped loading');
      if (inFlight.size > 0) quietSince = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
}

/**
 * The bare action on the baseline's write page, in a fresh context: from the click to the
 * button being busy, and to the answer announced.
 */
async function bareWrite(browser: Browser, baselineUrl: string): Promise<BareTimings> {
  const context = await newContext(browser, baselineUrl, null);
  try {
    const page = await context.newPage();
    const quiet = quietNetwork(page);
    await page.goto(`${baselineUrl}/write`, { waitUntil: 'networkidle' });
    const button = page.getByRole('button', { name: 'Save' });
    await button.waitFor();
    await quiet();
    const spec: WatchSpec = {
      kind: 'bare',
      appName: '',
      announcement: BARE_ANNOUNCEMENT,
      scopeText: '',
    };
    await page.evaluate(`(${WATCHER})(${JSON.stringify(spec)})`);
    await button.click();
    await confirmedInPage(page);
    const watch = (await page.evaluate('window.__benchWrite')) as Watch;
    return {
      pendingMs: watch.busy === null ? Number.NaN : watch.busy - watch.click!,
      confirmedMs: watch.done! - watch.click!,
    };
  } finally {
    await context.close();
  }
}

/** How long at least one of the calls was open: the length of the union of their intervals. */
function openTime(calls: readonly RecordedRequest[]): number {
  const intervals = calls
    .map((call) => [call.receivedAt, call.receivedAt + call.durationMs!] as const)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [start, end] = intervals[0]!;
  for (const [from, to] of intervals.slice(1)) {
    if (from > end) {
      total += end - start;
      [start, end] = [from, to];
    } else end = Math.max(end, to);
  }
  return total + end - start;
}

function span(calls: readonly RecordedRequest[]): number {
  const start = Math.min(...calls.map((call) => call.receivedAt));
  const end = Math.max(...calls.map((call) => call.receivedAt + call.durationMs!));
  return end - start;
}

/**
 * Runs in the page (as a string: tsx's helpers do not exist there). From the
 * click on, it notes the first moment an element is aria-busy and the first
 * moment the confirmed state is in the document, in the page's own clock.
 */
const WATCHER = `(spec) => {
  const state = { click: null, busy: null, done: null, timeOrigin: performance.timeOrigin };
  window.__benchWrite = state;
  const articleOf = (name) =>
    Array.from(document.querySelectorAll('article')).find((article) => (article.textContent || '').includes(name)) || null;
  const announced = () =>
    Array.from(document.querySelectorAll('[role="status"]')).some((region) => (region.textContent || '').includes(spec.announcement));
  const offersScope = (article) =>
    Array.from(article.querySelectorAll('input[type="checkbox"]')).some((box) => {
      const label = box.closest('label');
      return label !== null && (label.textContent || '').includes(spec.scopeText);
    });
  const confirmed = () => {
    if (!announced()) return false;
    if (spec.kind === 'bare') return true;
    const article = articleOf(spec.appName);
    return spec.kind === 'removal' ? article === null : article !== null && !offersScope(article);
  };
  const observer = new MutationObserver(() => check());
  const onClick = (event) => {
    if (state.click !== null) return;
    state.click = event.timeStamp;
    check();
  };
  const check = () => {
    if (state.click === null) return;
    const now = performance.now();
    if (state.busy === null && document.querySelector('[aria-busy="true"]')) state.busy = now;
    if (state.done === null && confirmed()) {
      state.done = now;
      observer.disconnect();
      window.removeEventListener('click', onClick, true);
    }
  };
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  window.addEventListener('click', onClick, true);
}`;
