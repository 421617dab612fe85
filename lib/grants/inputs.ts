/**
 * zod schemas for what the browser may send to the actions. Strict objects:
 * an extra field (a forged `subject`, say) is refused, not ignored.
 */
import { z } from 'zod';
import { MAX_DEVELOPER_LENGTH, MAX_QUERY_LENGTH, PAGE_SIZES, SORTS } from '../list-params';
import { BULK_REVOKE_LIMIT } from './bulk-limits';
import { GRANT_ID_PATTERN } from './grant-ids';

/** Authlete client IDs are positive int64s, carried as decimal strings. */
export const clientIdSchema = z.string().regex(/^[1-9][0-9]{0,18}$/, 'not a client ID');

const scopeNameSchema = z.string().min(1).max(200);

export const listAppsInputSchema = z.strictObject({
  page: z.number().int().min(1).max(1_000_000),
  size: z.literal(PAGE_SIZES),
  q: z.string().max(MAX_QUERY_LENGTH),
  sort: z.enum(SORTS),
  offline: z.boolean(),
  inactive: z.boolean(),
  selfRegistered: z.boolean(),
  developer: z.string().max(MAX_DEVELOPER_LENGTH),
});

export const updateScopesInputSchema = z.strictObject({
  clientId: clientIdSchema,
  scopes: z.array(scopeNameSchema).max(100),
});

/**
 * One app: for reading it, revoking it, stopping its renewal or ending the grants that can renew
 * (the server picks the grants; nothing else is taken).
 */
export const appInputSchema = z.strictObject({
  clientId: clientIdSchema,
});

/** One grant of one app, by the opaque id the page was given (lib/grants/grant-ids.ts). */
export const grantInputSchema = z.strictObject({
  clientId: clientIdSchema,
  grantId: z.string().regex(GRANT_ID_PATTERN, 'not a grant ID'),
});

/** One grant narrowed to the given scopes (a subset of what that grant holds). */
export const narrowGrantInputSchema = z.strictObject({
  ...grantInputSchema.shape,
  scopes: updateScopesInputSchema.shape.scopes,
});

export const revokeAppsInputSchema = z.strictObject({
  clientIds: z.array(clientIdSchema).min(1).max(BULK_REVOKE_LIMIT),
});

export const revokeAllAppsInputSchema = z.strictObject({});

/** The clean-up takes no input: the server picks the apps from its own read (lib/grants/cleanup.ts). */
export const expiredAppsInputSchema = z.strictObject({});
