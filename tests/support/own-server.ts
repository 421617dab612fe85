/**
 * An app process of a test's own, started from the build exactly as `npm start`
 * starts it (scripts/start.mjs), for what the shared e2e servers cannot show:
 * another configuration, or the process itself (start-up, shutdown).
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { expect } from '@playwright/test';

const START_SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'start.mjs');

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
  /** SIGTERM (which `npm start` passes on to `next start`), then waits for the exit */
  stop: () => Promise<void>;
};

/** A port nothing listens on now, from the system's ephemeral range: no clash with any E2E_PORT_BASE. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the built app on `port` with `env` on top of this process's environment. */
export function startOwnServer(port: number, env: Record<string, string>): OwnServer {
  const child = spawn(process.execPath, [START_SCRIPT], {
    env: { ...process.env, PORT: String(port), ...env },
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
        timeout: 30_000,
      }),
    kill: (signal) => child.kill(signal),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
