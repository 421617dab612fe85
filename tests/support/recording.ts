/**
 * What the e2e run saw, kept for the secret scan (tests/e2e/secrets/): the body
 * of every response the app servers sent — to a browser page (documents and
 * fetches, server actions included, see fixtures.ts) and to the tests' own
 * HTTP clients (`page.request`, the `request` fixture, the security callers,
 * the fuzz) — and the servers' log files (written by the web server commands
 * in playwright.config.ts).
 *
 * Bodies go to one file per test, under the spec's path. A body this worker
 * has already recorded is not written again: scanning a text twice finds
 * nothing new, and the fuzz gets the same refusals hundreds of times. Every
 * distinct body is kept whole (see docs/design-notes.md, "Tests").
 *
 * The responses folder is emptied before any test runs (global-setup.ts), so
 * the scan can only pass on what this run recorded. The server logs need no
 * such care: each web server command truncates its log when it starts.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test, type APIRequestContext } from '@playwright/test';
import { AUTHLETE_MODE, E2E_BASE_URL } from './e2e-env';

export const RECORDING_DIR = path.resolve(__dirname, '..', '..', 'test-results', 'recorded');
export const RESPONSES_DIR = path.join(RECORDING_DIR, 'responses');
export const SERVER_LOG_DIR = path.join(RECORDING_DIR, 'server-logs');

/** The app servers under test: what other servers (the test OpenID Provider, the Authlete test server) send is not the app's. */
const APP_ORIGINS = new Set([E2E_BASE_URL, AUTHLETE_MODE.appUrl].map((url) => new URL(url).origin));

/** Digests of the bodies this worker has recorded. */
const recorded = new Set<string>();

/** Keeps the body of a response from `url` for the scan, when an app server sent it. */
export function recordResponseBody(url: string, body: string) {
  if (!APP_ORIGINS.has(new URL(url).origin)) return;
  const digest = createHash('sha256').update(body).digest('hex');
  if (recorded.has(digest)) return;
  recorded.add(digest);
  const info = test.info();
  const file = path.join(
    RESPONSES_DIR,
    path.relative(info.project.testDir, info.file),
    `${info.testId}.txt`,
  );
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, `${body}\n\u0000\n`);
}

const recording = new WeakSet<APIRequestContext>();

/** Makes `context` record the body of every answer it gets; returns it. Calling it again changes nothing. */
export function recordAnswers(context: APIRequestContext): APIRequestContext {
  if (recording.has(context)) return context;
  recording.add(context);
  const send = context.fetch.bind(context);
  const fetch: APIRequestContext['fetch'] = async (urlOrRequest, options) => {
    const response = await send(urlOrRequest, options);
    recordResponseBody(response.url(), await response.text());
    return response;
  };
  // `get`, `post`, … are `fetch` with a method, as Playwright documents them. Sending them all
  // through the one wrapper records each answer exactly once, however the context's own methods
  // call each other.
  Object.assign(context, {
    fetch,
    get: (url: string, options?: object) => fetch(url, { ...options, method: 'GET' }),
    head: (url: string, options?: object) => fetch(url, { ...options, method: 'HEAD' }),
    post: (url: string, options?: object) => fetch(url, { ...options, method: 'POST' }),
    put: (url: string, options?: object) => fetch(url, { ...options, method: 'PUT' }),
    patch: (url: string, options?: object) => fetch(url, { ...options, method: 'PATCH' }),
    delete: (url: string, options?: object) => fetch(url, { ...options, method: 'DELETE' }),
  });
  return context;
}

/** Every file under `dir`, as [name, text] pairs. */
export function readAll(dir: string): [string, string][] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(dir, file), fs.readFileSync(file, 'utf8')];
    });
}

/** The JSON lines of one e2e server's log (`embedded-app`, `authlete-app`) that name `requestId`. */
export function serverLogLines(server: string, requestId: string): Record<string, unknown>[] {
  return (
    fs
      .readFileSync(path.join(SERVER_LOG_DIR, `${server}.log`), 'utf8')
      .split('\n')
      // Only JSON lines: Next's own output (a failed render's trace) may quote the id too.
      .filter((line) => line.startsWith('{') && line.includes(requestId))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
  );
}

/** Where any of `needles` occurs in the named texts. */
export function findOccurrences(
  texts: readonly [string, string][],
  needles: readonly string[],
): string[] {
  const hits: string[] = [];
  for (const [name, text] of texts) {
    for (const needle of needles)
      if (needle && text.includes(needle)) hits.push(`${name}: …${needle.slice(0, 6)}…`);
  }
  return hits;
}
