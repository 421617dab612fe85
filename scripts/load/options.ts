/**
 * The load script's command line: what to drive, for how long, how hard.
 * Defaults give a run of about half a minute on a laptop.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';

export type LoadOptions = {
  /** an instance that is already running; null: the script starts its own */
  url: string | null;
  /** that instance's embedded database, where the virtual people are added (with --url only) */
  database: string;
  durationMs: number;
  baselineMs: number;
  concurrency: number;
};

const USAGE = `npm run load -- [--duration 20] [--baseline 5] [--concurrency 8]
                    [--url http://localhost:3000 [--database data/connected-apps.sqlite]]`;

export function parseOptions(argv: string[], root: string): LoadOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: '20' },
      baseline: { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '8' },
      url: { type: 'string' },
      database: { type: 'string', default: path.join('data', 'connected-apps.sqlite') },
    },
  });
  return {
    url: values.url ? new URL(values.url).origin : null,
    database: path.resolve(root, values.database),
    durationMs: positive('duration', values.duration) * 1000,
    baselineMs: positive('baseline', values.baseline) * 1000,
    concurrency: Math.round(positive('concurrency', values.concurrency)),
  };
}

function positive(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    throw new Error(`--${name} must be a positive number, not "${value}"\nusage: ${USAGE}`);
  }
  return number;
}
