/**
 * zod schemas for the parts of Authlete's responses this app reads
 * (docs/authlete.md). Objects are not strict: unknown fields are
 * tolerated and dropped, so `clientSecret`, `redirectUris`, `jwks` and token
 * hashes are gone the moment a response is parsed. Absent and null are
 * treated alike, since Authlete omits null fields.
 */
import { z } from 'zod';
import { clientIdSchema } from './client-id';

const textSchema = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

const taggedValuesSchema = z
  .array(z.object({ tag: z.string(), value: z.string() }))
  .nullish()
  .transform((values) => values ?? []);

const millisSchema = z.int().nonnegative();

/** A Client, either full (v2 lists, `/client/get`) or `client_limited` (v3 lists). */
export const clientSchema = z.object({
  clientId: clientIdSchema,
  clientName: textSchema,
  clientNames: taggedValuesSchema,
  description: textSchema,
  descriptions: taggedValuesSchema,
  logoUri: textSchema,
  logoUris: taggedValuesSchema,
  clientUri: textSchema,
  clientUris: taggedValuesSchema,
  policyUri: textSchema,
  policyUris: taggedValuesSchema,
  tosUri: textSchema,
  tosUris: taggedValuesSchema,
  // Kept as absent/null/string: `client_limited` never carries a developer, so
  // its absence is how a limited list item is recognised.
  developer: z.string().nullish(),
  // Where the app came from (/client/get, docs/authlete.md#client-get); absent on older services.
  clientSource: textSchema,
  dynamicallyRegistered: z
    .boolean()
    .nullish()
    .transform((flag) => flag ?? false),
  // The operator's pairs (docs/authlete.md#client-get); a malformed list reads as none, and a pair
  // without a value says nothing.
  attributes: z
    .array(z.object({ key: z.string(), value: z.string().nullish() }))
    .nullish()
    .catch(null)
    .transform((pairs) =>
      (pairs ?? []).flatMap(({ key, value }) =>
        typeof value === 'string' ? [{ key, value }] : [],
      ),
    ),
});

export type ClientWire = z.output<typeof clientSchema>;

export const authorizationListSchema = z.object({
  totalCount: z.int().nonnegative(),
  clients: z
    .array(clientSchema)
    .nullish()
    .transform((clients) => clients ?? []),
});

const accessTokenSchema = z.object({
  // Present on every record; a subject-wide read (no clientIdentifier) is grouped by it.
  clientId: clientIdSchema.optional(),
  scopes: z
    .array(z.string())
    .nullish()
    .transform((scopes) => scopes ?? []),
  createdAt: millisSchema,
  lastRefreshedAt: millisSchema.nullish().transform((at) => at ?? 0),
  accessTokenExpiresAt: millisSchema,
  refreshTokenExpiresAt: millisSchema.nullish().transform((at) => at ?? 0),
  grantType: z.string(),
  // v3 only (Authlete 3.0): kept apart from `scopes` and possibly wider (docs/authlete.md#refresh-token-scopes).
  refreshTokenScopes: z.array(z.string()).nullish(),
  // `{key, value, hidden}`; hidden ones are dropped here, before anything else sees them.
  properties: z
    .array(
      z.object({ key: z.string(), value: z.string().nullish(), hidden: z.boolean().nullish() }),
    )
    .nullish()
    .catch(null)
    .transform((pairs) =>
      (pairs ?? [])
        .filter((pair) => !pair.hidden && typeof pair.value === 'string')
        .map(({ key, value }) => ({ key, value: value! })),
    ),
});

/** One token list item as the adapter reads it (hidden properties already dropped). */
export type TokenWire = z.output<typeof accessTokenSchema>;

export const tokenListSchema = z.object({
  totalCount: z.int().nonnegative(),
  accessTokens: z
    .array(accessTokenSchema)
    .nullish()
    .transform((tokens) => tokens ?? []),
});

/**
 * A token page read for a per-token write: each record's access token hash as well, which names
 * the token to `/auth/token/update`. Used only inside the adapter; never part of a GrantToken.
 */
export const tokenHandleListSchema = z.object({
  totalCount: z.int().nonnegative(),
  accessTokens: z
    .array(
      accessTokenSchema.extend({
        accessTokenHash: z.string().min(1),
        refreshTokenHash: z.string().min(1).nullish(),
      }),
    )
    .nullish()
    .transform((tokens) => tokens ?? []),
});

/**
 * `/auth/token/update`'s answer. Its `action` decides: NOT_FOUND may come with HTTP 200
 * (docs/authlete.md#token-update).
 */
export const tokenUpdateSchema = z.object({ action: z.string() });

/** `/auth/token/revoke`'s answer: how many token records went (docs/authlete.md#token-revoke). */
export const tokenRevokeSchema = z.object({ count: z.int().nonnegative().nullish() });

/** `/client/granted_scopes/delete`'s answer: only its result fields, which are not read. */
export const resultSchema = z.object({ resultCode: z.string().nullish() });

/**
 * The answer of update and delete. The number of tokens touched exists only
 * inside the message text, e.g. "[A138001] Updated 2 access token(s) issued…".
 */
export function tokenCountResultSchema(verb: 'Updated' | 'Deleted') {
  const pattern = new RegExp(`\\b${verb} (\\d+) access token`);
  return z.object({ resultMessage: z.string() }).transform(({ resultMessage }, context) => {
    const count = pattern.exec(resultMessage)?.[1];
    if (count === undefined) {
      context.addIssue({
        code: 'custom',
        message: `resultMessage does not say "${verb} N access token(s)"`,
      });
      return z.NEVER;
    }
    return Number(count);
  });
}

const scopeSchema = z.object({
  name: z.string(),
  description: textSchema,
  descriptions: taggedValuesSchema,
  // `{key, value}` pairs the operator sets per scope (docs/authlete.md#service-scopes).
  attributes: z
    .array(z.object({ key: z.string(), value: z.string().nullish() }))
    .nullish()
    .catch(null)
    .transform((pairs) => pairs ?? []),
});

/**
 * `/service/get`. `supportedScopes` stays undefined when absent: a token that
 * may only see clients may get a limited view of the service without it.
 */
export const serviceSchema = z.object({
  supportedScopes: z.array(scopeSchema).nullish(),
  /** set: the service issues JWT access tokens signed with it (docs/authlete.md#access-token-format) */
  accessTokenSignAlg: z.string().nullish().catch(null),
});

export type ServiceWire = z.output<typeof serviceSchema>;

/** `/service/configuration`: the OpenID discovery document, scope names only. */
export const serviceConfigurationSchema = z.object({
  scopes_supported: z
    .array(z.string())
    .nullish()
    .transform((names) => names ?? []),
});

/** Authlete's error body. Lenient on purpose: a v3 404 example has a numeric resultCode. */
export const errorBodySchema = z.object({
  resultCode: z
    .union([z.string(), z.number()])
    .transform(String)
    .nullish()
    .catch(null)
    .transform((code) => code ?? null),
  resultMessage: z
    .string()
    .nullish()
    .catch(null)
    .transform((message) => message ?? null),
});
