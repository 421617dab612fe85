/**
 * Which Authlete operation a request is, for each API generation: the path
 * prefix (`/api` for v2, `/api/{serviceId}` for v3), every documented method
 * and path variant (docs/authlete.md), and the parameters the path holds.
 */
import type { AuthleteOperation } from './faults';

export type ApiVersion = 'V2' | 'V3';

export type Route = {
  operation: AuthleteOperation;
  /** the path after the generation's prefix, e.g. `/client/get/{clientId}`, for messages */
  apiPath: string;
  /** parameters taken from the path */
  params: Record<string, string>;
  /** v3 only: the `{serviceId}` segment of the path */
  serviceId: string | null;
};

type Pattern = {
  operation: AuthleteOperation;
  methods: readonly string[];
  path: RegExp;
  names: readonly string[];
  versions?: readonly ApiVersion[];
};

const PATTERNS: readonly Pattern[] = [
  {
    operation: 'authorization.list',
    methods: ['GET', 'POST'],
    path: /^\/client\/authorization\/get\/list$/,
    names: [],
  },
  {
    operation: 'authorization.list',
    methods: ['GET'],
    path: /^\/client\/authorization\/get\/list\/([^/]+)$/,
    names: ['subject'],
  },
  {
    operation: 'authorization.update',
    methods: ['POST'],
    path: /^\/client\/authorization\/update\/([^/]+)$/,
    names: ['clientId'],
  },
  {
    operation: 'authorization.delete',
    methods: ['POST', 'DELETE'],
    path: /^\/client\/authorization\/delete\/([^/]+)$/,
    names: ['clientId'],
  },
  {
    operation: 'authorization.delete',
    methods: ['DELETE'],
    path: /^\/client\/authorization\/delete\/([^/]+)\/([^/]+)$/,
    names: ['clientId', 'subject'],
  },
  { operation: 'token.list', methods: ['GET'], path: /^\/auth\/token\/get\/list$/, names: [] },
  {
    operation: 'granted_scopes.delete',
    methods: ['DELETE'],
    path: /^\/client\/granted_scopes\/delete\/([^/]+)$/,
    names: ['clientId'],
  },
  {
    operation: 'granted_scopes.delete',
    methods: ['POST'],
    path: /^\/client\/granted_scopes\/delete\/([^/]+)$/,
    names: ['clientId'],
    versions: ['V2'],
  },
  {
    operation: 'granted_scopes.delete',
    methods: ['DELETE'],
    path: /^\/client\/granted_scopes\/delete\/([^/]+)\/([^/]+)$/,
    names: ['clientId', 'subject'],
  },
  { operation: 'token.update', methods: ['POST'], path: /^\/auth\/token\/update$/, names: [] },
  { operation: 'token.revoke', methods: ['POST'], path: /^\/auth\/token\/revoke$/, names: [] },
  {
    operation: 'client.get',
    methods: ['GET'],
    path: /^\/client\/get\/([^/]+)$/,
    names: ['clientId'],
  },
  {
    operation: 'service.get',
    methods: ['GET'],
    path: /^\/service\/get$/,
    names: [],
    versions: ['V3'],
  },
  {
    operation: 'service.get',
    methods: ['GET'],
    path: /^\/service\/get\/([^/]+)$/,
    names: ['apiKey'],
    versions: ['V2'],
  },
  {
    operation: 'service.configuration',
    methods: ['GET'],
    path: /^\/service\/configuration$/,
    names: [],
  },
];

/** The route of a request, or null when no Authlete operation has this method and path. */
export function matchRoute(version: ApiVersion, method: string, path: string): Route | null {
  const prefix = version === 'V2' ? /^\/api(\/.*)$/ : /^\/api\/([^/]+)(\/.*)$/;
  const prefixed = prefix.exec(path);
  if (!prefixed) return null;
  const serviceId = version === 'V3' ? decodeSegment(prefixed[1]!) : null;
  const rest = version === 'V3' ? prefixed[2]! : prefixed[1]!;
  for (const pattern of PATTERNS) {
    if (pattern.versions && !pattern.versions.includes(version)) continue;
    if (!pattern.methods.includes(method)) continue;
    const match = pattern.path.exec(rest);
    if (!match) continue;
    const params = Object.fromEntries(
      pattern.names.map((name, index) => [name, decodeSegment(match[index + 1]!)]),
    );
    return { operation: pattern.operation, apiPath: rest, params, serviceId };
  }
  return null;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
