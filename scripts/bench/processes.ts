/**
 * The processes the bench builds and starts: the app, started exactly as
 * `npm start` starts it (scripts/start.mjs, which builds when there is no
 * build), and the bare baseline page (`next start bench/baseline`), each on a
 * free loopback port with its output in data/bench/. Each is stopped by the PID
 * this module spawned, never by name; stopAll() stops every one still running,
 * also one that is still starting.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { answers } from '../answers';
import { freePort } from '../../tests/support/free-port';

const READY_TIMEOUT_MS = 180_000;
const STOP_WARNING_MS = 10_000;
export const BASELINE_DIR = path.join('bench', 'baseline');

export type Server = {
  url: string;
  /** the process spawned here (the server may be its child) */
  pid: number;
  logFile: string;
  stop(): Promise<void>;
};

const running = new Set<() => Promise<void>>();
const children = new Set<ChildProcess>();

// The last resort when the bench dies without its cleanup (an uncaught error): signal whatever
// is still running so nothing outlives it. `exit` handlers must be synchronous, and kill() is.
process.on('exit', () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
});

/** Stops every process started here that has not been stopped yet. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

/** `npm run build` (the app, however its build is made) and `next build bench/baseline`. */
export function buildAll(root: string): void {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  const steps: Array<[string, string, string[]]> = [
    ['npm run build', npmCommand(), ['run', 'build']],
    [`next build ${BASELINE_DIR}`, process.execPath, [nextBin(root), 'build', BASELINE_DIR]],
  ];
  for (const [name, command, args] of steps) {
    console.log(`Building: ${name}…`);
    const started = performance.now();
    const result = spawnSync(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.status !== 0) {
      process.stderr.write(result.stdout);
      process.stderr.write(result.stderr);
      throw new Error(`${name} failed (exit ${result.status})`);
    }
    console.log(`  done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
}

/** Starts `node scripts/start.mjs` with `env` on a free port; resolves once /api/health answers. */
export async function startApp(
  root: string,
  name: string,
  env: Record<string, string>,
): Promise<Server> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  return startAndWait(
    root,
    name,
    url,
    '/api/health',
    process.execPath,
    [path.join(root, 'scripts', 'start.mjs')],
    {
      ...env,
      PORT: String(port),
      AUTH_URL: url,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  );
}

/** Starts the baseline page with the root's own `next` on a free port. */
export async function startBaseline(root: string): Promise<Server> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  return startAndWait(
    root,
    'baseline',
    url,
    '/',
    process.execPath,
    [nextBin(root), 'start', BASELINE_DIR, '--port', String(port)],
    { NEXT_TELEMETRY_DISABLED: '1' },
  );
}

async function startAndWait(
  root: string,
  name: string,
  url: string,
  readyPath: string,
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<Server> {
  const logFile = path.join(root, 'data', 'bench', `${name}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'w');
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  children.add(child);
  child.once('exit', () => children.delete(child));
  const stop = stopper(child, name);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(`${url}${readyPath}`))) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited (${child.exitCode}): see ${logFile}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer ${readyPath} in time: see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, pid: child.pid!, logFile, stop };
}

function stopper(child: ChildProcess, name: string): () => Promise<void> {
  const exited = once(child, 'exit');
  const stop = async () => {
    running.delete(stop);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // No SIGKILL: start.mjs would die and leave its own child, `next start`, running.
    const timer = setTimeout(
      () => console.error(`${name} (PID ${child.pid}) is slow to stop; waiting for it.`),
      STOP_WARNING_MS,
    );
    await exited;
    clearTimeout(timer);
  };
  running.add(stop);
  return stop;
}

function nextBin(root: string): string {
  return path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
}

function npmCommand(): string {
  return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}
