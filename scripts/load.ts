/**
 * `npm run load`: a load run on loopback — a measurement, not a timed test.
 * It signs virtual people in over HTTP as a browser would, then drives the
 * list page and the apps actions in a fixed mix for a fixed time, after a
 * baseline (GET /api/health) under the same concurrency, and prints requests,
 * req/s, p50/p99 latency and errors per operation. Exits non-zero on any error.
 *
 * It owns: the instance it starts (port 3300, data/load.sqlite, log in
 * data/load-server.log) unless --url names a running one; the people and apps
 * it adds to that instance's database (modules in scripts/load/). It reads the
 * action IDs from this checkout's build and changes nothing else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readActionIds } from './load/actions';
import { attempt, runFor, type Sample } from './load/drive';
import { signIn, type Browser } from './load/http';
import { OPERATIONS, createVirtualUser } from './load/mix';
import { parseOptions } from './load/options';
import { buildReport } from './load/report';
import { ensureBuild, freshDatabasePath, startOwnServer, type OwnServer } from './load/server';
import { APPS_PER_PERSON, createLoadWorld } from './load/world';

const BASELINE = 'GET /api/health';
/**
 * Aborted on SIGINT/SIGTERM: the workers stop, then the run ends as after an
 * error (no partial figures), stopping the app once its connections are idle.
 */
const interrupted = new AbortController();

async function main(): Promise<number> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => interrupted.abort(new Error(`Interrupted (${signal})`)));
  }
  const root = path.resolve(__dirname, '..');
  const options = parseOptions(process.argv.slice(2), root);
  if (!options.url) ensureBuild(root);
  const actionIds = readActionIds(root);
  if (options.url && !fs.existsSync(options.database)) {
    throw new Error(
      `no database at ${options.database}: pass the instance's DATABASE_PATH with --database`,
    );
  }
  const databasePath = options.url ? options.database : freshDatabasePath(root);
  const world = createLoadWorld(databasePath, options.concurrency);
  let server: OwnServer | null = null;
  try {
    if (!options.url) server = await startOwnServer(root, databasePath);
    const baseUrl = options.url ?? server!.url;
    console.log(
      `Load run against ${baseUrl}${server ? ` (started here, log in ${path.relative(root, server.logFile)})` : ''}`,
    );
    // Other work on the machine moves every figure: say how busy it was.
    console.log(
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, ` +
        `load average ${os.loadavg()[0]!.toFixed(2)} before the run`,
    );
    console.log(
      `${world.people.length} virtual people × ${APPS_PER_PERSON} apps, concurrency ${options.concurrency}, ` +
        `baseline ${options.baselineMs / 1000} s, mix ${options.durationMs / 1000} s`,
    );

    const signInStarted = performance.now();
    const browsers = await Promise.all(
      world.people.map((person) => signIn(baseUrl, person.login, person.password)),
    );
    console.log(
      `Signed in ${browsers.length} people in ${Math.round(performance.now() - signInStarted)} ms`,
    );
    const users = world.people.map((person, index) =>
      createVirtualUser(world, person, browsers[index]!, baseUrl, actionIds),
    );
    await Promise.all(users.map((user) => user.warmUp()));

    const baseline = await runFor(
      options.baselineMs,
      browsers.map((browser) => () => attempt(BASELINE, () => health(browser))),
      interrupted.signal,
    );
    const mix = await runFor(
      options.durationMs,
      users.map((user) => () => user.step()),
      interrupted.signal,
    );
    interrupted.signal.throwIfAborted();

    const report = buildReport(BASELINE, baseline, mix, OPERATIONS);
    console.log(`\n${report.table}\n`);
    console.log(report.errorCount === 0 ? 'Errors: none' : `Errors: ${report.errorCount}`);
    for (const reason of report.errorReasons) console.log(`  ${reason}`);
    return report.errorCount === 0 ? 0 : 1;
  } finally {
    world.close();
    await server?.stop();
  }
}

async function health(browser: Browser): Promise<Sample> {
  const answer = await browser.request('/api/health');
  const ok = answer.status === 200 && answer.body.includes('"status":"ok"');
  return { operation: BASELINE, ms: answer.ms, error: ok ? null : `HTTP ${answer.status}` };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
