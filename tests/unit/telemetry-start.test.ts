/**
 * Which telemetry start-up turns on (lib/telemetry/start.ts): spans are recorded only when someone
 * reads them — an OTLP exporter, or the request metrics behind /api/metrics or an OTLP metrics
 * push — so a server with none of them pays nothing for Next's spans.
 */
import { context, diag, metrics, propagation, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetrySettings } from '@/lib/env';
import { startTelemetry } from '@/lib/telemetry/start';

const none: TelemetrySettings = {
  traces: null,
  metrics: null,
  prometheus: false,
  serviceName: 'connected-apps-test',
};

/** Whether a span started now would be recorded (an ended span never is). */
function spanRecords(): boolean {
  const span = trace.getTracer('test').startSpan('probe');
  const recording = span.isRecording();
  span.end();
  return recording;
}

afterEach(() => {
  trace.disable();
  context.disable();
  propagation.disable();
  diag.disable();
  metrics.disable();
  delete (globalThis as { __telemetry?: unknown }).__telemetry;
});

describe('spans at start-up', () => {
  it('records none when nothing exports spans or metrics', () => {
    startTelemetry(none, []);
    expect(spanRecords()).toBe(false);
  });

  it('records them when /api/metrics serves the request metrics', () => {
    startTelemetry({ ...none, prometheus: true }, []);
    expect(spanRecords()).toBe(true);
  });

  it('records them when spans are exported', () => {
    startTelemetry({ ...none, traces: { protocol: 'http/json' } }, []);
    expect(spanRecords()).toBe(true);
  });
});
