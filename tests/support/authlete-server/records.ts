/**
 * Reads clients and token records straight from the embedded database and
 * shapes them the way Authlete puts them on the wire, secrets included: the
 * real API sends `clientSecret`, `redirectUris` and token hashes, so the test
 * server does too, and the adapter has to prove they never get through.
 * Client IDs are bigints here so they are written as bare JSON numbers.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../../lib/embedded/database';
import type { ClientRow as EmbeddedClientRow } from '../../../lib/embedded/embedded-store';
import type { ApiVersion } from './routes';

/** What the app reads of a client, plus what Authlete also sends and the adapter must drop. */
type ClientRow = EmbeddedClientRow & {
  client_secret: string;
  redirect_uris: string;
  created_at: number;
};

type TokenRow = {
  client_id: string;
  subject: string;
  access_token_hash: string;
  refresh_token_hash: string | null;
  grant_type: string;
  scopes: string;
  created_at: number;
  last_refreshed_at: number;
  access_token_expires_at: number;
  refresh_token_expires_at: number;
  refresh_token_scopes: string | null;
  properties: string | null;
};

type Tagged = Array<{ tag: string; value: string }>;

export type WireClient = Record<string, unknown>;

const TOKEN_COLUMNS = `CAST(client_id AS TEXT) AS client_id, subject, access_token_hash, refresh_token_hash,
  grant_type, scopes, created_at, last_refreshed_at, access_token_expires_at, refresh_token_expires_at,
  refresh_token_scopes, properties`;

export function createRecords(db: Db, version: ApiVersion = 'V3') {
  const statements = {
    client: db.prepare<[bigint], ClientRow>(
      `SELECT CAST(client_id AS TEXT) AS client_id, client_name, description, developer, logo_uri, client_uri,
              policy_uri, tos_uri, client_secret, redirect_uris, requestable_scopes, created_at,
              client_source, dynamically_registered, attributes
         FROM clients WHERE client_id = ?`,
    ),
    tagged: db.prepare<[bigint], { field: string; tag: string; value: string }>(
      'SELECT field, tag, value FROM client_tagged_values WHERE client_id = ? ORDER BY tag',
    ),
  };

  /** The full Client, as `/client/get` and v2 lists send it. Null fields are omitted, as Authlete does. */
  function fullClient(clientId: bigint): WireClient | null {
    const row = statements.client.get(clientId);
    if (!row) return null;
    const tagged = statements.tagged.all(clientId);
    const byField = (field: string): Tagged | undefined => {
      const values = tagged
        .filter((t) => t.field === field)
        .map(({ tag, value }) => ({ tag, value }));
      return values.length > 0 ? values : undefined;
    };
    const requestable: string[] | null =
      row.requestable_scopes === null ? null : JSON.parse(row.requestable_scopes);
    return {
      clientId: BigInt(row.client_id),
      clientIdAlias: row.client_id,
      clientIdAliasEnabled: false,
      clientSecret: row.client_secret,
      clientType: 'CONFIDENTIAL',
      applicationType: 'WEB',
      clientName: row.client_name,
      clientNames: byField('clientName'),
      description: row.description ?? undefined,
      descriptions: byField('description'),
      logoUri: row.logo_uri ?? undefined,
      logoUris: byField('logoUri'),
      clientUri: row.client_uri ?? undefined,
      clientUris: byField('clientUri'),
      policyUri: row.policy_uri ?? undefined,
      policyUris: byField('policyUri'),
      tosUri: row.tos_uri ?? undefined,
      tosUris: byField('tosUri'),
      developer: row.developer,
      redirectUris: JSON.parse(row.redirect_uris),
      jwks: '{"keys":[]}',
      extension: {
        requestableScopesEnabled: requestable !== null,
        requestableScopes: requestable ?? undefined,
      },
      createdAt: row.created_at,
      modifiedAt: row.created_at,
      // `clientSource` exists from Authlete 3.0.22 (docs/authlete.md#client-get): a v2 service
      // sends only the older flag. Absent when not said, as Authlete omits nulls.
      clientSource: version === 'V3' ? (row.client_source ?? 'STATIC_REGISTRATION') : undefined,
      dynamicallyRegistered: row.dynamically_registered === 1,
      // Authlete's operator-set pairs (docs/authlete.md#client-get); omitted when there are none.
      attributes: row.attributes === null ? undefined : JSON.parse(row.attributes),
    };
  }

  /** The v3 `client_limited` view: names and descriptions, no links, no developer. */
  function limitedClient(clientId: bigint): WireClient | null {
    const full = fullClient(clientId);
    if (!full) return null;
    const { clientName, clientNames, description, descriptions, clientIdAlias, clientType } = full;
    return {
      clientId,
      clientIdAlias,
      clientIdAliasEnabled: false,
      clientType,
      clientName,
      clientNames,
      description,
      descriptions,
    };
  }

  /**
   * The WHERE clause of a token read with only the filters given, and its parameters: SQLite
   * can then use the (subject, client_id) index, which an `? IS NULL OR …` filter rules out.
   * With thousands of tokens a scan per call would make this server, not the app, the slow
   * part of a whole-list view (npm run bench times those).
   */
  function tokenFilter(subject: string | null, clientId: bigint | null) {
    const conditions: string[] = [];
    const params: Array<string | bigint> = [];
    if (subject !== null) {
      conditions.push('subject = ?');
      params.push(subject);
    }
    if (clientId !== null) {
      conditions.push('client_id = ?');
      params.push(clientId);
    }
    return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }

  const prepared = new Map<string, Statement>();
  function statement(sql: string): Statement {
    let found = prepared.get(sql);
    if (!found) prepared.set(sql, (found = db.prepare(sql)));
    return found;
  }

  function tokenCount(subject: string | null, clientId: bigint | null): number {
    const { where, params } = tokenFilter(subject, clientId);
    const row = statement(`SELECT COUNT(*) AS total FROM access_tokens ${where}`).get(...params);
    return (row as { total: number }).total;
  }

  /** One page of token records, oldest first, each as Authlete's AccessToken. */
  function tokenPage(filter: {
    subject: string | null;
    clientId: bigint | null;
    start: number;
    end: number;
    withRefreshTokenScopes: boolean;
  }): { totalCount: number; accessTokens: Array<Record<string, unknown>> } {
    const { where, params } = tokenFilter(filter.subject, filter.clientId);
    const rows = statement(
      `SELECT ${TOKEN_COLUMNS} FROM access_tokens ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`,
    ).all(...params, Math.max(0, filter.end - filter.start), filter.start) as TokenRow[];
    return {
      totalCount: tokenCount(filter.subject, filter.clientId),
      accessTokens: rows.map((row) => {
        const scopes: string[] = JSON.parse(row.scopes);
        return {
          accessTokenHash: row.access_token_hash,
          refreshTokenHash: row.refresh_token_hash ?? undefined,
          accessTokenExpiresAt: row.access_token_expires_at,
          refreshTokenExpiresAt: row.refresh_token_expires_at,
          createdAt: row.created_at,
          lastRefreshedAt: row.last_refreshed_at,
          clientId: BigInt(row.client_id),
          subject: row.subject,
          grantType: row.grant_type,
          scopes,
          // Hidden ones too, as Authlete sends them: the adapter must drop those.
          properties: row.properties === null ? [] : JSON.parse(row.properties),
          // Its own scopes when the record keeps them apart (lib/embedded/database.ts), else the access token's.
          refreshTokenScopes:
            filter.withRefreshTokenScopes && row.refresh_token_hash
              ? row.refresh_token_scopes === null
                ? scopes
                : JSON.parse(row.refresh_token_scopes)
              : undefined,
        };
      }),
    };
  }

  /** One token record of the service by its access token hash, whoever holds it, or null. */
  function tokenByHash(hash: string): (TokenRow & { id: number }) | null {
    const row = statement(
      `SELECT id, ${TOKEN_COLUMNS} FROM access_tokens WHERE access_token_hash = ?`,
    ).get(hash);
    return (row as (TokenRow & { id: number }) | undefined) ?? null;
  }

  /** The ids of the token records a `/auth/token/revoke` rule names, oldest first (docs/authlete.md#token-revoke). */
  function revocable(filter: {
    accessTokenHash?: string;
    refreshTokenHash?: string;
    subject?: string;
    clientId?: bigint;
  }): number[] {
    const conditions: string[] = [];
    const params: Array<string | bigint> = [];
    if (filter.accessTokenHash !== undefined) {
      conditions.push('access_token_hash = ?');
      params.push(filter.accessTokenHash);
    } else if (filter.refreshTokenHash !== undefined) {
      conditions.push('refresh_token_hash = ?');
      params.push(filter.refreshTokenHash);
    } else {
      if (filter.clientId !== undefined) {
        conditions.push('client_id = ?');
        params.push(filter.clientId);
      }
      if (filter.subject !== undefined) {
        conditions.push('subject = ?');
        params.push(filter.subject);
      }
    }
    if (conditions.length === 0) return [];
    return (
      statement(
        `SELECT id FROM access_tokens WHERE ${conditions.join(' AND ')} ORDER BY created_at, id`,
      ).all(...params) as Array<{ id: number }>
    ).map((row) => row.id);
  }

  return { fullClient, limitedClient, tokenPage, tokenCount, tokenByHash, revocable };
}

export type Records = ReturnType<typeof createRecords>;
