/**
 * An OTLP/HTTP receiver for tests: what an OpenTelemetry Collector would get
 * from the app, kept for assertions. It takes the JSON encoding
 * (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`,
 * https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding) on
 * `/v1/traces` and `/v1/metrics`, answers 200, and flattens what it got into
 * spans and metric names. Loopback only.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

type AnyValue = {
  stringValue?: string;
  intValue?: number | string;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: AnyValue[] };
};
type KeyValue = { key: string; value: AnyValue };

export type ReceivedSpan = {
  name: string;
  /** OTLP's enum: 1 internal, 2 server, 3 client */
  kind: number;
  attributes: Record<string, unknown>;
  /** `status.code`: 0 unset, 1 ok, 2 error */
  statusCode: number;
};

export type OtlpReceiver = {
  url: string;
  /** every request body as received (the raw text), for scans */
  bodies(): string[];
  /** the headers of every export request (to check OTEL_EXPORTER_OTLP_HEADERS reached it) */
  headers(): IncomingHttpHeaders[];
  spans(): ReceivedSpan[];
  /** the names of every metric received */
  metricNames(): string[];
  close(): Promise<void>;
};

function plain(value: AnyValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plain);
  return null;
}

function attributesOf(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, plain(value)]));
}

type TracesRequest = {
  resourceSpans?: {
    scopeSpans?: {
      spans?: {
        name: string;
        kind: number;
        attributes?: KeyValue[];
        status?: { code?: number };
      }[];
    }[];
  }[];
};
type MetricsRequest = {
  resourceMetrics?: { scopeMetrics?: { metrics?: { name: string }[] }[] }[];
};

/** `onBody` sees each body as it arrives (the e2e stack prints them, for the secret scan). */
export async function startOtlpReceiver(
  port: number,
  onBody: (path: string, body: string) => void = () => {},
): Promise<OtlpReceiver> {
  const bodies: string[] = [];
  const headers: IncomingHttpHeaders[] = [];
  const spans: ReceivedSpan[] = [];
  const metricNames: string[] = [];

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '';
      bodies.push(text);
      headers.push(request.headers);
      onBody(path, text);
      try {
        if (path === '/v1/traces') {
          for (const resource of (JSON.parse(text) as TracesRequest).resourceSpans ?? [])
            for (const scope of resource.scopeSpans ?? [])
              for (const span of scope.spans ?? [])
                spans.push({
                  name: span.name,
                  kind: span.kind,
                  attributes: attributesOf(span.attributes),
                  statusCode: span.status?.code ?? 0,
                });
        } else if (path === '/v1/metrics') {
          for (const resource of (JSON.parse(text) as MetricsRequest).resourceMetrics ?? [])
            for (const scope of resource.scopeMetrics ?? [])
              for (const metric of scope.metrics ?? []) metricNames.push(metric.name);
        }
      } catch {
        // Not JSON (a protobuf export): kept in `bodies` for scans only.
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, 'localhost', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${actual}`,
    bodies: () => [...bodies],
    headers: () => [...headers],
    spans: () => [...spans],
    metricNames: () => [...new Set(metricNames)],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
