/**
 * The instance the load script drives when no --url is given: built if there
 * is no build, started the way `npm start` starts it on its own port with a
 * fresh database file and a fixed test secret, and stopped by the PID this
 * module spawned (never by name).
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { isCompleteBuild, standaloneDir } from '../standalone.mjs';
import { answers } from '../answers';

const OWN_PORT = 3300;
/** Test-only: signs the sessions of the load run's own instance. */
const LOAD_AUTH_SECRET = 'load-test-only-secret-not-for-production-0123456789';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export type OwnServer = {
  url: string;
  logFile: string;
  stop(): Promise<void>;
};

/** Runs `npm run build` when this checkout has no complete build yet; the action IDs come from it. */
export function ensureBuild(root: string): void {
  if (isCompleteBuild(standaloneDir(root))) return;
  console.log('No build yet: running `npm run build` once…');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`the build failed (exit ${build.status})`);
}

/** Deletes the run's database (and its WAL files) so every run starts from the same state. */
export function freshDatabasePath(root: string): string {
  const file = path.join(root, 'data', 'load.sqlite');
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/** Starts `node scripts/start.mjs` on OWN_PORT and resolves once /api/health answers. */
export async function startOwnServer(root: string, databasePath: string): Promise<OwnServer> {
  const url = `http://localhost:${OWN_PORT}`;
  // Otherwise the wait below would take an earlier instance's answer for this one's.
  if (await answers(`${url}/api/health`)) throw new Error(`port ${OWN_PORT} is already serving`);
  const logFile = path.join(root, 'data', 'load-server.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(OWN_PORT),
      DATABASE_PATH: databasePath,
      AUTH_SECRET: LOAD_AUTH_SECRET,
      AUTH_URL: url,
      // The embedded backend, whatever the shell says: the virtual people live in its database.
      AUTHLETE_BASE_URL: '',
      // Each virtual person writes in a closed loop, far more often a minute than anyone would:
      // with the default limit a quiet machine would measure refusals, not the work.
      WRITE_LIMIT_PER_MINUTE: '100000',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const exited = once(child, 'exit');

  async function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(
      () => console.error(`The app (PID ${child.pid}) is slow to stop; waiting for it.`),
      STOP_TIMEOUT_MS,
    );
    await exited;
    clearTimeout(timer);
  }

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(`${url}/api/health`))) {
    if (child.exitCode !== null)
      throw new Error(`the app exited (${child.exitCode}): see ${logFile}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the app did not answer /api/health within 30 s: see ${logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, logFile, stop };
}
