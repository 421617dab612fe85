/**
 * Request metrics from Next's own server span: Next opens a
 * `BaseServer.handleRequest` span per request and, once it knows them, sets
 * the route template and the status on it. Reading them when the span ends
 * counts every request (pages, actions, route handlers, static files) with the
 * same route and status Next used, which no middleware could see: proxy.ts
 * runs before the route is resolved and before the status is known.
 */
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { recordRequest } from './metrics';

const NEXT_REQUEST_SPAN = 'BaseServer.handleRequest';

/** Requests Next matched to no route (a 404 for an unknown path) share one label. */
export const UNMATCHED_ROUTE = 'unmatched';

export function requestMetricsProcessor(): SpanProcessor {
  return {
    onStart(_span: Span, _context: Context) {},
    onEnd(span: ReadableSpan) {
      const attributes = span.attributes;
      if (attributes['next.span_type'] !== NEXT_REQUEST_SPAN) return;
      // Next's router wraps each request in an outer span of the same type that "bubbles" to the
      // inner one, which carries the route: counting both would count every request twice.
      if (attributes['next.bubble'] === true) return;
      const route = attributes['http.route'] ?? attributes['next.route'];
      const status = attributes['http.status_code'] ?? attributes['http.response.status_code'];
      const [seconds, nanos] = span.duration;
      recordRequest({
        method: String(attributes['http.method'] ?? attributes['http.request.method'] ?? ''),
        route: typeof route === 'string' ? route : UNMATCHED_ROUTE,
        status: typeof status === 'number' ? status : Number(status ?? 0),
        seconds: seconds + nanos / 1e9,
      });
    },
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
}
