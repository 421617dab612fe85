/**
 * The bench's command line: how many rounds, how long each load round lasts,
 * whether to build first, and which sections to run. The defaults are the
 * run docs/performance.md reports (6–9 minutes on a busy 2-core machine,
 * builds included); --quick trades the spread of each figure for time.
 */
import { parseArgs } from 'node:util';

export const SECTIONS = [
  'throughput',
  'first-load-js',
  'authlete-calls',
  'list-views',
  'writes',
] as const;
export type Section = (typeof SECTIONS)[number];

export type BenchOptions = {
  /** run `npm run build` and `next build bench/baseline` first */
  build: boolean;
  sections: ReadonlySet<Section>;
  /** alternating app/baseline load rounds, and the seconds each side runs in one */
  throughputRounds: number;
  throughputSeconds: number;
  /** plain/delayed pairs per page for the Authlete call depth */
  depthRounds: number;
  /** plain/delayed pairs per list size and view */
  listRounds: number;
  listSizes: readonly number[];
  /** saves and removals clicked in Chromium */
  writeRounds: number;
};

const USAGE = `npm run bench -- [--quick] [--no-build] [--only ${SECTIONS.join(',')}]
                     [--rounds N] [--seconds S] [--sizes 10,100,1000]`;

const FULL = {
  throughputRounds: 5,
  throughputSeconds: 5,
  depthRounds: 5,
  listRounds: 3,
  writeRounds: 5,
};
const QUICK = {
  throughputRounds: 2,
  throughputSeconds: 2,
  depthRounds: 2,
  listRounds: 1,
  writeRounds: 2,
};

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      only: { type: 'string' },
      rounds: { type: 'string' },
      seconds: { type: 'string' },
      sizes: { type: 'string', default: '10,100,1000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const counts = values.quick ? QUICK : FULL;
  const rounds = values.rounds === undefined ? null : positiveInteger('rounds', values.rounds);
  return {
    build: !values['no-build'],
    sections: parseSections(values.only),
    throughputRounds: rounds ?? counts.throughputRounds,
    throughputSeconds:
      values.seconds === undefined
        ? counts.throughputSeconds
        : positiveInteger('seconds', values.seconds),
    depthRounds: rounds ?? counts.depthRounds,
    listRounds: rounds ?? counts.listRounds,
    listSizes: values.sizes.split(',').map((size) => positiveInteger('sizes', size)),
    writeRounds: rounds ?? counts.writeRounds,
  };
}

function parseSections(only: string | undefined): ReadonlySet<Section> {
  if (only === undefined) return new Set(SECTIONS);
  const names = only.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(SECTIONS as readonly string[]).includes(name)) fail(`--only: no section "${name}"`);
  }
  return new Set(names as Section[]);
}

function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    fail(`--${name} must be a positive integer, not "${value}"`);
  return number;
}

function fail(message: string): never {
  throw new Error(`${message}\nusage: ${USAGE}`);
}
