/**
 * The one place that talks HTTP to Authlete: URL shape and credentials per API
 * generation, the time budget, retries, and turning every answer into either
 * parsed data or a typed AuthleteError. Endpoint functions (`endpoints.ts`)
 * describe calls; they never see fetch, headers or raw text.
 *
 * Time budget and retries: `timeoutMs` bounds a whole call, retries included.
 * Each attempt gets what is left of it as its abort signal, so a timeout is
 * never retried (nothing is left) and a person waits at most `timeoutMs`.
 * Network failures and 5xx are retried up to twice with a short backoff while
 * budget remains; that is safe for writes too, because update writes a set
 * and delete is idempotent. 4xx and malformed answers are not retried: asking
 * again would get the same answer.
 *
 * Bounds (call-gate.ts): every call of the process passes one gate, at most
 * `maxConcurrentCalls` in flight and `maxWaitingCalls` waiting; a 429 pauses
 * the whole gate for its Retry-After (1 s without one) and the call is asked
 * again once the pause ends, or refused as `backend_busy` with the wait when
 * the pause outlasts its time budget. Nothing is sent while the pause lasts.
 *
 * Telemetry: every attempt is a client span named after the operation
 * (`Authlete GET /client/get/{clientId}`) with its method, status and attempt
 * number, and every call (its attempts together) is one observation of
 * `authlete.call.duration` by operation and outcome, plus the retries it took
 * (lib/telemetry/metrics.ts). Neither ever carries the URL: it names the
 * subject, and v3's names the service.
 */
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { z } from 'zod';
import type { GrantErrorCode } from '../grants/errors';
import { log } from '../log';
import { createCallGate, retryAfterMs, type GateRefusal } from './call-gate';
import { recordAuthleteCall, type AuthleteOutcome } from '../telemetry/metrics';
import {
  AuthleteBusyError,
  AuthleteHttpError,
  AuthleteNetworkError,
  AuthleteResponseError,
  AuthleteTimeoutError,
} from './errors';
import { parseJson } from './json';
import type { AuthleteApiVersion, ResolvedOptions } from './options';
import { errorBodySchema } from './schemas';

const MAX_ATTEMPTS = 3;
// Through the API's proxy: spans go nowhere until lib/telemetry/start.ts registers a provider.
const tracer = trace.getTracer('connected-apps.authlete');
const BACKOFF_MS = [100, 300];

export type AuthleteCall<Schema extends z.ZodType> = {
  /** `VERB /path-template` for errors and logs; never a subject or a credential. */
  operation: string;
  method: 'GET' | 'POST';
  /** The path after the generation's prefix (`/api` or `/api/{serviceId}`). */
  path: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  schema: Schema;
  /** v2 `/service/*` calls take the service owner's credentials. */
  credentials?: 'service' | 'serviceOwner';
  /** Error codes for statuses that mean something specific here, e.g. `{ 404: 'app_not_found' }`. */
  codeForStatus?: Partial<Record<number, GrantErrorCode>>;
  /** 401/403 answers the caller handles itself (and logs if it must): no `credentials_rejected` line. */
  refusalHandled?: boolean;
};

export type AuthleteClient = {
  readonly apiVersion: AuthleteApiVersion;
  readonly serviceApiKey: string;
  readonly hasServiceOwnerCredentials: boolean;
  call<Schema extends z.ZodType>(call: AuthleteCall<Schema>): Promise<z.output<Schema>>;
};

type Attempt =
  | { ok: true; status: number; text: string; retryAfter: string | null }
  | { ok: false; error: Error };

export function createAuthleteClient(options: ResolvedOptions): AuthleteClient {
  const gate = createCallGate(options.maxConcurrentCalls, options.maxWaitingCalls);
  let lastQueueFullLog = 0;
  const prefix =
    options.apiVersion === 'V2'
      ? `${options.baseUrl}/api`
      : `${options.baseUrl}/api/${encodeURIComponent(options.serviceApiKey)}`;

  function authorization(credentials: AuthleteCall<z.ZodType>['credentials']): string {
    if (credentials === 'serviceOwner' && options.serviceOwnerAuthorization) {
      return options.serviceOwnerAuthorization;
    }
    return options.serviceAuthorization;
  }

  /** One HTTP attempt, as one span. */
  function attempt(
    call: AuthleteCall<z.ZodType>,
    url: string,
    budgetMs: number,
    attemptNumber: number,
  ): Promise<Attempt> {
    return tracer.startActiveSpan(
      `Authlete ${call.operation}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'authlete.operation': call.operation,
          'authlete.api_version': options.apiVersion,
          'authlete.attempt': attemptNumber,
          'http.request.method': call.method,
        },
      },
      async (span) => {
        const outcome = await send(call, url, budgetMs);
        if (outcome.ok) {
          span.setAttribute('http.response.status_code', outcome.status);
          if (outcome.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
        } else {
          span.setAttribute('error.type', outcome.error.name);
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
        return outcome;
      },
    );
  }

  async function send(
    call: AuthleteCall<z.ZodType>,
    url: string,
    budgetMs: number,
  ): Promise<Attempt> {
    const signal = AbortSignal.timeout(Math.max(1, budgetMs));
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: authorization(call.credentials),
    };
    if (call.body) headers['Content-Type'] = 'application/json';
    try {
      const response = await options.fetch(url, {
        method: call.method,
        headers,
        body: call.body ? JSON.stringify(call.body) : undefined,
        signal,
        // Authlete does not redirect; following one would send our credentials elsewhere.
        redirect: 'error',
      });
      return {
        ok: true,
        status: response.status,
        text: await response.text(),
        retryAfter: response.headers.get('retry-after'),
      };
    } catch (error) {
      if (signal.aborted) {
        return {
          ok: false,
          error: new AuthleteTimeoutError(
            { operation: call.operation, timeoutMs: options.timeoutMs },
            { cause: error },
          ),
        };
      }
      return {
        ok: false,
        error: new AuthleteNetworkError(
          { operation: call.operation, errorCode: networkErrorCode(error) },
          { cause: error },
        ),
      };
    }
  }

  function refused(call: AuthleteCall<z.ZodType>, refusal: GateRefusal): AuthleteBusyError {
    if (refusal.reason !== 'rate_limited' && Date.now() - lastQueueFullLog > 10_000) {
      // At most one line in ten seconds: a saturated process would otherwise log every refusal.
      lastQueueFullLog = Date.now();
      log.warn('authlete.calls_saturated', {
        operation: call.operation,
        reason: refusal.reason,
        maxConcurrentCalls: options.maxConcurrentCalls,
        maxWaitingCalls: options.maxWaitingCalls,
      });
    }
    return new AuthleteBusyError({ operation: call.operation, ...refusal });
  }

  return {
    apiVersion: options.apiVersion,
    serviceApiKey: options.serviceApiKey,
    hasServiceOwnerCredentials: options.serviceOwnerAuthorization !== null,

    async call(call) {
      const query = call.query ? `?${new URLSearchParams(call.query)}` : '';
      const url = `${prefix}${call.path}${query}`;
      const started = performance.now();
      const deadline = Date.now() + options.timeoutMs;
      let attempts = 0;
      const finish = (outcome: AuthleteOutcome) =>
        recordAuthleteCall({
          operation: call.operation,
          outcome,
          attempts,
          seconds: (performance.now() - started) / 1000,
        });

      for (let attemptNumber = 1; ; attemptNumber++) {
        attempts = attemptNumber;
        const entered = await gate.enter(deadline);
        if (!('release' in entered)) {
          finish('busy');
          throw refused(call, entered);
        }
        let outcome: Attempt;
        try {
          outcome = await attempt(call, url, deadline - Date.now(), attemptNumber);
        } finally {
          entered.release();
        }
        if (outcome.ok && outcome.status === 429) {
          // Honour Retry-After for every call of this process, not just this one; without one, 1 s.
          const waitMs = retryAfterMs(outcome.retryAfter) ?? 1000;
          gate.pauseUntil(Date.now() + waitMs);
          log.warn('authlete.rate_limited', {
            operation: call.operation,
            retryAfterSeconds: Math.ceil(waitMs / 1000),
          });
          // Tried again through the gate, which waits out the pause, or refuses when it ends
          // after this call's deadline.
          if (attemptNumber < MAX_ATTEMPTS) continue;
          finish('busy');
          throw new AuthleteBusyError({
            operation: call.operation,
            reason: 'rate_limited',
            retryAfterMs: waitMs,
          });
        }
        const retryable = outcome.ok
          ? outcome.status >= 500
          : outcome.error instanceof AuthleteNetworkError;
        const backoff = BACKOFF_MS[attemptNumber - 1] ?? 0;
        if (retryable && attemptNumber < MAX_ATTEMPTS && deadline - Date.now() > backoff) {
          await sleep(backoff);
          continue;
        }
        if (!outcome.ok) {
          finish(outcome.error instanceof AuthleteTimeoutError ? 'timeout' : 'network_error');
          throw outcome.error;
        }
        if (outcome.status < 200 || outcome.status >= 300) {
          finish(outcome.status >= 500 ? 'server_error' : 'client_error');
          throw httpError(call, outcome.status, outcome.text);
        }
        try {
          const parsed = parseBody(call, outcome.status, outcome.text);
          finish('ok');
          return parsed;
        } catch (error) {
          finish('malformed_answer');
          throw error;
        }
      }
    },
  };
}

function httpError(call: AuthleteCall<z.ZodType>, status: number, text: string): AuthleteHttpError {
  const body = errorBodySchema.safeParse(safeParseJson(text));
  const error = new AuthleteHttpError({
    operation: call.operation,
    status,
    resultCode: body.success ? body.data.resultCode : null,
    resultMessage: body.success ? body.data.resultMessage : null,
    code: call.codeForStatus?.[status],
  });
  if ((status === 401 || status === 403) && !call.refusalHandled) {
    // The operator must fix the credentials or the plan; the person only sees
    // "unavailable". Log what Authlete said, never what we sent.
    log.error('authlete.credentials_rejected', {
      operation: error.operation,
      status,
      resultCode: error.resultCode,
      resultMessage: error.resultMessage,
    });
  }
  return error;
}

function parseBody<Schema extends z.ZodType>(
  call: AuthleteCall<Schema>,
  status: number,
  text: string,
): z.output<Schema> {
  let json: unknown;
  try {
    json = parseJson(text);
  } catch (error) {
    throw new AuthleteResponseError(
      { operation: call.operation, status, problem: 'malformed JSON' },
      { cause: error },
    );
  }
  const parsed = call.schema.safeParse(json);
  if (!parsed.success) {
    // Issue paths and messages only: the rejected values may be secrets.
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new AuthleteResponseError({
      operation: call.operation,
      status,
      problem: `an unexpected shape (${problems})`,
    });
  }
  return parsed.data;
}

function safeParseJson(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    return null;
  }
}

/** Node's fetch wraps the socket error: `TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })`. */
function networkErrorCode(error: unknown): string | null {
  let current = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : null;
  }
  return null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
