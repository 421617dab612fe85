/**
 * Fault injection for the Authlete test server: rules that make matching
 * requests fail in the ways a real network and a real Authlete do, for a
 * number of requests or until cleared. The control API takes the same rules
 * as JSON, so a test in another process can use them too.
 */
import { z } from 'zod';

export const AUTHLETE_OPERATIONS = [
  'authorization.list',
  'authorization.update',
  'authorization.delete',
  'token.list',
  'token.update',
  'token.revoke',
  'granted_scopes.delete',
  'client.get',
  'service.get',
  'service.configuration',
] as const;

export type AuthleteOperation = (typeof AUTHLETE_OPERATIONS)[number];

export const faultSchema = z.discriminatedUnion('type', [
  /** answer with this status and an Authlete error body (defaults per status) */
  z.object({
    type: z.literal('status'),
    status: z.int().min(400).max(599),
    resultCode: z.string().optional(),
    resultMessage: z.string().optional(),
    /** a Retry-After header, e.g. `2` (seconds) or an HTTP date, as a rate-limited answer has */
    retryAfter: z.string().optional(),
  }),
  /** wait this long before handling the request normally (longer than the client's timeout) */
  z.object({ type: z.literal('delay'), ms: z.int().positive() }),
  /** destroy the socket without answering */
  z.object({ type: z.literal('reset') }),
  /** do the work (a write lands), then destroy the socket before answering */
  z.object({ type: z.literal('reset-after-handling') }),
  /** answer 200 with a truncated JSON body */
  z.object({ type: z.literal('malformed-json') }),
  /** answer with this exact body text, e.g. valid JSON of the wrong shape */
  z.object({ type: z.literal('body'), status: z.int().default(200), body: z.string() }),
]);

export type Fault = z.input<typeof faultSchema>;
/** A fault with its defaults filled in, as the server applies it. */
export type ParsedFault = z.output<typeof faultSchema>;

/** The control API's JSON form: `path` is a RegExp source matched against the request path. */
export const faultRuleSchema = z
  .object({
    operation: z.enum(AUTHLETE_OPERATIONS).optional(),
    path: z.string().optional(),
    fault: faultSchema,
    times: z.int().positive().optional(),
  })
  .strict();

/** A rule with neither `operation` nor `path` matches every Authlete request. */
export type FaultRule = {
  /** matches requests routed to this operation */
  operation?: AuthleteOperation;
  /** matches request paths (without the query); a string is a RegExp source */
  path?: string | RegExp;
  fault: Fault;
  /** how many matching requests fail; omitted: every one until cleared */
  times?: number;
};

type ActiveRule = {
  operation?: AuthleteOperation;
  path?: RegExp;
  fault: ParsedFault;
  remaining: number;
};

export function createFaultRegistry() {
  let rules: ActiveRule[] = [];

  return {
    add(rule: FaultRule) {
      rules.push({
        operation: rule.operation,
        path: typeof rule.path === 'string' ? new RegExp(rule.path) : rule.path,
        fault: faultSchema.parse(rule.fault),
        remaining: rule.times ?? Number.POSITIVE_INFINITY,
      });
    },

    clear() {
      rules = [];
    },

    /** The first rule matching this request, counted as used; undefined when none applies. */
    take(request: { operation: AuthleteOperation | null; path: string }) {
      const rule = rules.find(
        (candidate) =>
          (candidate.operation === undefined || candidate.operation === request.operation) &&
          (candidate.path === undefined || candidate.path.test(request.path)),
      );
      if (!rule) return undefined;
      rule.remaining -= 1;
      if (rule.remaining <= 0) rules = rules.filter((candidate) => candidate !== rule);
      return rule.fault;
    },
  };
}
