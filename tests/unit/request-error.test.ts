/**
 * Next's onRequestError hook (instrumentation.ts): a request that fails leaves
 * one structured log line with its request id and route, and nothing of its
 * headers, cookies or query.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onRequestError } from '@/instrumentation';
import { AuthleteHttpError } from '@/lib/authlete';
import { captureLogLines, type LogLine } from '../support/log-lines';

let lines: LogLine[];

beforeEach(() => {
  vi.stubEnv('NEXT_RUNTIME', 'nodejs');
  lines = captureLogLines();
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const SESSION_COOKIE = 'authjs.session-token=eyJhbGciOiJkaXIi.session-secret';
const renderContext = {
  routerKind: 'App Router',
  routePath: '/apps/[clientId]',
  routeType: 'render',
  renderSource: 'react-server-components',
  revalidateReason: undefined,
} as const;

function failedRender(requestId: string | string[] | undefined) {
  const error = new AuthleteHttpError({
    operation: 'GET /auth/token/get/list',
    status: 400,
    resultCode: 'A001201',
    resultMessage: '[A001201] /auth/token/get/list, TLS must be used.',
  });
  return onRequestError(
    Object.assign(error, { digest: '2793012345' }),
    {
      path: '/apps/4711?q=my+private+search',
      method: 'GET',
      headers: {
        cookie: SESSION_COOKIE,
        authorization: 'Basic dXNlcjpwYXNzd29yZA==',
        'x-request-id': requestId,
      },
    },
    renderContext,
  );
}

function loggedLines(): string[] {
  return lines.map((line) => JSON.stringify(line));
}

describe('onRequestError', () => {
  it('writes one error line with the request id, the route, the digest and the error', async () => {
    await failedRender('req-0123456789');
    expect(loggedLines()).toHaveLength(1);
    expect(JSON.parse(loggedLines()[0]!)).toEqual({
      time: expect.any(String),
      pid: expect.any(Number),
      hostname: expect.any(String),
      level: 'error',
      msg: 'request.failed',
      requestId: 'req-0123456789',
      method: 'GET',
      route: '/apps/[clientId]',
      routeType: 'render',
      path: '/apps/4711',
      digest: '2793012345',
      // The error with its stack, so an operator can see where it was thrown.
      error: expect.objectContaining({
        type: 'AuthleteHttpError',
        message:
          'GET /auth/token/get/list answered HTTP 400: [A001201] /auth/token/get/list, TLS must be used.',
        stack: expect.stringContaining('request-error.test.ts'),
        status: 400,
        resultCode: 'A001201',
      }),
    });
  });

  it('never writes the request headers, cookies or query', async () => {
    await failedRender('req-0123456789');
    const [line] = loggedLines();
    for (const leaked of ['session-secret', 'authjs', 'Basic ', 'dXNlcjpwYXNzd29yZA', 'private']) {
      expect(line).not.toContain(leaked);
    }
  });

  it('leaves out a request id that is not well-formed rather than logging arbitrary text', async () => {
    await failedRender('<script>\n{"level":"info"}');
    await failedRender(['req-0123456789', 'req-9876543210']);
    for (const line of loggedLines()) expect(JSON.parse(line)).not.toHaveProperty('requestId');
  });
});
