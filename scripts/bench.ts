/**
 * `npm run bench`: the performance figures of issue 9, each beside a baseline
 * measured in the same run — a measurement, not a test: no figure passes or
 * fails on time. Method and figures: docs/performance.md.
 *
 * It builds the app (`npm run build`) and the bare baseline page
 * (bench/baseline), then starts on free loopback ports: the baseline, the app
 * on the embedded backend, the Authlete wire test server (v3, in this
 * process, with a switchable per-call latency) and the app in Authlete mode
 * against it, each app started as `npm start` starts it. Its people and apps
 * go into fresh database files under data/bench/, with the servers' logs. It
 * stops exactly the processes it started, also on Ctrl-C.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../lib/embedded/database';
import { startAuthleteTestServer, type AuthleteTestServer } from '../tests/support/authlete-server';
import { DELAY_MS, measureAuthleteCalls } from './bench/authlete-calls';
import { launchChromium } from './bench/browser';
import { measureFirstLoadJs } from './bench/first-load-js';
import type { Backend } from './bench/first-view';
import { measureListViews } from './bench/list-views';
import { readMessages } from './bench/messages';
import { parseOptions, type Section } from './bench/options';
import { createBenchWorld } from './bench/people';
import { buildAll, startApp, startBaseline, stopAll } from './bench/processes';
import { signIn } from './bench/session';
import { CONNECTIONS, measureThroughput } from './bench/throughput';
import { measureWrites } from './bench/writes';

/** Test-only values: they sign and authorize nothing outside this run. */
const AUTH_SECRET = 'bench-only-secret-not-for-production-0123456789';
const SERVICE_ID = '5500000099';
const SERVICE_ACCESS_TOKEN = 'bench-service-access-token-not-a-real-one';
/** Each bench person writes far more often a minute than anyone would. */
const WRITE_LIMIT = '100000';

const interrupted = new AbortController();

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted.abort(new Error(`Interrupted (${signal})`));
      // Requests to the stopped servers then fail, and the run ends through its error path.
      void stopAll();
    });
  }
  const root = path.resolve(__dirname, '..');
  const options = parseOptions(process.argv.slice(2));
  const started = performance.now();
  printMachine(root);
  if (options.build) buildAll(root);

  const dataDir = path.join(root, 'data', 'bench');
  const embeddedDb = freshDatabase(path.join(dataDir, 'embedded.sqlite'));
  const authleteDb = freshDatabase(path.join(dataDir, 'authlete.sqlite'));
  let authleteServer: AuthleteTestServer | null = null;
  let browser: Awaited<ReturnType<typeof launchChromium>> | null = null;
  try {
    authleteServer = await startAuthleteTestServer({
      db: authleteDb,
      version: 'V3',
      serviceApiKey: SERVICE_ID,
      serviceAccessToken: SERVICE_ACCESS_TOKEN,
    });
    const baseline = await startBaseline(root);
    const embeddedApp = await startApp(root, 'app-embedded', {
      DATABASE_PATH: embeddedDb.name,
      AUTH_SECRET,
      // The embedded backend, whatever the shell says.
      AUTHLETE_BASE_URL: '',
      WRITE_LIMIT_PER_MINUTE: WRITE_LIMIT,
    });
    const authleteApp = await startApp(root, 'app-authlete', {
      // The demo sign-in reads its people from this file; the test server serves their grants from it.
      DATABASE_PATH: authleteDb.name,
      AUTH_SECRET,
      AUTH_DEMO_LOGIN: 'true',
      AUTH_OIDC_ISSUER: '',
      AUTH_OIDC_ID: '',
      AUTH_OIDC_SECRET: '',
      AUTHLETE_BASE_URL: authleteServer.url,
      AUTHLETE_API_VERSION: 'V3',
      AUTHLETE_SERVICE_APIKEY: SERVICE_ID,
      AUTHLETE_SERVICE_ACCESSTOKEN: SERVICE_ACCESS_TOKEN,
      WRITE_LIMIT_PER_MINUTE: WRITE_LIMIT,
    });
    console.log(
      `Servers: baseline ${baseline.url}, embedded app ${embeddedApp.url}, ` +
        `Authlete-mode app ${authleteApp.url}, Authlete test server ${authleteServer.url}; ` +
        `logs in ${path.relative(root, dataDir)}/`,
    );
    const embedded: Backend = {
      url: embeddedApp.url,
      world: createBenchWorld(embeddedDb),
      authlete: null,
    };
    const authlete = {
      url: authleteApp.url,
      world: createBenchWorld(authleteDb),
      authlete: authleteServer,
    };
    const messages = readMessages(root);
    const run = async (section: Section, measure: () => Promise<string>) => {
      if (!options.sections.has(section)) return;
      interrupted.signal.throwIfAborted();
      const sectionStarted = performance.now();
      const table = await measure();
      console.log(`\n${table}\n(${seconds(performance.now() - sectionStarted)})`);
    };

    // People for the embedded sections: one per connection, five apps each.
    const fiveApps = embedded.world.createApps(5);
    const people = Array.from({ length: CONNECTIONS }, () => embedded.world.createPerson(fiveApps));
    const sessions = await Promise.all(
      people.map((person) => signIn(embedded.url, person.login, person.password)),
    );
    await run('throughput', () =>
      measureThroughput({
        app: embeddedApp,
        sessions,
        expectedText: fiveApps[0]!.name,
        baseline,
        rounds: options.throughputRounds,
        seconds: options.throughputSeconds,
      }),
    );
    if (options.sections.has('first-load-js') || options.sections.has('writes')) {
      browser = await launchChromium();
      console.log(`\nChromium ${browser.version()}`);
    }
    await run('first-load-js', () =>
      measureFirstLoadJs({
        appUrl: embedded.url,
        session: sessions[0]!,
        expectedText: fiveApps[0]!.name,
        baselineUrl: baseline.url,
        browser: browser!,
      }),
    );
    await run('authlete-calls', () => measureAuthleteCalls(authlete, options.depthRounds));
    await run('list-views', () =>
      measureListViews(authlete, embedded, options.listSizes, options.listRounds),
    );
    await run('writes', () =>
      measureWrites(authlete, baseline.url, browser!, messages, DELAY_MS, options.writeRounds),
    );
    console.log(
      `\nRun took ${seconds(performance.now() - started)}; ` +
        `load average ${loadAverage()} at the end`,
    );
  } finally {
    await browser?.close();
    await stopAll();
    await authleteServer?.close();
    embeddedDb.close();
    authleteDb.close();
  }
}

/** When, what and where: the figures mean little without the commit and the machine's load. */
function printMachine(root: string) {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
  const cpus = os.cpus();
  console.log(`npm run bench ${process.argv.slice(2).join(' ')}`.trim());
  console.log(
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${git('rev-parse', '--short', 'HEAD')}` +
      (dirty ? ' with uncommitted changes' : ''),
  );
  console.log(
    `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, ` +
      `load average ${loadAverage()} (1, 5, 15 min) before the run`,
  );
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

/** Deletes the file (and its WAL files) so every run starts from the same state, then opens it. */
function freshDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  return openDatabase(file);
}

function seconds(ms: number): string {
  const total = Math.round(ms / 1000);
  return total >= 60 ? `${Math.floor(total / 60)} min ${total % 60} s` : `${total} s`;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
