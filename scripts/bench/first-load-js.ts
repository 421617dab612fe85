/**
 * First-load JavaScript of the signed-in list page against the bare baseline
 * page, measured two ways that should agree: every script the HTML makes a
 * browser load (`<script src>` other than `nomodule`, script preloads),
 * fetched and gzipped here at zlib's default level; and the script bytes
 * Chromium actually received loading the page (until its load event).
 * The HTML document itself (with its embedded RSC payload) is shown beside
 * them. Byte counts do not depend on the machine's load: one round is enough.
 */
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { newContext } from './browser';
import { kilobytes, markdownTable } from './figures';
import { scriptBytes, scriptsOf } from './page-scripts';
import { expectPage, timedGet, type Session } from './session';

type PageBytes = {
  scripts: number;
  scriptsRaw: number;
  scriptsGzip: number;
  chromiumScripts: number;
  chromiumScriptBytes: number;
  htmlRaw: number;
  htmlGzip: number;
};

export type FirstLoadSetup = {
  appUrl: string;
  session: Session;
  expectedText: string;
  baselineUrl: string;
  browser: Browser;
};

export async function measureFirstLoadJs(setup: FirstLoadSetup): Promise<string> {
  const app = await pageBytes(
    setup.browser,
    `${setup.appUrl}/apps`,
    setup.session,
    setup.expectedText,
  );
  const baseline = await pageBytes(setup.browser, `${setup.baselineUrl}/`, null, 'Baseline');
  const row = (label: string, of: (bytes: PageBytes) => number, format = kilobytes) => [
    label,
    format(of(app)),
    format(of(baseline)),
    `${(of(app) / of(baseline)).toFixed(2)}×`,
    format(of(app) - of(baseline)),
  ];
  const count = (n: number) => String(n);
  return [
    'First-load JS of /apps signed in (5 apps) against the baseline page',
    '',
    markdownTable(
      ['', 'GET /apps', 'baseline page', 'app ÷ baseline', 'app − baseline'],
      [
        row('scripts in the HTML, gzip', (bytes) => bytes.scriptsGzip),
        row('scripts in the HTML, uncompressed', (bytes) => bytes.scriptsRaw),
        row('scripts in the HTML, count', (bytes) => bytes.scripts, count),
        row('scripts Chromium received (wire bytes)', (bytes) => bytes.chromiumScriptBytes),
        row('scripts Chromium received, count', (bytes) => bytes.chromiumScripts, count),
        row('HTML document, gzip', (bytes) => bytes.htmlGzip),
        row('HTML document, uncompressed', (bytes) => bytes.htmlRaw),
      ],
    ),
  ].join('\n');
}

async function pageBytes(
  browser: Browser,
  url: string,
  session: Session | null,
  expectedText: string,
): Promise<PageBytes> {
  const document = await timedGet(url, session);
  expectPage(document, url, expectedText);
  const scripts = await scriptBytes(scriptsOf(document.body, url));
  const received = await chromiumScripts(browser, url, session);
  return {
    scripts: scripts.count,
    scriptsRaw: scripts.raw,
    scriptsGzip: scripts.gzip,
    chromiumScripts: received.length,
    chromiumScriptBytes: sum(received),
    htmlRaw: Buffer.byteLength(document.body),
    htmlGzip: gzipSync(document.body).length,
  };
}

/**
 * Encoded body sizes of the scripts Chromium fetched for the page until its load event: what
 * it fetches later (prefetches for other pages) is not first-load JavaScript.
 */
async function chromiumScripts(
  browser: Browser,
  url: string,
  session: Session | null,
): Promise<number[]> {
  const context = await newContext(browser, new URL(url).origin, session);
  try {
    const page = await context.newPage();
    const sizes: Promise<number>[] = [];
    // A script's answer arrives before the load event; its size is known once its body is in.
    page.on('response', (response) => {
      const request = response.request();
      if (request.resourceType() === 'script')
        sizes.push(request.sizes().then((size) => size.responseBodySize));
    });
    await page.goto(url, { waitUntil: 'load' });
    return await Promise.all(sizes);
  } finally {
    await context.close();
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
