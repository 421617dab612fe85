/**
 * `npm run profile`: where the server's CPU time goes on `GET /apps`. Starts the built app on the
 * embedded backend under `node --cpu-prof` (as `npm start` starts it), signs in ten people with
 * five apps each, loads `/apps` with autocannon (10 connections) for `--seconds` (default 10),
 * stops the server so V8 writes its profile to data/profile/, and prints the self time by
 * package and the top functions. Needs a build (`npm run build`); measures, never passes or fails.
 * See docs/performance.md for what it showed.
 */
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../lib/embedded/database';
import { createBenchWorld } from './bench/people';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from '../tests/support/free-port';
import { signIn } from './bench/session';

const AUTH_SECRET = 'profile-only-secret-not-for-production-0123456789';
const CONNECTIONS = 10;

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
};
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

async function main() {
  const root = path.resolve(__dirname, '..');
  const secondsArg = process.argv.indexOf('--seconds');
  const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 10;
  const dataDir = path.join(root, 'data', 'profile');
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, 'embedded.sqlite'));
  try {
    const app = await startProfiled(root, dataDir);
    const world = createBenchWorld(db);
    const apps = world.createApps(5);
    const sessions = await Promise.all(
      Array.from({ length: CONNECTIONS }, () => {
        const person = world.createPerson(apps);
        return signIn(app.url, person.login, person.password);
      }),
    );
    const result = await autocannon({
      url: `${app.url}/apps`,
      connections: CONNECTIONS,
      duration: seconds,
      requests: sessions.map((session) => ({ headers: { cookie: session.cookieHeader } })),
    });
    console.log(`GET /apps: ${result.requests.average} req/s, p50 ${result.latency.p50} ms`);
    await app.stop();
  } finally {
    db.close();
  }
  const file = fs.readdirSync(dataDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dataDir}`);
  summarize(JSON.parse(fs.readFileSync(path.join(dataDir, file), 'utf8')) as CpuProfile);
  console.log(`profile: ${path.join('data', 'profile', file)} (open in Chrome DevTools)`);
}

/** `node --cpu-prof scripts/start.mjs` (Node refuses --cpu-prof in NODE_OPTIONS), ready once /api/health answers. */
async function startProfiled(root: string, dataDir: string) {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const log = fs.openSync(path.join(dataDir, 'server.log'), 'w');
  const child = spawn(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dataDir}`, path.join(root, 'scripts', 'start.mjs')],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        AUTH_URL: url,
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_PATH: path.join(dataDir, 'embedded.sqlite'),
        AUTH_SECRET,
        AUTHLETE_BASE_URL: '',
        WRITE_LIMIT_PER_MINUTE: '100000',
      },
      stdio: ['ignore', log, log],
    },
  );
  fs.closeSync(log);
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  process.once('exit', () => child.kill('SIGTERM'));
  for (const deadline = Date.now() + 60_000; ;) {
    if (child.exitCode !== null) throw new Error(`the server exited: see ${dataDir}/server.log`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not start: see ${dataDir}/server.log`);
    }
    const up = await fetch(`${url}/api/health`).then(
      (answer) => answer.ok,
      () => false,
    );
    if (up) return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Self time per package (node_modules/<name>, or the app's own chunks) and per function. */
function summarize(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  const total = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0);
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const pkg = packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    const name = `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  }
  const print = (title: string, rows: Map<string, number>, count: number) => {
    console.log(`\n${title}`);
    for (const [name, ms] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, count)) {
      console.log(`${((ms / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
    }
  };
  print('Self time by package', byPackage, 15);
  print('Self time by function', byFunction, 30);
}

function packageOf(url: string): string {
  if (!url) return '(V8: GC, idle, native)';
  if (url.startsWith('node:')) return 'node core';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.includes('/.next/')) return `app build: ${url.split('/.next/')[1]!.split('/')[0]}`;
  return shortUrl(url);
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '').replace(process.cwd(), '.');
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
