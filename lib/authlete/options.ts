/**
 * The adapter's options and their defaults. The caller (the config wiring in
 * `lib/env.ts`) reads the environment; this module never does, so tests and
 * scripts can build a store for any server without touching process state.
 */

export type AuthleteApiVersion = 'V2' | 'V3';

export type AuthleteStoreOptions = {
  /** Authlete's base URL without `/api`, e.g. `https://us.authlete.com`. */
  baseUrl: string;
  apiVersion: AuthleteApiVersion;
  /** v2: the service API key; v3: the service ID (the same number). */
  serviceApiKey: string;
  /** v2 only: the service API secret. */
  serviceApiSecret?: string;
  /** v3 only: a service access token (or an organization token). */
  serviceAccessToken?: string;
  /** v2 only, optional: service-owner credentials, to read scope descriptions. */
  serviceOwnerApiKey?: string;
  serviceOwnerApiSecret?: string;
  /** Most a call may take, retries included. Default 10000. */
  timeoutMs?: number;
  /** Injectable for tests; default the global `fetch`. */
  fetch?: typeof fetch;
  /** How long client metadata and the scope catalogue are reused. Default 60000; 0 disables. */
  cacheTtlMs?: number;
  /** Most calls in flight for one view. Default 20. */
  concurrency?: number;
  /** Most calls in flight in this process, for everyone together. Default 64. */
  maxConcurrentCalls?: number;
  /** Most calls waiting for one of those slots; beyond it a call is refused as busy. Default 1000. */
  maxWaitingCalls?: number;
  /** Most Authlete reads made for one person in a minute, in this process. Default 2000. */
  readBudgetPerMinute?: number;
};

export type ResolvedOptions = {
  baseUrl: string;
  apiVersion: AuthleteApiVersion;
  serviceApiKey: string;
  serviceAuthorization: string;
  serviceOwnerAuthorization: string | null;
  timeoutMs: number;
  fetch: typeof fetch;
  cacheTtlMs: number;
  concurrency: number;
  maxConcurrentCalls: number;
  maxWaitingCalls: number;
  readBudgetPerMinute: number;
};

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_CACHE_TTL_MS = 60_000;
// A page of up to 20 apps is enriched in one wave; whole-list views go in waves of this many.
const DEFAULT_CONCURRENCY = 20;
// Three people's whole-list views at full width; past it, calls queue rather than pile onto Authlete.
const DEFAULT_MAX_CONCURRENT_CALLS = 64;
const DEFAULT_MAX_WAITING_CALLS = 1000;
// A whole-list view over 1,000 apps takes about 110 reads (1,110 with no client cached): room for
// a few a minute, while one person cannot make the server fan out without limit.
const DEFAULT_READ_BUDGET_PER_MINUTE = 2000;

/** Checks the options and precomputes the Authorization headers; throws TypeError naming the bad option. */
export function resolveOptions(options: AuthleteStoreOptions): ResolvedOptions {
  const baseUrl = parseBaseUrl(options.baseUrl);
  if (!options.serviceApiKey) throw new TypeError('serviceApiKey is required');
  return {
    baseUrl,
    apiVersion: options.apiVersion,
    serviceApiKey: options.serviceApiKey,
    serviceAuthorization: serviceAuthorization(options),
    serviceOwnerAuthorization: serviceOwnerAuthorization(options),
    timeoutMs: positiveInteger('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    fetch: options.fetch ?? globalThis.fetch,
    cacheTtlMs: nonNegativeInteger('cacheTtlMs', options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS),
    concurrency: positiveInteger('concurrency', options.concurrency ?? DEFAULT_CONCURRENCY),
    maxConcurrentCalls: positiveInteger(
      'maxConcurrentCalls',
      options.maxConcurrentCalls ?? DEFAULT_MAX_CONCURRENT_CALLS,
    ),
    maxWaitingCalls: nonNegativeInteger(
      'maxWaitingCalls',
      options.maxWaitingCalls ?? DEFAULT_MAX_WAITING_CALLS,
    ),
    readBudgetPerMinute: positiveInteger(
      'readBudgetPerMinute',
      options.readBudgetPerMinute ?? DEFAULT_READ_BUDGET_PER_MINUTE,
    ),
  };
}

function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError('baseUrl must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('baseUrl must be an absolute http(s) URL');
  }
  return url.href.replace(/\/+$/, '');
}

function serviceAuthorization(options: AuthleteStoreOptions): string {
  switch (options.apiVersion) {
    case 'V2':
      if (!options.serviceApiSecret) throw new TypeError('serviceApiSecret is required for V2');
      return basic(options.serviceApiKey, options.serviceApiSecret);
    case 'V3':
      if (!options.serviceAccessToken) throw new TypeError('serviceAccessToken is required for V3');
      return `Bearer ${options.serviceAccessToken}`;
    default:
      throw new TypeError('apiVersion must be V2 or V3');
  }
}

function serviceOwnerAuthorization(options: AuthleteStoreOptions): string | null {
  const { serviceOwnerApiKey: key, serviceOwnerApiSecret: secret } = options;
  if (!key && !secret) return null;
  if (!key || !secret) {
    throw new TypeError('serviceOwnerApiKey and serviceOwnerApiSecret go together');
  }
  // v3 has no service-owner credentials: its /service/get takes the service token.
  return options.apiVersion === 'V2' ? basic(key, secret) : null;
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new TypeError(`${name} must be a positive integer`);
  return value;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new TypeError(`${name} must be a non-negative integer`);
  }
  return value;
}
