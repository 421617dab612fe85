/**
 * Starts OpenTelemetry for this process, from instrumentation.ts's
 * `register()` before the first request (https://nextjs.org/docs/app/guides/open-telemetry#manual-opentelemetry-configuration).
 *
 * Traces: a tracer provider is registered whenever spans or metrics leave the
 * process, because the request metrics are read from Next's own server spans
 * (lib/telemetry/request-metrics.ts); with neither, none is, and nothing is traced.
 * Spans leave the process only when an OTLP endpoint is set, and only through
 * the scrubber (lib/telemetry/scrub.ts). Metrics: read by /api/metrics when
 * METRICS_TOKEN is set, pushed over OTLP when an endpoint is set, both or
 * neither. No auto-instrumentation is loaded: the spans are Next's and the
 * app's own, so nothing records a URL or a header we have not looked at.
 */
import { diag, DiagLogLevel, metrics } from '@opentelemetry/api';
import { OTLPMetricExporter as OtlpJsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as OtlpProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter as OtlpJsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type MetricReader,
} from '@opentelemetry/sdk-metrics';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import type { TelemetrySettings } from '../env';
import { log } from '../log';
import { flushBeforeExit } from './flush-on-exit';
import { METER_NAME, observeOutbox, resetInstruments } from './metrics';
import { withUnitSuffixes } from './prometheus-names';
import { requestMetricsProcessor } from './request-metrics';
import { scrubbingExporter } from './scrub';

type Telemetry = { prometheus: PrometheusExporter | null };

// Next bundles this module for instrumentation and again for route handlers; /api/metrics must
// read the reader that start-up registered.
const holder = globalThis as typeof globalThis & { __telemetry?: Telemetry };

export function startTelemetry(settings: TelemetrySettings, warnings: readonly string[]): void {
  if (holder.__telemetry) return;
  for (const warning of warnings) log.warn('telemetry.setting_ignored', { problem: warning });
  // The SDK's own complaints (an unreachable collector, a refused export) become log lines.
  diag.setLogger(
    {
      error: (message) => log.warn('telemetry.export_problem', { problem: message }),
      warn: (message) => log.warn('telemetry.export_problem', { problem: message }),
      info: () => {},
      debug: () => {},
      verbose: () => {},
    },
    DiagLogLevel.WARN,
  );

  const resource = resourceFromAttributes({ 'service.name': settings.serviceName });
  const readers: MetricReader[] = [];
  const prometheus = settings.prometheus
    ? new PrometheusExporter({ preventServerStart: true })
    : null;
  if (prometheus) readers.push(prometheus);
  if (settings.metrics) {
    const exporter =
      settings.metrics.protocol === 'http/json'
        ? new OtlpJsonMetricExporter()
        : new OtlpProtoMetricExporter();
    readers.push(
      new PeriodicExportingMetricReader({
        exporter,
        exportIntervalMillis: settings.metrics.intervalMs,
        exportTimeoutMillis: Math.min(30_000, settings.metrics.intervalMs),
      }),
    );
  }
  // With no exporter and no scraper, no span has anyone to read it, not even the request metrics:
  // the API's no-op tracer then stands in, and Next makes no spans (their context switches cost
  // the server a few % of a page's CPU, docs/performance.md).
  const tracerProvider =
    settings.traces || readers.length ? registerTracer(settings, resource) : null;

  const meterProvider = new MeterProvider({ resource, readers });
  metrics.setGlobalMeterProvider(meterProvider);
  resetInstruments();
  observeOutbox(meterProvider.getMeter(METER_NAME), (error) =>
    log.warn('telemetry.outbox_stats_failed', { error }),
  );
  // Shutting down exports what each provider still holds: the last requests' spans, the last metrics.
  flushBeforeExit(process, () =>
    Promise.allSettled([tracerProvider?.shutdown(), meterProvider.shutdown()]),
  );
  holder.__telemetry = { prometheus };
  log.info('telemetry.started', {
    traces: settings.traces?.protocol ?? 'off',
    metrics: settings.metrics?.protocol ?? 'off',
    prometheus: prometheus !== null,
  });
}

function registerTracer(settings: TelemetrySettings, resource: Resource): NodeTracerProvider {
  const spanProcessors: SpanProcessor[] = [requestMetricsProcessor()];
  if (settings.traces) {
    const exporter =
      settings.traces.protocol === 'http/json'
        ? new OtlpJsonTraceExporter()
        : new OtlpProtoTraceExporter();
    spanProcessors.push(new BatchSpanProcessor(scrubbingExporter(exporter)));
  }
  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors });
  tracerProvider.register();
  return tracerProvider;
}

/**
 * The current metrics in Prometheus's text format, named as Prometheus names them
 * (lib/telemetry/prometheus-names.ts), or null when METRICS_TOKEN is not set.
 */
export async function prometheusText(): Promise<string | null> {
  const prometheus = holder.__telemetry?.prometheus;
  if (!prometheus) return null;
  const { resourceMetrics, errors } = await prometheus.collect();
  for (const error of errors) log.warn('telemetry.collect_problem', { error });
  return new PrometheusSerializer().serialize(withUnitSuffixes(resourceMetrics));
}
