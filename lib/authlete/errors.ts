/**
 * Typed failures of calls to Authlete. Each is a GrantError, so the data layer
 * and the UI handle them by code (almost always `backend_unavailable`); the
 * details (HTTP status, Authlete's resultCode and raw resultMessage) are for
 * the server log only and never reach a person.
 */
import { GrantError, type GrantErrorCode } from '../grants/errors';

export type AuthleteErrorDetails = {
  /** which call failed, as `VERB /path-template`; never carries a subject or credential */
  operation: string;
};

/** Any failed call to Authlete. */
export class AuthleteError extends GrantError {
  override name = 'AuthleteError';
  readonly operation: string;

  constructor(
    code: GrantErrorCode,
    message: string,
    details: AuthleteErrorDetails,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
    this.operation = details.operation;
  }
}

/** Authlete answered with a status other than 2xx. */
export class AuthleteHttpError extends AuthleteError {
  override name = 'AuthleteHttpError';
  readonly status: number;
  readonly resultCode: string | null;
  /** Authlete's own text: for logs, never for people. */
  readonly resultMessage: string | null;

  constructor(
    details: AuthleteErrorDetails & {
      status: number;
      resultCode: string | null;
      resultMessage: string | null;
      code?: GrantErrorCode;
    },
  ) {
    const result = details.resultMessage ?? details.resultCode;
    super(
      details.code ?? 'backend_unavailable',
      `${details.operation} answered HTTP ${details.status}${result ? `: ${result}` : ''}`,
      details,
    );
    this.status = details.status;
    this.resultCode = details.resultCode;
    this.resultMessage = details.resultMessage;
  }
}

/** No answer within the call's time budget (`timeoutMs`). */
export class AuthleteTimeoutError extends AuthleteError {
  override name = 'AuthleteTimeoutError';

  constructor(details: AuthleteErrorDetails & { timeoutMs: number }, options?: ErrorOptions) {
    super(
      'backend_unavailable',
      `${details.operation} got no answer within ${details.timeoutMs} ms`,
      details,
      options,
    );
  }
}

/** The connection failed: refused, reset, closed early, or the name did not resolve. */
export class AuthleteNetworkError extends AuthleteError {
  override name = 'AuthleteNetworkError';
  /** e.g. ECONNRESET, when the platform gives one */
  readonly errorCode: string | null;

  constructor(
    details: AuthleteErrorDetails & { errorCode: string | null },
    options?: ErrorOptions,
  ) {
    super(
      'backend_unavailable',
      `${details.operation} failed on the network${details.errorCode ? ` (${details.errorCode})` : ''}`,
      details,
      options,
    );
    this.errorCode = details.errorCode;
  }
}

/** A 2xx answer that is not JSON or not the shape we rely on. */
export class AuthleteResponseError extends AuthleteError {
  override name = 'AuthleteResponseError';
  readonly status: number;

  constructor(
    details: AuthleteErrorDetails & { status: number; problem: string },
    options?: ErrorOptions,
  ) {
    super(
      'backend_unavailable',
      `${details.operation} answered HTTP ${details.status} with ${details.problem}`,
      details,
      options,
    );
    this.status = details.status;
  }
}

/**
 * Authlete is saturated: it answered 429 (and its Retry-After does not fit in the call's time
 * budget), or this process already has as many calls waiting as it allows. Nothing was sent, or
 * Authlete refused before doing anything: asking again after `retryAfterSeconds` is safe.
 */
export class AuthleteBusyError extends AuthleteError {
  override name = 'AuthleteBusyError';
  readonly reason: 'rate_limited' | 'queue_full' | 'deadline';

  constructor(
    details: AuthleteErrorDetails & {
      reason: 'rate_limited' | 'queue_full' | 'deadline';
      retryAfterMs: number;
    },
  ) {
    super(
      'backend_busy',
      `${details.operation} not sent: ${details.reason.replace('_', ' ')}`,
      details,
    );
    this.reason = details.reason;
    this.retryAfterSeconds = Math.max(1, Math.ceil(details.retryAfterMs / 1000));
  }
}
