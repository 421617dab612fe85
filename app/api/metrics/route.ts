/**
 * Prometheus scrape endpoint: the app's metrics (lib/telemetry/metrics.ts) in
 * Prometheus's text format. It exists only when METRICS_TOKEN is set, and only
 * for a caller presenting it as a bearer token. Everyone else gets one and
 * the same 404, with or without a token, right or wrong, on or off: a prober
 * cannot tell a wrong token from metrics being off.
 */
import { config } from '@/lib/env';
import { presentsMetricsToken } from '@/lib/telemetry/metrics-access';
import { prometheusText } from '@/lib/telemetry/start';

export const dynamic = 'force-dynamic';

const notFound = () =>
  Response.json({ error: 'not_found' }, { status: 404, headers: { 'Cache-Control': 'no-store' } });

export async function GET(request: Request) {
  const token = config().metricsToken;
  if (!token || !presentsMetricsToken(request.headers.get('authorization'), token))
    return notFound();
  const text = await prometheusText();
  if (text === null) return notFound();
  return new Response(text, {
    headers: {
      // https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
      'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      'Cache-Control': 'no-store',
    },
  });
}
