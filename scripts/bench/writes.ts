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
 * else: the app, the browser, any refetch in series.
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
  allCalls: number;
  browserRequests: number;
};

/** What the page keeps about one click; see WATCHER. */
type Watch = { click: number | null; busy: number | null; done: number | null; timeOrigin: number };

export async function measureWrites(
  backend: Backend & { authlete: AuthleteTestServer },
  browser: Browser,
  messages: Messages,
  latencyMs: number,
  rounds: number,
): Promise<string> {
  const apps = backend.world.createApps(APPS);
  const measured: Record<Kind, Timings[]> = { save: [], removal: [] };
  for (let round = 0; round < rounds; round++) {
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
  }
  const ms = (values: number[]) => show(spread(values), 0);
  const rows = (['save', 'removal'] as const).map((kind) => {
    const of = (key: keyof Timings) => measured[kind].map((timings) => timings[key]);
    return [
      kind === 'save' ? 'save (narrow permissions)' : 'removal',
      ms(of('pendingMs')),
      ms(of('confirmedMs')),
      `${ms(of('writeAuthleteMs'))} (${show(spread(of('writeCalls')), 0)} calls)`,
      ms(measured[kind].map((timings) => timings.confirmedMs - timings.writeAuthleteMs)),
      ms(of('writeAnsweredMs')),
      show(spread(of('allCalls')), 0),
      show(spread(of('browserRequests')), 0),
    ];
  });
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

type WatchSpec = { kind: Kind; appName: string; announcement: string; scopeText: string };

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
  // Next's client may abort reading an action's answer once it has it: time to its headers.
  const answered = await write.response();
  if (!answered) throw new Error(`${spec.kind}: the write request got no answer`);
  return {
    pendingMs: watch.busy === null ? Number.NaN : watch.busy - watch.click!,
    confirmedMs: watch.done! - watch.click!,
    writeAnsweredMs: startOf(write) + write.timing().responseStart - clickedAt,
    writeCalls: writeCalls.length,
    writeAuthleteMs: span(writeCalls),
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
