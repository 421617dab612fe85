/**
 * The apps page's JavaScript budget, counted rather than timed so it never
 * flakes: the gzip bytes of every script the signed-in /apps HTML makes a
 * browser load, against the scripts every page of this same build loads
 * (Next's `rootMainFiles` in .next/build-manifest.json — what a bare Next.js
 * page loads, less its own few-hundred-byte page chunk). `npm run bench`
 * measures the same bytes (scripts/bench/page-scripts.ts) against a separately
 * built bare page; docs/performance.md has both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { scriptBytes, scriptsOf } from '../../scripts/bench/page-scripts';
import { expect, test } from '../support/fixtures';

/**
 * The apps page may load at most this many times the framework's script. Issue 9 aims at 1.15×;
 * the page was at 1.26× (React Query, next-intl's runtime and Next's error boundaries make most of
 * the rest: docs/performance.md, "First-load JS after issue 9"), and issue 10's list features (the
 * clean-up notice, first-party note, kept selection, renewal offer) took it to 1.285×. Loading the
 * bulk dialog on first use instead saved under 0.2 KB, not worth a delay on first opening. The
 * app's own last-resort page (app/global-error.tsx, which every page loads, so that the CSP can
 * refuse inline styles) took it to 1.297× (docs/design-notes.md, "Styles from the stylesheet
 * only"). The budget sits just above today's figure so any growth fails here; lower it as the
 * page gets lighter.
 */
const BUDGET_RATIO = 1.3;

function frameworkScripts(pageUrl: string): string[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join('.next', 'build-manifest.json'), 'utf8'),
  ) as { rootMainFiles: string[] };
  return manifest.rootMainFiles.map((file) => new URL(`/_next/${file}`, pageUrl).href);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

test(`the apps page loads at most ${BUDGET_RATIO}× the script of a bare page of this build`, async ({
  page,
  world,
  signIn,
}) => {
  const { user, apps } = world.personWithApps(5);
  await signIn(user);
  const answer = await page.request.get('/apps');
  const html = await answer.text();
  expect(html).toContain(apps[0]!.name);

  const pageScripts = scriptsOf(html, page.url());
  const bareScripts = frameworkScripts(page.url());
  // The comparison means something only if the page loads the framework's scripts too.
  expect(pageScripts).toEqual(expect.arrayContaining(bareScripts));

  const [app, bare] = await Promise.all([scriptBytes(pageScripts), scriptBytes(bareScripts)]);
  const budget = Math.floor(bare.gzip * BUDGET_RATIO);
  expect(
    app.gzip,
    `/apps loads ${kb(app.gzip)} of script (gzip, ${app.count} files); the framework alone ` +
      `${kb(bare.gzip)}, so the budget is ${kb(budget)}`,
  ).toBeLessThanOrEqual(budget);
});
