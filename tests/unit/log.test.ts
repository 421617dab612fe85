/** Log lines: JSON, and the request id of the request being served. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from '@/lib/log';
import { withRequestId } from '@/lib/request-id';

afterEach(() => vi.restoreAllMocks());

function captureLines() {
  const lines: Record<string, unknown>[] = [];
  const keep = (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>);
  vi.spyOn(console, 'log').mockImplementation(keep);
  vi.spyOn(console, 'error').mockImplementation(keep);
  return lines;
}

describe('log', () => {
  it('names the request being served on every line, across awaits', async () => {
    const lines = captureLines();
    await withRequestId('req-0123456789', async () => {
      log.info('first', { actor: 'subject-1' });
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.error('second', { error: new Error('boom') });
    });
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', event: 'first', requestId: 'req-0123456789' }),
      expect.objectContaining({
        level: 'error',
        event: 'second',
        requestId: 'req-0123456789',
        error: { name: 'Error', message: 'boom' },
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
