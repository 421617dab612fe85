/**
 * An app process of a test's own, started exactly as `npm start` starts it
 * (scripts/start.mjs, the standalone build) or as `npm run dev` does, for what
 * the shared e2e servers cannot show: another configuration, or the process
 * itself (start-up, shutdown).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect } from '@playwright/test';

const SCRIPTS = path.resolve(__dirname, '..', '..', 'scripts');
/** How the process starts: as `npm start` (the image's command too) or as `npm run dev`. */
export type StartScript = 'start.mjs' | 'dev.mjs';

export type OwnServer = {
  url: string;
  /** everything the process wrote to stdout and stderr so far */
  output: () => string;
  /** the exit code, or null while it runs (or when a signal ended it) */
  exitCode: () => number | null;
  /** resolves with the exit code once the process has exited */
  exited: Promise<number | null>;
  /** resolves once `/api/health` answers */
  ready: () => Promise<void>;
  kill: (signal: NodeJS.Signals) => void;
  /** SIGTERM (the server drains and exits; `npm run dev` passes it on to `next dev`), then waits for the exit */
  stop: () => Promise<void>;
};

export type StartOptions = {
  /** default `start.mjs` */
  script?: StartScript;
  /** nothing but `env` (and PATH), as on a machine where nothing is configured */
  onlyEnv?: boolean;
  /** another command altogether, e.g. the image's, run in another directory */
  command?: { argv: string[]; cwd: string };
};

/** Starts the app on `port` with `env` on top of this process's environment (see StartOptions). */
export function startOwnServer(
  port: number,
  env: Record<string, string>,
  { script = 'start.mjs', onlyEnv = false, command }: StartOptions = {},
): OwnServer {
  const base: Record<string, string | undefined> = onlyEnv
    ? { PATH: process.env.PATH }
    : process.env;
  const [executable, ...args] = command?.argv ?? [process.execPath, path.join(SCRIPTS, script)];
  const child = spawn(executable!, args, {
    cwd: command?.cwd,
    // Next's types make NODE_ENV required in ProcessEnv; the server sets it for itself.
    env: { ...base, PORT: String(port), ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = `http://localhost:${port}`;
  return {
    url,
    output: () => output,
    exitCode: () => child.exitCode,
    exited,
    ready: () =>
      expect(async () => expect((await fetch(`${url}/api/health`)).status).toBe(200)).toPass({
        // `next dev` compiles each route on its first request.
        timeout: script === 'dev.mjs' ? 90_000 : 30_000,
      }),
    kill: (signal) => child.kill(signal),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
