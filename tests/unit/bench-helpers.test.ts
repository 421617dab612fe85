/**
 * The counting parts of `npm run bench` (scripts/bench/): which scripts a
 * page's HTML makes a browser load, the longest chain of Authlete calls in a
 * request log, the medians and per-round ratios it prints, and the CPU time
 * of a process tree. The timings themselves are a measurement and have no test.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { cpuSecondsOfTree } from '../../scripts/bench/cpu-time';
import { ratioSpread, show, spread } from '../../scripts/bench/figures';
import { callsByOperation, longestChain, medianBreakdown } from '../../scripts/bench/first-view';
import { scriptsOf } from '../../scripts/bench/page-scripts';
import type { RecordedRequest } from '../support/authlete-server';

function call(operation: string, receivedAt: number, durationMs: number | null): RecordedRequest {
  return {
    method: 'GET',
    path: `/api/1/${operation}`,
    query: {},
    authorization: null,
    contentType: null,
    body: null,
    operation,
    receivedAt,
    durationMs,
  };
}

describe('scriptsOf', () => {
  it('takes script sources and script preloads, once each, and skips nomodule polyfills', () => {
    const html = [
      '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/a.js"/>',
      '<link rel="preload" as="font" href="/font.woff2"/>',
      '<link rel="stylesheet" href="/_next/static/css/s.css"/>',
      '<link rel="modulepreload" href="/m.js"/>',
      '<script src="/_next/static/chunks/b.js?v=1&amp;x=2" async=""></script>',
      '<script src="/_next/static/chunks/a.js" async=""></script>',
      '<script src="/_next/static/chunks/polyfills.js" noModule=""></script>',
      '<script>self.__next_f.push([1,"inline"])</script>',
    ].join('');
    expect(scriptsOf(html, 'http://localhost:3000/apps?page=2')).toEqual([
      'http://localhost:3000/_next/static/chunks/b.js?v=1&x=2',
      'http://localhost:3000/_next/static/chunks/a.js',
      'http://localhost:3000/m.js',
    ]);
  });
});

describe('longestChain', () => {
  it('counts calls answered one after another, not those in flight together', () => {
    // list → five token reads at once → one more read after them: three in series.
    const calls = [
      call('authorization.list', 1000, 50.4),
      ...[1051, 1051, 1052, 1052, 1051].map((at) => call('token.list', at, 50.2)),
      call('client.get', 1102, 50.1),
    ];
    expect(longestChain(calls)).toBe(3);
    expect(longestChain(calls.slice(1, 6))).toBe(1);
    expect(longestChain([])).toBe(0);
  });

  it('takes a start read a millisecond early (whole-millisecond clock) as after the end', () => {
    expect(longestChain([call('a', 1000, 50.6), call('b', 1050, 50)])).toBe(2);
  });

  it('leaves out calls that were never answered', () => {
    expect(longestChain([call('a', 1000, 50), call('b', 1051, null)])).toBe(1);
  });

  it('names the calls by operation in order of first use', () => {
    const calls = [
      call('authorization.list', 0, 1),
      call('token.list', 2, 1),
      call('token.list', 2, 1),
    ];
    expect(callsByOperation(calls)).toBe('authorization.list 1, token.list 2');
    expect(callsByOperation([])).toBe('none');
  });

  it('breaks down the view with the median number of calls, not the commonest one', () => {
    const view = (...operations: string[]) => ({
      ms: 1,
      calls: operations.map((operation) => call(operation, 0, 1)),
    });
    const views = [view('a', 'b', 'b', 'c'), view('a'), view('a', 'b', 'b')];
    expect(medianBreakdown(views)).toBe('a 1, b 2');
  });
});

describe('figures', () => {
  it('gives the median and range, and ratios round by round', () => {
    expect(spread([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, count: 3 });
    expect(spread([4, 1, 2, 3]).median).toBe(2.5);
    // Paired: (10/5, 30/10) = (2, 3), not 20/7.5.
    expect(ratioSpread([10, 30], [5, 10])).toEqual({ median: 2.5, min: 2, max: 3, count: 2 });
    expect(show(spread([1, 2, 3]))).toBe('2.0 (1.0–3.0)');
    expect(show(spread([7]), 0)).toBe('7');
    expect(() => spread([])).toThrow();
  });
});

describe('cpuSecondsOfTree', () => {
  it("counts a process's CPU time together with its children's", async () => {
    // A child that burns 150 ms of its own CPU, says so, then idles until it is stopped.
    const child = spawn(
      process.execPath,
      [
        '-e',
        `while (process.cpuUsage().user + process.cpuUsage().system < 150_000);
         console.log('burnt'); setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await once(createInterface({ input: child.stdout! }), 'line');
      const own = process.cpuUsage();
      expect(cpuSecondsOfTree(child.pid!)).toBeGreaterThanOrEqual(0.14);
      // This process's tree holds the child too: at least both CPU times together.
      expect(cpuSecondsOfTree(process.pid)).toBeGreaterThanOrEqual(
        (own.user + own.system) / 1e6 + 0.14 - 0.02,
      );
    } finally {
      child.kill();
    }
  });
});
