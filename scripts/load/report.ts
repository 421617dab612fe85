/**
 * The run's figures: per operation, requests, throughput, median and 99th
 * percentile latency, errors, and latency as a multiple of the baseline's.
 * Printed as a Markdown table so it can be pasted into docs/load.md as is.
 */
import { markdownTable } from '../bench/figures';
import type { Run, Sample } from './drive';

type Figures = {
  operation: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
};

export type Report = { table: string; errorCount: number; errorReasons: string[] };

export function buildReport(
  baselineOperation: string,
  baseline: Run,
  mix: Run,
  operations: readonly string[],
): Report {
  const base = figuresOf(baselineOperation, baseline.samples, baseline.elapsedMs);
  const rows = [
    base,
    ...operations.map((operation) =>
      figuresOf(
        operation,
        mix.samples.filter((sample) => sample.operation === operation),
        mix.elapsedMs,
      ),
    ),
    figuresOf('all operations (mix)', mix.samples, mix.elapsedMs),
  ];
  const header = [
    'operation',
    'requests',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'p50 × baseline',
    'p99 × baseline',
  ];
  const cells = rows.map((row) => [
    row === base ? `${row.operation} (baseline)` : row.operation,
    String(row.requests),
    row.perSecond.toFixed(1),
    row.p50.toFixed(1),
    row.p99.toFixed(1),
    String(row.errors),
    ratio(row.p50, base.p50),
    ratio(row.p99, base.p99),
  ]);
  const all = [...baseline.samples, ...mix.samples];
  return {
    table: markdownTable(header, cells),
    errorCount: all.filter((sample) => sample.error !== null).length,
    errorReasons: countReasons(all),
  };
}

function figuresOf(operation: string, samples: readonly Sample[], elapsedMs: number): Figures {
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  return {
    operation,
    requests: samples.length,
    perSecond: samples.length / (elapsedMs / 1000),
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    errors: samples.filter((sample) => sample.error !== null).length,
  };
}

/** Nearest-rank percentile of ascending values; NaN when there are none. */
function percentile(ascending: readonly number[], fraction: number): number {
  if (ascending.length === 0) return Number.NaN;
  return ascending[Math.max(0, Math.ceil(fraction * ascending.length) - 1)]!;
}

function ratio(value: number, baseline: number): string {
  return Number.isFinite(value / baseline) ? `${(value / baseline).toFixed(1)}×` : '–';
}

/** "12 × action revokeApp: HTTP 500", most frequent first. */
function countReasons(samples: readonly Sample[]): string[] {
  const counts = new Map<string, number>();
  for (const { operation, error } of samples) {
    if (error !== null)
      counts.set(`${operation}: ${error}`, (counts.get(`${operation}: ${error}`) ?? 0) + 1);
  }
  return [...counts].sort(([, a], [, b]) => b - a).map(([reason, count]) => `${count} × ${reason}`);
}
