/**
 * Authlete client IDs (positive int64s) as exact decimal strings, both ways:
 * read from responses, and checked before they go into a request path.
 */
import { z } from 'zod';

const INT64_MAX = 2n ** 63n - 1n;

/** A clientId on the wire: a JSON number (a bigint above 2^53, see json.ts) → its decimal string. */
export const clientIdSchema = z
  .union([z.int().positive(), z.bigint().positive().max(INT64_MAX)])
  .transform((id) => id.toString());

/**
 * Whether `value` is a client ID we may put in a URL path. Anything else names
 * no client, and must never reach Authlete as a path segment (`../`, `?`).
 */
export function isClientId(value: string): boolean {
  return /^[1-9][0-9]{0,18}$/.test(value) && BigInt(value) <= INT64_MAX;
}
