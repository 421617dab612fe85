/**
 * The embedded backend: a GrantStore over the SQLite file, with Authlete's
 * semantics (docs/authlete.md#authorization-list and the two sections after
 * it). The authorized-apps list is derived from token records; an update
 * replaces the scopes on every token of (subject, app), or on one token at a
 * time (docs/authlete.md#token-update), and silently drops
 * scopes the catalogue does not know or the app may not request; a delete
 * removes every token of (subject, app).
 */
import type { Db } from './database';
import type {
  AuthorizedApp,
  AuthorizedAppPage,
  GrantStore,
  GrantToken,
  ListRange,
  LocalizedValue,
  NamedAppPage,
  ScopeDefinition,
  TokenUpdateOutcome,
} from '../grants/grant-store';
import type { GrantIdOf } from '../grants/per-grant-store';
import { createTokenHandles } from '../grants/token-handles';

/** The columns of `clients` an app row is made from (the secrets stay in the table). */
export type ClientRow = {
  client_id: string;
  client_name: string;
  description: string | null;
  developer: string;
  logo_uri: string | null;
  client_uri: string | null;
  policy_uri: string | null;
  tos_uri: string | null;
  requestable_scopes: string | null;
  client_source: string | null;
  dynamically_registered: number;
  /** JSON array of {key, value}, or NULL */
  attributes: string | null;
};

type TokenRow = {
  scopes: string;
  created_at: number;
  last_refreshed_at: number;
  access_token_expires_at: number;
  refresh_token_expires_at: number;
  grant_type: string;
  properties: string | null;
};

/** A token row with what names it: only read for a per-token call, never returned. */
type HashedRow = { id: number; access_token_hash: string; refresh_token_hash: string | null };

/** The hash a grant's id is made from (grant-ids.ts): the refresh token's, else the access token's. */
function grantKeyOf(row: HashedRow): string {
  return row.refresh_token_hash ?? row.access_token_hash;
}

type TaggedRow = { field: string; tag: string; value: string };

// Only public metadata is selected: client_secret and redirect_uris never leave the database.
const CLIENT_COLUMNS = `CAST(c.client_id AS TEXT) AS client_id, c.client_name, c.description, c.developer,
  c.logo_uri, c.client_uri, c.policy_uri, c.tos_uri, c.requestable_scopes, c.client_source,
  c.dynamically_registered, c.attributes`;

/**
 * `jwtAccessTokens`: answer as a service issuing self-contained (JWT) access tokens
 * (DEMO_JWT_ACCESS_TOKENS); by default the embedded service's tokens are its own records,
 * which stop working the moment they are deleted.
 */
export function createEmbeddedStore(
  db: Db,
  { jwtAccessTokens = false }: { jwtAccessTokens?: boolean } = {},
): GrantStore {
  // The row id and hashes read with each token getAuthorizedApp hands out, for updateEachToken
  // and grantsOfRead.
  const handles = createTokenHandles<HashedRow>();
  const statements = {
    page: db.prepare<[string, string | null, string | null, number, number], ClientRow>(
      `SELECT ${CLIENT_COLUMNS}
         FROM clients c
         JOIN (SELECT client_id, MIN(created_at) AS first_authorized
                 FROM access_tokens WHERE subject = ? GROUP BY client_id) g ON g.client_id = c.client_id
        WHERE (? IS NULL OR c.developer = ?)
        ORDER BY g.first_authorized, c.client_id
        LIMIT ? OFFSET ?`,
    ),
    count: db.prepare<[string, string | null, string | null], { total: number }>(
      `SELECT COUNT(DISTINCT t.client_id) AS total
         FROM access_tokens t JOIN clients c ON c.client_id = t.client_id
        WHERE t.subject = ? AND (? IS NULL OR c.developer = ?)`,
    ),
    client: db.prepare<[bigint], ClientRow>(
      `SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.client_id = ?`,
    ),
    tagged: db.prepare<[bigint], TaggedRow>(
      'SELECT field, tag, value FROM client_tagged_values WHERE client_id = ? ORDER BY tag',
    ),
    tokens: db.prepare<[string, bigint], TokenRow>(
      `SELECT scopes, created_at, last_refreshed_at, access_token_expires_at, refresh_token_expires_at, grant_type,
              properties
         FROM access_tokens WHERE subject = ? AND client_id = ? ORDER BY created_at, id`,
    ),
    updateScopes: db.prepare<[string, string, bigint]>(
      'UPDATE access_tokens SET scopes = ? WHERE subject = ? AND client_id = ?',
    ),
    tokenIds: db.prepare<[string, bigint], TokenRow & HashedRow>(
      `SELECT id, scopes, created_at, last_refreshed_at, access_token_expires_at, refresh_token_expires_at, grant_type,
              properties, access_token_hash, refresh_token_hash
         FROM access_tokens WHERE subject = ? AND client_id = ? ORDER BY created_at, id`,
    ),
    updateTokenScopes: db.prepare<[string, number, string]>(
      'UPDATE access_tokens SET scopes = ? WHERE id = ? AND subject = ?',
    ),
    stopRenewal: db.prepare<[number, string, bigint, number]>(
      `UPDATE access_tokens SET refresh_token_expires_at = ?
        WHERE subject = ? AND client_id = ? AND refresh_token_hash IS NOT NULL AND refresh_token_expires_at > ?`,
    ),
    stopTokenRenewal: db.prepare<[number, number, string, number]>(
      `UPDATE access_tokens SET refresh_token_expires_at = ?
        WHERE id = ? AND subject = ? AND refresh_token_hash IS NOT NULL AND refresh_token_expires_at > ?`,
    ),
    deleteToken: db.prepare<[number, string]>(
      'DELETE FROM access_tokens WHERE id = ? AND subject = ?',
    ),
    deleteTokens: db.prepare<[string, bigint]>(
      'DELETE FROM access_tokens WHERE subject = ? AND client_id = ?',
    ),
    scopes: db.prepare<[], { name: string; description: string | null }>(
      'SELECT name, description FROM scopes ORDER BY position, name',
    ),
    scopeDescriptions: db.prepare<[], { scope: string; tag: string; value: string }>(
      'SELECT scope, tag, value FROM scope_descriptions ORDER BY tag',
    ),
  };

  function toApp(
    row: ClientRow,
    subject: string,
    tokens: GrantToken[] = statements.tokens.all(subject, BigInt(row.client_id)).map(toToken),
  ): AuthorizedApp {
    const id = BigInt(row.client_id);
    const tagged = statements.tagged.all(id);
    const localized = (field: string, value: string | null): LocalizedValue => ({
      value,
      tagged: tagged
        .filter((t) => t.field === field)
        .map(({ tag, value: v }) => ({ tag, value: v })),
    });
    return {
      clientId: row.client_id,
      // An empty default is no default: an app named only in tagged values (seed.ts).
      name: localized('clientName', row.client_name || null),
      description: localized('description', row.description || null),
      logoUri: localized('logoUri', row.logo_uri),
      clientUri: localized('clientUri', row.client_uri),
      policyUri: localized('policyUri', row.policy_uri),
      tosUri: localized('tosUri', row.tos_uri),
      developer: row.developer,
      clientSource: row.client_source,
      dynamicallyRegistered: row.dynamically_registered === 1,
      attributes: row.attributes === null ? [] : JSON.parse(row.attributes),
      tokens,
    };
  }

  function supportedScopeNames(): Set<string> {
    return new Set(statements.scopes.all().map((scope) => scope.name));
  }

  /** As Authlete does: scopes the catalogue does not know or the app may not request are dropped. */
  function writableScopes(client: ClientRow, scopes: readonly string[]): string[] {
    const supported = supportedScopeNames();
    const requestable =
      client.requestable_scopes === null
        ? null
        : new Set<string>(JSON.parse(client.requestable_scopes));
    return [...new Set(scopes)].filter(
      (scope) => supported.has(scope) && (requestable === null || requestable.has(scope)),
    );
  }

  function pageRows(subject: string, range: ListRange) {
    const developer = range.developer ?? null;
    const limit = Math.max(0, range.end - range.start);
    const { total } = statements.count.get(subject, developer, developer)!;
    const rows =
      limit === 0 ? [] : statements.page.all(subject, developer, developer, limit, range.start);
    return { total, rows };
  }

  function authorizedApp(subject: string, clientId: string): AuthorizedApp | null {
    const id = parseClientId(clientId);
    if (id === null) return null;
    const row = statements.client.get(id);
    if (!row) return null;
    // Read with each row's id, which a write that follows names its tokens by (updateEachToken),
    // and its hashes, which the grants of this read get their ids from (grantsOfRead).
    const tokens = statements.tokenIds
      .all(subject, id)
      .map((token) => handles.remember(subject, clientId, toToken(token), token));
    return tokens.length > 0 ? toApp(row, subject, tokens) : null;
  }

  /** The subject's token rows for the app with their ids (grant-ids.ts), for a per-grant call. */
  function identifiedRows(subject: string, clientId: string, idOf: GrantIdOf) {
    const id = parseClientId(clientId);
    if (id === null) return [];
    return statements.tokenIds.all(subject, id).map((row) => ({
      row,
      grantId: idOf(grantKeyOf(row)),
    }));
  }

  return {
    grantCapabilities: { end: true, narrow: true, stopRenewal: true },

    async readGrants(subject, clientId, idOf) {
      return identifiedRows(subject, clientId, idOf).map(({ row, grantId }) => ({
        grantId,
        // Remembered, so endGrant can name it by the row read with it.
        token: handles.remember(subject, clientId, toToken(row), row),
      }));
    },

    grantsOfRead(subject, read, idOf) {
      return read.tokens.flatMap((token) => {
        const row = handles.handleOf(subject, read.clientId, token);
        return row ? [{ grantId: idOf(grantKeyOf(row)), token }] : [];
      });
    },

    async endGrant(subject, clientId, token) {
      const row = handles.handleOf(subject, clientId, token);
      if (!row) return { ended: false };
      const { changes } = statements.deleteToken.run(row.id, subject);
      return { ended: changes === 1 };
    },

    async stopGrantRenewal(subject, clientId, token, at) {
      const row = handles.handleOf(subject, clientId, token);
      if (!row) return { stopped: false };
      return { stopped: statements.stopTokenRenewal.run(at, row.id, subject, at).changes === 1 };
    },

    async stopRenewal(subject, clientId, at) {
      const id = parseClientId(clientId);
      if (id === null) return { stopped: 0 };
      return { stopped: statements.stopRenewal.run(at, subject, id, at).changes };
    },

    async listAuthorizedApps(subject, range: ListRange): Promise<AuthorizedAppPage> {
      const { total, rows } = pageRows(subject, range);
      return { totalCount: total, apps: rows.map((row) => toApp(row, subject)) };
    },

    async listAppNames(subject, range: ListRange): Promise<NamedAppPage> {
      const { total, rows } = pageRows(subject, range);
      return {
        totalCount: total,
        apps: rows.map((row) => {
          const tagged = statements.tagged
            .all(BigInt(row.client_id))
            .filter((t) => t.field === 'clientName')
            .map(({ tag, value }) => ({ tag, value }));
          return { clientId: row.client_id, name: { value: row.client_name || null, tagged } };
        }),
      };
    },

    async getAuthorizedApp(subject, clientId) {
      return authorizedApp(subject, clientId);
    },

    async getAuthorizedApps(subject, clientIds) {
      return clientIds
        .map((clientId) => authorizedApp(subject, clientId))
        .filter((app) => app !== null);
    },

    async replaceScopes(subject, clientId, scopes) {
      const id = parseClientId(clientId);
      if (id === null) return { updatedTokenCount: 0 };
      const client = statements.client.get(id);
      if (!client) return { updatedTokenCount: 0 };
      const kept = writableScopes(client, scopes);
      const { changes } = statements.updateScopes.run(JSON.stringify(kept), subject, id);
      return { updatedTokenCount: changes };
    },

    async updateEachToken(subject, read, scopesFor) {
      const id = parseClientId(read.clientId);
      if (id === null) return [];
      const client = statements.client.get(id);
      if (!client) return [];
      const outcomes: TokenUpdateOutcome[] = [];
      // As the Authlete adapter does: only the rows getAuthorizedApp read for this subject.
      for (const token of read.tokens) {
        const scopes = scopesFor(token);
        if (scopes === null) continue;
        const row = handles.handleOf(subject, read.clientId, token);
        if (row === null) {
          outcomes.push({ token, scopes, outcome: 'failed' });
          continue;
        }
        const { changes } = statements.updateTokenScopes.run(
          JSON.stringify(writableScopes(client, scopes)),
          row.id,
          subject,
        );
        outcomes.push({ token, scopes, outcome: changes === 1 ? 'updated' : 'gone' });
      }
      return outcomes;
    },

    async forgetConsent() {
      // The embedded backend keeps no consent record apart from the tokens: nothing to forget.
      return { forgotten: false };
    },

    async deleteAuthorization(subject, clientId) {
      const id = parseClientId(clientId);
      if (id === null) return { deletedTokenCount: 0 };
      const { changes } = statements.deleteTokens.run(subject, id);
      return { deletedTokenCount: changes };
    },

    async checkReachable() {
      db.prepare('SELECT 1').get();
    },

    async accessTokensSelfContained() {
      return jwtAccessTokens;
    },

    async scopeCatalogue(): Promise<ScopeDefinition[]> {
      const descriptions = statements.scopeDescriptions.all();
      return statements.scopes.all().map((scope) => ({
        name: scope.name,
        description: {
          value: scope.description,
          tagged: descriptions
            .filter((d) => d.scope === scope.name)
            .map(({ tag, value }) => ({ tag, value })),
        },
      }));
    },
  };
}

function toToken(row: TokenRow): GrantToken {
  return {
    scopes: JSON.parse(row.scopes) as string[],
    createdAt: row.created_at,
    lastRefreshedAt: row.last_refreshed_at,
    accessTokenExpiresAt: row.access_token_expires_at,
    refreshTokenExpiresAt: row.refresh_token_expires_at,
    grantType: row.grant_type,
    ...visibleProperties(row.properties),
  };
}

/** The properties a person may see: Authlete's `hidden` ones never leave the store. */
export function visibleProperties(json: string | null): Pick<GrantToken, 'properties'> {
  if (json === null) return {};
  const all = JSON.parse(json) as Array<{ key: string; value: string; hidden?: boolean }>;
  const visible = all.filter((p) => !p.hidden).map(({ key, value }) => ({ key, value }));
  return visible.length > 0 ? { properties: visible } : {};
}

const INT64_MAX = 2n ** 63n - 1n;

/** Authlete client IDs are positive int64s; anything else matches no client. */
function parseClientId(clientId: string): bigint | null {
  if (!/^[1-9][0-9]{0,18}$/.test(clientId)) return null;
  const id = BigInt(clientId);
  return id <= INT64_MAX ? id : null;
}
