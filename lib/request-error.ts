/**
 * Next's `onRequestError` hook (wired in instrumentation.ts): a page that
 * fails to render, or a route handler or action that throws, leaves one
 * structured `request.failed` line naming the request id proxy.ts gave the
 * request, so it joins that request's other lines. Only where it failed and
 * the error itself are written, never the request's headers: they carry the
 * session cookie. The query is dropped too: it holds what the person searched for.
 */
import type { Instrumentation } from 'next';
import { log } from './log';
import { REQUEST_ID_HEADER, wellFormedRequestId } from './request-id';

export const reportRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const incoming = request.headers[REQUEST_ID_HEADER];
  log.error('request.failed', {
    requestId: wellFormedRequestId(typeof incoming === 'string' ? incoming : null) ?? undefined,
    method: request.method,
    route: context.routePath,
    routeType: context.routeType,
    path: request.path.split('?')[0],
    // Next shows people only this digest: it lets an operator find the line from a report.
    digest: digestOf(error),
    error,
  });
};

function digestOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('digest' in error)) return undefined;
  return typeof error.digest === 'string' ? error.digest : undefined;
}
