/**
 * zod schemas for what the browser may send to the actions. Strict objects:
 * an extra field (a forged `subject`, say) is refused, not ignored.
 */
import { z } from 'zod';
import { PAGE_SIZES } from '../pagination';

/** Authlete client IDs are positive int64s, carried as decimal strings. */
export const clientIdSchema = z.string().regex(/^[1-9][0-9]{0,18}$/, 'not a client ID');

const scopeNameSchema = z.string().min(1).max(200);

export const listAppsInputSchema = z.strictObject({
  page: z.number().int().min(1).max(1_000_000),
  size: z.literal(PAGE_SIZES),
});

export const updateScopesInputSchema = z.strictObject({
  clientId: clientIdSchema,
  scopes: z.array(scopeNameSchema).max(100),
});

export const revokeAppInputSchema = z.strictObject({
  clientId: clientIdSchema,
});
