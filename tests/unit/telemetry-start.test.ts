/**
 * Which telemetry start-up turns on (lib/telemetry/start.ts): spans are recorded only when someone
 * reads them — an OTLP exporter, or the request metrics behind /api/metrics or an OTLP metrics
 * push — so a server with none of them pays nothing for Next's spans. And the names a Prometheus
 * scrape of /api/metrics sees (lib/telemetry/prometheus-names.ts).
 */
import { context, diag, metrics, propagation, trace } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetrySettings } from '@/lib/env';
import { recordAuthleteCall, recordLimiterRefusal, recordRequest } from '@/lib/telemetry/metrics';
import { prometheusText, startTelemetry } from '@/lib/telemetry/start';

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

describe('the Prometheus scrape', () => {
  /** The families in the scrape: each `# TYPE` line's name and type. */
  function families(text: string): string[] {
    return [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => `${name} ${type}`);
  }

  it('names durations in seconds and counters as totals, with the unit line to match', async () => {
    startTelemetry({ ...none, prometheus: true }, []);
    recordRequest({ method: 'GET', route: '/apps', status: 200, seconds: 0.12 });
    recordAuthleteCall({
      operation: 'GET /client/get/{clientId}',
      outcome: 'ok',
      attempts: 2,
      seconds: 0.3,
    });
    recordLimiterRefusal('write');

    const text = (await prometheusText())!;
    expect(families(text)).toEqual(
      expect.arrayContaining([
        'http_server_request_duration_seconds histogram',
        'authlete_call_duration_seconds histogram',
        'authlete_call_retries_total counter',
        'app_limiter_refusals_total counter',
      ]),
    );
    expect(text).toMatch(/^# UNIT http_server_request_duration_seconds seconds$/m);
    expect(text).toMatch(
      /^http_server_request_duration_seconds_count\{.*http_route="\/apps".*\} 1$/m,
    );
    expect(text).toMatch(/^http_server_request_duration_seconds_sum\{.*\} 0\.12$/m);
    // No family is left without its unit.
    expect(text).not.toMatch(/_duration(_bucket|_sum|_count)?\{/);
  });
});
