/**
 * What a span may carry out of the process. Next.js creates spans of its own
 * once a tracer is registered, and by default they hold the full request
 * target (`http.target`: the path with its query, i.e. what a person searched
 * for or a `callbackUrl`), and its `fetch` spans the full URL of every call
 * out — an Authlete token list names the subject in its query
 * (https://nextjs.org/docs/app/guides/open-telemetry#default-spans-in-nextjs).
 * So every span is rewritten here before an exporter sees it:
 *
 * - attributes are kept only when their key is on KEPT_ATTRIBUTES (Next's
 *   route templates, methods and statuses, and this app's own `authlete.*`
 *   facts), and string values lose anything after a `?`;
 * - names lose their query; a server span's name becomes `METHOD /route/template`;
 * - Next's `fetch` spans are dropped: the app's own Authlete spans
 *   (lib/authlete/http-client.ts) say the same without the URL;
 * - exception events keep only `exception.type`, and a status only its code:
 *   messages may quote what Authlete answered.
 *
 * An allow-list rather than a deny-list: an attribute a new Next.js version
 * adds stays in the process until someone decides it is safe.
 */
import { SpanKind, type Attributes, type AttributeValue, type Link } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter, TimedEvent } from '@opentelemetry/sdk-trace-node';

const KEPT_ATTRIBUTES = new Set([
  'http.method',
  'http.request.method',
  'http.status_code',
  'http.response.status_code',
  'http.route',
  'next.route',
  'next.span_name',
  'next.span_type',
  'next.rsc',
  'next.segment',
  'next.bubble',
  'error.type',
]);
const KEPT_PREFIXES = ['authlete.', 'app.'];
const KEPT_EVENT_ATTRIBUTES = new Set(['exception.type']);

/** Next's span type for the `fetch` calls a route makes. */
const NEXT_FETCH_SPAN = 'AppRender.fetch';

function keptKey(key: string): boolean {
  return KEPT_ATTRIBUTES.has(key) || KEPT_PREFIXES.some((prefix) => key.startsWith(prefix));
}

export function withoutQuery(text: string): string {
  const cut = text.indexOf('?');
  return cut === -1 ? text : text.slice(0, cut);
}

function scrubValue(value: AttributeValue | undefined): AttributeValue | undefined {
  if (typeof value === 'string') return withoutQuery(value);
  if (Array.isArray(value))
    return value.map((item) =>
      typeof item === 'string' ? withoutQuery(item) : item,
    ) as AttributeValue;
  return value;
}

export function scrubAttributes(
  attributes: Attributes,
  keep: (key: string) => boolean = keptKey,
): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (keep(key)) kept[key] = scrubValue(value);
  }
  return kept;
}

function spanName(span: ReadableSpan, attributes: Attributes): string {
  if (span.kind !== SpanKind.SERVER) return withoutQuery(span.name);
  // Before Next resolves a route its server span is named `GET /the/raw/path?query`.
  const method = attributes['http.method'] ?? attributes['http.request.method'];
  const route = attributes['http.route'] ?? attributes['next.route'];
  if (typeof method !== 'string') return withoutQuery(span.name);
  return typeof route === 'string' ? `${method} ${route}` : method;
}

/** The span as it may leave the process, or null when it must not leave at all. */
export function scrubSpan(span: ReadableSpan): ReadableSpan | null {
  if (span.attributes['next.span_type'] === NEXT_FETCH_SPAN) return null;
  const attributes = scrubAttributes(span.attributes);
  const events: TimedEvent[] = span.events.map((event) => ({
    ...event,
    name: withoutQuery(event.name),
    attributes: event.attributes
      ? scrubAttributes(event.attributes, (key) => KEPT_EVENT_ATTRIBUTES.has(key))
      : undefined,
  }));
  const links: Link[] = span.links.map((link) => ({ context: link.context }));
  return {
    name: spanName(span, attributes),
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    status: { code: span.status.code },
    attributes,
    links,
    events,
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** Wraps an exporter so that it only ever sees scrubbed spans. */
export function scrubbingExporter(inner: SpanExporter): SpanExporter {
  return {
    export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void) {
      inner.export(
        spans.map(scrubSpan).filter((span): span is ReadableSpan => span !== null),
        resultCallback,
      );
    },
    shutdown: () => inner.shutdown(),
    forceFlush: () => inner.forceFlush?.() ?? Promise.resolve(),
  };
}
