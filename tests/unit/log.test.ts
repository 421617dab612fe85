/** Log lines: JSON, and the request id of the request being served. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from '@/lib/log';
import { withRequestId } from '@/lib/request-id';
import { captureLogLines as captureLines } from '../support/log-lines';

afterEach(() => vi.restoreAllMocks());

describe('log', () => {
  it('names the request being served on every line, across awaits', async () => {
    const lines = captureLines();
    await withRequestId('req-0123456789', async () => {
      log.info('first', { actor: 'subject-1' });
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.error('second', { error: new Error('boom') });
    });
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'first', requestId: 'req-0123456789' }),
      expect.objectContaining({
        level: 'error',
        msg: 'second',
        requestId: 'req-0123456789',
        error: expect.objectContaining({ type: 'Error', message: 'boom' }),
      }),
    ]);
  });

  it('names the request even when the logger is another bundle of the module', async () => {
    // Next bundles lib/ once for pages and once for route handlers; the Authlete client a page
    // made is shared, and logs while /api/ready (the other bundle) serves a request.
    const lines = captureLines();
    vi.resetModules();
    const otherBundle = await import('@/lib/log');
    expect(otherBundle.log).not.toBe(log);
    await withRequestId('req-ready-0123', async () => {
      otherBundle.log.error('authlete.credentials_rejected', { status: 401 });
    });
    expect(lines).toEqual([expect.objectContaining({ requestId: 'req-ready-0123' })]);
  });

  it('leaves the request id out when no request is being served', () => {
    const lines = captureLines();
    log.warn('startup');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty('requestId');
  });
});

describe('the log format', () => {
  it('writes level, time, the event as msg, and errors with stack and cause', () => {
    const lines = captureLines();
    log.error('backend.failed', { error: new Error('outer', { cause: new Error('inner') }) });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'error',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        msg: 'backend.failed',
        error: expect.objectContaining({
          message: 'outer',
          stack: expect.stringContaining('log.test.ts'),
          cause: expect.objectContaining({ message: 'inner' }),
        }),
      }),
    ]);
  });

  it('leaves out what is below LOG_LEVEL', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('@/lib/logger.mjs');
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const warnOnly = createLogger({ level: 'warn' });
    warnOnly.info('hidden');
    warnOnly.debug('hidden too');
    warnOnly.warn('shown');
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['shown']);
  });
});

describe('error types', () => {
  it('come from the error’s own name, which survives minification', () => {
    const lines = captureLines();
    // What the production build makes of `class AuthleteHttpError`: a one-letter constructor.
    class K extends Error {
      override name = 'AuthleteHttpError';
    }
    log.error('call.failed', { error: new K('refused', { cause: new K('inner') }) });
    expect(lines[0]).toMatchObject({
      error: { type: 'AuthleteHttpError', cause: { type: 'AuthleteHttpError' } },
    });
  });
});
