/**
 * The app's metrics, one function per fact an operator watches. Every label
 * is from a small fixed set (a route template, an Authlete operation such as
 * `GET /client/get/{clientId}`, an outcome word, a limit's name): never a
 * subject, a client ID, a token or a query.
 *
 * Instruments are made on first use from the meter provider that
 * lib/telemetry/start.ts registers at start-up, and kept on globalThis: Next
 * bundles this module more than once, and two copies must count into one
 * series. Before start-up (unit tests) they are OpenTelemetry's no-ops.
 */
import { metrics, type Counter, type Histogram, type Meter } from '@opentelemetry/api';

/** Seconds; from a fast local call to the Authlete time budget's upper end. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export const METER_NAME = 'connected-apps';

type Instruments = {
  requestDuration: Histogram;
  authleteCallDuration: Histogram;
  authleteRetries: Counter;
  limiterRefusals: Counter;
};

const holder = globalThis as typeof globalThis & {
  __appInstruments?: Instruments;
  __outboxStats?: OutboxStatsSource;
};

/** Drops the instruments made so far, so that the next use makes them on the current provider. */
export function resetInstruments(): void {
  holder.__appInstruments = undefined;
}

function instruments(): Instruments {
  if (holder.__appInstruments) return holder.__appInstruments;
  const meter: Meter = metrics.getMeter(METER_NAME);
  holder.__appInstruments = {
    // The name and labels of OpenTelemetry's HTTP semantic conventions, so dashboards built for them work:
    // https://opentelemetry.io/docs/specs/semconv/http/http-metrics/#metric-httpserverrequestduration
    requestDuration: meter.createHistogram('http.server.request.duration', {
      description: 'Requests served, by route template, method and status, with their duration',
      unit: 's',
      advice: { explicitBucketBoundaries: LATENCY_BUCKETS },
    }),
    authleteCallDuration: meter.createHistogram('authlete.call.duration', {
      description:
        'Calls to Authlete by operation and outcome, retries included, with their duration',
      unit: 's',
      advice: { explicitBucketBoundaries: LATENCY_BUCKETS },
    }),
    authleteRetries: meter.createCounter('authlete.call.retries', {
      description: 'Attempts repeated after a network failure or a 5xx, by operation',
    }),
    limiterRefusals: meter.createCounter('app.limiter.refusals', {
      description:
        'Requests refused by a rate limit (writes per person, sign-in attempts per login)',
    }),
  };
  return holder.__appInstruments;
}

/** Methods outside this set are counted as `_OTHER` (the semantic conventions' word), so junk cannot add series. */
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function recordRequest(request: {
  method: string;
  route: string;
  status: number;
  seconds: number;
}): void {
  instruments().requestDuration.record(request.seconds, {
    'http.request.method': KNOWN_METHODS.has(request.method) ? request.method : '_OTHER',
    'http.route': request.route,
    'http.response.status_code': request.status,
  });
}

/** How an Authlete call ended, in words an alert can match. */
export type AuthleteOutcome =
  | 'ok'
  | 'client_error'
  | 'server_error'
  | 'timeout'
  | 'network_error'
  | 'malformed_answer'
  | 'busy';

export function recordAuthleteCall(call: {
  operation: string;
  outcome: AuthleteOutcome;
  attempts: number;
  seconds: number;
}): void {
  const { authleteCallDuration, authleteRetries } = instruments();
  authleteCallDuration.record(call.seconds, {
    'authlete.operation': call.operation,
    outcome: call.outcome,
  });
  if (call.attempts > 1)
    authleteRetries.add(call.attempts - 1, { 'authlete.operation': call.operation });
}

/** `limit`: the limit's name as lib/store/limiter.ts knows it (`write`, `sign_in`). */
export function recordLimiterRefusal(limit: string): void {
  instruments().limiterRefusals.add(1, { limit });
}

/**
 * The event outbox's state, for the `app.outbox.backlog` and `app.outbox.failed` gauges:
 * events not yet delivered, and events that gave up. Read at every collection (a scrape or
 * an OTLP export), so it should be one cheap query.
 */
export type OutboxStatsSource = () => Promise<{ backlog: number; failed: number }>;

/**
 * The hook for the module that owns the outbox: call once at start-up with a function that
 * counts. Until then (and if it throws) the gauges report nothing rather than a made-up 0.
 */
export function provideOutboxStats(source: OutboxStatsSource): void {
  holder.__outboxStats = source;
}

/** Registers the outbox gauges on `meter`; called by lib/telemetry/start.ts. */
export function observeOutbox(meter: Meter, onError: (error: unknown) => void): void {
  const backlog = meter.createObservableGauge('app.outbox.backlog', {
    description: 'Events waiting in the outbox to be delivered',
  });
  const failed = meter.createObservableGauge('app.outbox.failed', {
    description: 'Events the outbox gave up delivering',
  });
  meter.addBatchObservableCallback(
    async (result) => {
      const source = holder.__outboxStats;
      if (!source) return;
      try {
        const stats = await source();
        result.observe(backlog, stats.backlog);
        result.observe(failed, stats.failed);
      } catch (error) {
        onError(error);
      }
    },
    [backlog, failed],
  );
}
