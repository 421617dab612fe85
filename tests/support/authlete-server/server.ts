/**
 * A Node `http` server that speaks Authlete's management API wire format, v2
 * or v3, over an embedded database: the Authlete adapter's tests (and an e2e
 * run, through main.ts) point at it instead of a real Authlete. It checks
 * credentials the way each generation does, records every request (with
 * when it arrived and how long its answer took) for assertions, injects
 * faults on demand, and can add a fixed latency to every call, as a network
 * and a remote Authlete would (`npm run bench` measures round trips with it).
 * Loopback only: it is a test tool.
 *
 * Control API (no credentials; for tests in another process):
 *   GET /__test/requests     the recorded requests, oldest first
 *   DELETE /__test/requests  forget them
 *   POST /__test/faults      add a fault rule (JSON, see faultRuleSchema)
 *   DELETE /__test/faults    remove every fault rule
 *   PUT /__test/latency      set the latency added to every call: `{"ms": 50}`
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Db } from '../../../lib/embedded/database';
import { ensureScopeCatalogue } from '../../../lib/embedded/seed';
import { createFaultRegistry, faultRuleSchema, type FaultRule, type ParsedFault } from './faults';
import { createOperations } from './operations';
import { matchRoute, type ApiVersion, type Route } from './routes';
import { result, RESULT_CODES, sendJson, sendText, type AuthleteAnswer } from './wire';

export type AuthleteTestServerOptions = {
  db: Db;
  version: ApiVersion;
  /** v2: the service API key; v3: the service ID in every path */
  serviceApiKey: string;
  /** v2: the service API secret (HTTP Basic) */
  serviceApiSecret?: string;
  /** v3: the service access token (Bearer) */
  serviceAccessToken?: string;
  /** v2: the service owner's key and secret, required by /service/get/{apiKey} */
  serviceOwnerApiKey?: string;
  serviceOwnerApiSecret?: string;
  /** v3: answer /service/get without `supportedScopes`, as Authlete may for a token that only sees clients */
  limitedServiceView?: boolean;
  /** the Service's `accessTokenSignAlg`: set, the service says it issues JWT access tokens */
  accessTokenSignAlg?: string;
  /** answer at most this many clients per list call, as a server capping its pages would (none documented) */
  maxClientsPerListPage?: number;
  /** added before every Authlete call is handled (not the control API); default 0 */
  latencyMs?: number;
  /** default 0: a free port */
  port?: number;
};

export type RecordedRequest = {
  method: string;
  /** without the query */
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  contentType: string | null;
  /** a JSON body parsed, a form body as an object of strings, other text as is; null when empty */
  body: unknown;
  /** the Authlete operation it was routed to, null when none */
  operation: string | null;
  /** when the request arrived: the wall clock's ms since the epoch, as `Date.now()` reads it in any process here */
  receivedAt: number;
  /** from arrival until the answer was written, latency included; null while unanswered or when dropped */
  durationMs: number | null;
};

export type AuthleteTestServer = {
  /** `http://localhost:{port}`, without `/api` */
  url: string;
  requests(): RecordedRequest[];
  clearRequests(): void;
  injectFault(rule: FaultRule): void;
  clearFaults(): void;
  /** Sets the latency added to every Authlete call from the next request on. */
  setLatency(ms: number): void;
  /** Stops listening and drops open connections; safe to call twice. */
  close(): Promise<void>;
};

const MALFORMED_JSON = '{"resultCode":"A001101","resultMessage":';

const latencySchema = z.object({ ms: z.int().min(0).max(60_000) }).strict();

export async function startAuthleteTestServer(
  options: AuthleteTestServerOptions,
): Promise<AuthleteTestServer> {
  const credentials = expectedCredentials(options);
  ensureScopeCatalogue(options.db);
  const faults = createFaultRegistry();
  const recorded: RecordedRequest[] = [];
  const lifetime = new AbortController();
  let latencyMs = latencySchema.shape.ms.parse(options.latencyMs ?? 0);
  let url = '';
  const operations = createOperations({
    db: options.db,
    version: options.version,
    serviceApiKey: options.serviceApiKey,
    serviceApiSecret: options.serviceApiSecret ?? null,
    issuer: () => url,
    limitedServiceView: options.limitedServiceView ?? false,
    accessTokenSignAlg: options.accessTokenSignAlg ?? null,
    maxClientsPerListPage: options.maxClientsPerListPage ?? Number.POSITIVE_INFINITY,
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const receivedAt = Date.now();
    // The duration from the monotonic clock: sub-millisecond, and no wall-clock step inside it.
    const started = performance.now();
    const target = new URL(request.url ?? '/', 'http://localhost');
    const text = await readBody(request);
    if (target.pathname.startsWith('/__test/'))
      return control(request.method, target.pathname, text, response);

    const method = request.method ?? 'GET';
    const contentType = request.headers['content-type'] ?? null;
    const body = parseBody(contentType, text);
    const route = matchRoute(options.version, method, target.pathname);
    const query = Object.fromEntries(target.searchParams);
    const entry: RecordedRequest = {
      method,
      path: target.pathname,
      query,
      authorization: request.headers.authorization ?? null,
      contentType,
      body,
      operation: route?.operation ?? null,
      receivedAt,
      durationMs: null,
    };
    recorded.push(entry);
    response.once('finish', () => {
      entry.durationMs = performance.now() - started;
    });
    if (latencyMs > 0) await sleep(latencyMs, undefined, { signal: lifetime.signal });

    const fault = faults.take({ operation: route?.operation ?? null, path: target.pathname });
    if (fault?.type === 'delay') await sleep(fault.ms, undefined, { signal: lifetime.signal });
    else if (fault && fault.type !== 'reset-after-handling')
      return applyFault(fault, route, request, response);

    if (!route) {
      return send(response, result(404, RESULT_CODES.noSuchApi, target.pathname, 'No such API.'));
    }
    const refusal = authenticate(route, request.headers.authorization);
    if (refusal) return send(response, refusal);
    // POST variants take their parameters from the body only, the others from the query.
    const fromRequest = method === 'POST' ? (isObject(body) ? body : {}) : query;
    const params = { ...fromRequest, ...route.params };
    const answer = await operations.answer(route, params);
    if (fault?.type === 'reset-after-handling') {
      request.socket.destroy();
      return;
    }
    send(response, answer);
  }

  function authenticate(route: Route, header: string | undefined): AuthleteAnswer | null {
    const expected =
      route.operation === 'service.get' && options.version === 'V2'
        ? credentials.serviceOwner
        : credentials.service;
    if (!header || header !== expected) {
      return result(
        401,
        RESULT_CODES.missingCredentials,
        route.apiPath,
        header ? 'Authorization header is invalid.' : 'Authorization header is missing.',
      );
    }
    if (options.version === 'V3' && route.serviceId !== options.serviceApiKey) {
      return result(
        403,
        RESULT_CODES.wrongService,
        route.apiPath,
        'The access token is not for this service.',
      );
    }
    return null;
  }

  function applyFault(
    fault: Exclude<ParsedFault, { type: 'delay' | 'reset-after-handling' }>,
    route: Route | null,
    request: IncomingMessage,
    response: ServerResponse,
  ) {
    const apiPath = route?.apiPath ?? '';
    switch (fault.type) {
      case 'status':
        if (fault.retryAfter !== undefined) response.setHeader('Retry-After', fault.retryAfter);
        return send(response, faultAnswer(fault, apiPath));
      case 'reset':
        request.socket.destroy();
        return;
      case 'malformed-json':
        return sendText(response, 200, MALFORMED_JSON);
      case 'body':
        return sendText(response, fault.status, fault.body);
    }
  }

  function control(
    method: string | undefined,
    path: string,
    text: string,
    response: ServerResponse,
  ) {
    if (path === '/__test/requests' && method === 'GET') return sendJson(response, 200, recorded);
    if (path === '/__test/requests' && method === 'DELETE') {
      recorded.length = 0;
      return sendText(response, 204, '');
    }
    if (path === '/__test/faults' && method === 'POST') {
      const rule = faultRuleSchema.safeParse(parseBody('application/json', text));
      if (!rule.success) return sendJson(response, 400, { error: rule.error.issues });
      faults.add(rule.data);
      return sendText(response, 204, '');
    }
    if (path === '/__test/faults' && method === 'DELETE') {
      faults.clear();
      return sendText(response, 204, '');
    }
    if (path === '/__test/latency' && method === 'PUT') {
      const latency = latencySchema.safeParse(parseBody('application/json', text));
      if (!latency.success) return sendJson(response, 400, { error: latency.error.issues });
      latencyMs = latency.data.ms;
      return sendText(response, 204, '');
    }
    return sendJson(response, 404, { error: 'no such control endpoint' });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (lifetime.signal.aborted) return;
      send(
        response,
        result(500, RESULT_CODES.serverError, '', `Authlete Server error. (${String(error)})`),
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, 'localhost', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  url = `http://localhost:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    requests: () => recorded.map((entry) => structuredClone(entry)),
    clearRequests: () => {
      recorded.length = 0;
    },
    injectFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    setLatency: (ms) => {
      latencyMs = latencySchema.shape.ms.parse(ms);
    },
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        lifetime.abort();
        faults.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function expectedCredentials(options: AuthleteTestServerOptions) {
  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  if (options.version === 'V2') {
    if (!options.serviceApiSecret) throw new TypeError('serviceApiSecret is required for V2');
    return {
      service: basic(options.serviceApiKey, options.serviceApiSecret),
      // Without owner credentials configured, /service/get refuses everyone, as it would refuse service credentials.
      serviceOwner:
        options.serviceOwnerApiKey && options.serviceOwnerApiSecret
          ? basic(options.serviceOwnerApiKey, options.serviceOwnerApiSecret)
          : null,
    };
  }
  if (!options.serviceAccessToken) throw new TypeError('serviceAccessToken is required for V3');
  return { service: `Bearer ${options.serviceAccessToken}`, serviceOwner: null };
}

function faultAnswer(
  fault: Extract<ParsedFault, { type: 'status' }>,
  apiPath: string,
): AuthleteAnswer {
  const defaults: Record<number, [string, string]> = {
    401: [RESULT_CODES.missingCredentials, 'Authorization header is invalid.'],
    403: [RESULT_CODES.forbidden, 'The client is locked.'],
  };
  const [code, text] = defaults[fault.status] ?? [
    RESULT_CODES.serverError,
    'Authlete Server error.',
  ];
  const resultCode = fault.resultCode ?? code;
  return {
    status: fault.status,
    body: {
      resultCode,
      resultMessage: fault.resultMessage ?? `[${resultCode}] ${apiPath}, ${text}`,
    },
  };
}

function send(response: ServerResponse, answer: AuthleteAnswer) {
  sendJson(response, answer.status, answer.body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseBody(contentType: string | null, text: string): unknown {
  if (text === '') return null;
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
