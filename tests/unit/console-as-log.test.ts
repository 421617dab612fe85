/** What others write to the console (Next, React, libraries) becomes one JSON log line. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { routeConsoleToLog } from '@/lib/console-as-log';
import { withRequestId } from '@/lib/request-id';
import { captureLogLines } from '../support/log-lines';

const original = { ...console };

afterEach(() => {
  Object.assign(console, original);
  delete (globalThis as { __consoleRouted?: boolean }).__consoleRouted;
  vi.restoreAllMocks();
});

describe('routeConsoleToLog', () => {
  it('writes console calls as JSON lines at the matching level, with the request id', async () => {
    const lines = captureLogLines();
    routeConsoleToLog();
    await withRequestId('req-console-01', async () => {
      console.log('listening on %d', 3000);
      console.warn('careful');
    });
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'listening on 3000', source: 'console.log' }),
      expect.objectContaining({
        level: 'warn',
        msg: 'careful',
        source: 'console.warn',
        requestId: 'req-console-01',
      }),
    ]);
  });

  it('keeps an error with its stack and cause', () => {
    const lines = captureLogLines();
    routeConsoleToLog();
    console.error('render failed', new Error('boom', { cause: new Error('disk full') }));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'render failed',
        error: expect.objectContaining({
          type: 'Error',
          message: 'boom',
          stack: expect.stringContaining('console-as-log.test.ts'),
          cause: expect.objectContaining({ message: 'disk full' }),
        }),
      }),
    ]);
  });
});

describe('an empty console line', () => {
  it('writes nothing', () => {
    const lines = captureLogLines();
    routeConsoleToLog();
    console.log();
    console.log('   ');
    expect(lines).toEqual([]);
  });
});
