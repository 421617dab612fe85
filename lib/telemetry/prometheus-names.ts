/**
 * The Prometheus names of the app's metrics: the unit, spelled out, as the name's suffix
 * (`http.server.request.duration` in `s` becomes `http_server_request_duration_seconds`), as
 * https://prometheus.io/docs/practices/naming/ asks and as OpenTelemetry's own translation to
 * Prometheus does (https://opentelemetry.io/docs/specs/otel/compatibility/prometheus_and_openmetrics/),
 * so a series has one name whether it is scraped from /api/metrics or pushed over OTLP into
 * Prometheus. The 0.223 exporter adds `_total` to counters itself, but no unit. Over OTLP the
 * names stay the semantic conventions' own, with the unit beside them.
 */
import type { ResourceMetrics } from '@opentelemetry/sdk-metrics';

/** OpenTelemetry's unit codes (UCUM) and Prometheus's base-unit words for them. */
const UNIT_WORDS: Readonly<Record<string, string>> = { s: 'seconds', By: 'bytes' };

/** A copy of `collected` with each metric of a known unit renamed, and its unit spelled the same. */
export function withUnitSuffixes(collected: ResourceMetrics): ResourceMetrics {
  return {
    ...collected,
    scopeMetrics: collected.scopeMetrics.map((scope) => ({
      ...scope,
      metrics: scope.metrics.map((metric) => {
        const word = UNIT_WORDS[metric.descriptor.unit];
        if (!word) return metric;
        const { name } = metric.descriptor;
        const suffixed = name.endsWith(`_${word}`) || name.endsWith(`.${word}`);
        return {
          ...metric,
          descriptor: {
            ...metric.descriptor,
            name: suffixed ? name : `${name}_${word}`,
            unit: word,
          },
        };
      }),
    })),
  };
}
