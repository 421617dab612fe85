/** Which telemetry leaves the process, from OpenTelemetry's standard variables and METRICS_TOKEN. */
import { describe, expect, it } from 'vitest';
import { parseConfig, ConfigError, telemetrySettings } from '@/lib/env';
import { presentsMetricsToken } from '@/lib/telemetry/metrics-access';

describe('telemetrySettings', () => {
  it('exports nothing and serves no metrics when nothing is set', () => {
    expect(telemetrySettings({})).toEqual({
      settings: { traces: null, metrics: null, prometheus: false, serviceName: 'connected-apps' },
      warnings: [],
    });
  });

  it('exports traces and metrics over http/protobuf when only the endpoint is set', () => {
    const { settings } = telemetrySettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    });
    expect(settings.traces).toEqual({ protocol: 'http/protobuf' });
    expect(settings.metrics).toEqual({ protocol: 'http/protobuf', intervalMs: 60_000 });
  });

  it('follows per-signal endpoints, protocols, exporters and the export interval', () => {
    const { settings } = telemetrySettings({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://collector:4318/v1/metrics',
      OTEL_SERVICE_NAME: 'apps-eu',
      METRICS_TOKEN: 'a-scrape-token-of-some-length',
    });
    expect(settings).toEqual({
      traces: { protocol: 'http/json' },
      metrics: null,
      prometheus: true,
      serviceName: 'apps-eu',
    });
    expect(
      telemetrySettings({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c',
        OTEL_METRIC_EXPORT_INTERVAL: '1000',
      }).settings.metrics,
    ).toEqual({ protocol: 'http/protobuf', intervalMs: 1000 });
  });

  it('turns a signal off with a warning naming the variable when it cannot honour it', () => {
    const { settings, warnings } = telemetrySettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_TRACES_EXPORTER: 'zipkin',
    });
    expect(settings.traces).toBeNull();
    expect(settings.metrics).toBeNull();
    expect(warnings).toEqual([
      expect.stringMatching(/^OTEL_TRACES_EXPORTER: only otlp or none/),
      expect.stringMatching(/^OTEL_EXPORTER_OTLP_PROTOCOL: only http\/protobuf or http\/json/),
    ]);
  });

  it('OTEL_SDK_DISABLED=true exports nothing', () => {
    const { settings } = telemetrySettings({
      OTEL_SDK_DISABLED: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    });
    expect(settings.traces).toBeNull();
    expect(settings.metrics).toBeNull();
  });
});

describe('METRICS_TOKEN', () => {
  const SECRET = { AUTH_SECRET: 'x'.repeat(32) };

  it('is refused when short, naming the variable and not the value', () => {
    try {
      parseConfig({ ...SECRET, METRICS_TOKEN: 'short-token' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/METRICS_TOKEN: must be at least 16 characters/);
      expect((error as Error).message).not.toContain('short-token');
    }
  });

  it('is read into the configuration; unset it is null', () => {
    expect(parseConfig(SECRET).metricsToken).toBeNull();
    expect(parseConfig({ ...SECRET, METRICS_TOKEN: 't'.repeat(20) }).metricsToken).toBe(
      't'.repeat(20),
    );
  });

  it('is accepted only as the exact bearer token', () => {
    const token = 'scrape-token-0123456789';
    expect(presentsMetricsToken(`Bearer ${token}`, token)).toBe(true);
    for (const header of [
      null,
      '',
      'Bearer ',
      token,
      `Basic ${token}`,
      `Bearer ${token}x`,
      `Bearer ${token.slice(0, -1)}`,
      `bearer ${token}`,
      `Bearer ${token} extra`,
    ])
      expect(presentsMetricsToken(header, token), String(header)).toBe(false);
  });
});
