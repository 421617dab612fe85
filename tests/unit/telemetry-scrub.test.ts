/** What leaves the process in a span: never a query, a URL, a subject or an error message. */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { describe, expect, it } from 'vitest';
import { scrubbingExporter, scrubSpan } from '@/lib/telemetry/scrub';

const SUBJECT = 'subject-alice-4711';

function span(overrides: Partial<ReadableSpan>): ReadableSpan {
  return {
    name: 'span',
    kind: SpanKind.INTERNAL,
    spanContext: () => ({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 }),
    startTime: [0, 0],
    endTime: [0, 1_000_000],
    status: { code: SpanStatusCode.UNSET },
    attributes: {},
    links: [],
    events: [],
    duration: [0, 1_000_000],
    ended: true,
    resource: {} as ReadableSpan['resource'],
    instrumentationScope: { name: 'next.js' },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    ...overrides,
  };
}

/** Next's server span as it ends for `/apps?q=…` (https://nextjs.org/docs/app/guides/open-telemetry#default-spans-in-nextjs). */
const nextRequest = span({
  name: `GET /apps?q=${SUBJECT}`,
  kind: SpanKind.SERVER,
  attributes: {
    'next.span_type': 'BaseServer.handleRequest',
    'http.method': 'GET',
    'http.target': `/apps?q=${SUBJECT}`,
    'http.status_code': 200,
    'next.route': '/apps',
    'http.route': '/apps',
    'http.host': 'apps.example.com',
  },
  status: { code: SpanStatusCode.ERROR, message: `failed for ${SUBJECT}` },
  events: [
    {
      name: 'exception',
      time: [0, 0],
      attributes: {
        'exception.type': 'AuthleteHttpError',
        'exception.message': `GET /auth/token/get/list?subject=${SUBJECT} answered 500`,
        'exception.stacktrace': `Error: subject=${SUBJECT}`,
      },
    },
  ],
});

describe('scrubSpan', () => {
  it('keeps route, method and status, and drops the target, the host and every message', () => {
    const scrubbed = scrubSpan(nextRequest)!;
    expect(scrubbed.name).toBe('GET /apps');
    expect(scrubbed.attributes).toEqual({
      'next.span_type': 'BaseServer.handleRequest',
      'http.method': 'GET',
      'http.status_code': 200,
      'next.route': '/apps',
      'http.route': '/apps',
    });
    expect(scrubbed.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(scrubbed.events[0]!.attributes).toEqual({ 'exception.type': 'AuthleteHttpError' });
    expect(JSON.stringify(scrubbed)).not.toContain(SUBJECT);
    expect(scrubbed.spanContext()).toEqual(nextRequest.spanContext());
  });

  it('names a server span Next never matched to a route by its method alone', () => {
    const unmatched = span({
      name: `GET /nowhere/${SUBJECT}?token=x`,
      kind: SpanKind.SERVER,
      attributes: { 'http.method': 'GET', 'http.target': `/nowhere/${SUBJECT}?token=x` },
    });
    expect(scrubSpan(unmatched)!.name).toBe('GET');
  });

  it("drops Next's fetch spans, whose names and attributes hold the full URL", () => {
    const fetchSpan = span({
      name: `fetch GET https://us.authlete.com/api/1/auth/token/get/list?subject=${SUBJECT}`,
      kind: SpanKind.CLIENT,
      attributes: {
        'next.span_type': 'AppRender.fetch',
        'http.url': `https://us.authlete.com/api/1/auth/token/get/list?subject=${SUBJECT}`,
      },
    });
    expect(scrubSpan(fetchSpan)).toBeNull();
  });

  it("keeps the app's own authlete.* facts, and cuts a query out of any kept value", () => {
    const authlete = span({
      name: 'Authlete GET /auth/token/get/list?subject=x',
      kind: SpanKind.CLIENT,
      attributes: {
        'authlete.operation': 'GET /auth/token/get/list',
        'authlete.attempt': 2,
        'http.route': `/apps?q=${SUBJECT}`,
        'url.full': `https://us.authlete.com/api?subject=${SUBJECT}`,
      },
    });
    const scrubbed = scrubSpan(authlete)!;
    expect(scrubbed.name).toBe('Authlete GET /auth/token/get/list');
    expect(scrubbed.attributes).toEqual({
      'authlete.operation': 'GET /auth/token/get/list',
      'authlete.attempt': 2,
      'http.route': '/apps',
    });
  });
});

describe('scrubbingExporter', () => {
  it('hands the exporter only scrubbed spans', () => {
    const exported: ReadableSpan[][] = [];
    const exporter = scrubbingExporter({
      export: (spans, done) => {
        exported.push(spans);
        done({ code: 0 });
      },
      shutdown: () => Promise.resolve(),
    });
    let result: unknown;
    exporter.export(
      [nextRequest, span({ attributes: { 'next.span_type': 'AppRender.fetch' } })],
      (outcome) => (result = outcome),
    );
    expect(result).toEqual({ code: 0 });
    expect(exported).toHaveLength(1);
    expect(exported[0]!.map((each) => each.name)).toEqual(['GET /apps']);
  });
});
