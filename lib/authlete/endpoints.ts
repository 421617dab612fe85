/**
 * One function per Authlete call this app makes, each reshaping the answer
 * into the GrantStore's types (docs/authlete.md). Paths here are relative
 * to the generation's prefix, which the client adds.
 *
 * The subject travels in POST bodies (and, where there is no body variant: the
 * token list, and v3's consent delete, in the query), never in a path: a subject
 * may contain `/`, `?` or `#`, and paths end up in access logs.
 */
import type {
  AuthorizedApp,
  GrantToken,
  LocalizedValue,
  ScopeDefinition,
} from '../grants/grant-store';
import type { AuthleteClient } from './http-client';
import {
  authorizationListSchema,
  clientSchema,
  resultSchema,
  serviceConfigurationSchema,
  serviceSchema,
  tokenCountResultSchema,
  tokenHandleListSchema,
  tokenListSchema,
  tokenRevokeSchema,
  tokenUpdateSchema,
  type ClientWire,
  type ServiceWire,
  type TokenWire,
} from './schemas';

/** What the adapter shows of a client: everything of an AuthorizedApp but the tokens. */
export type ClientMetadata = Omit<AuthorizedApp, 'tokens'>;

export type AuthorizationListItem = {
  clientId: string;
  /** the client's name, which even a limited item carries */
  name: LocalizedValue;
  /** null when Authlete sent a limited item (v3 `client_limited`): fetch it with getClient. */
  metadata: ClientMetadata | null;
};

/** Authlete caps a token list page at 20 (docs/authlete.md#token-list). */
export const TOKEN_PAGE_SIZE = 20;

/** POST /client/authorization/get/list — one page of the clients `subject` has authorized. */
export async function listClientAuthorizations(
  client: AuthleteClient,
  query: { subject: string; start: number; end: number; developer?: string },
): Promise<{ totalCount: number; clients: AuthorizationListItem[] }> {
  const body: Record<string, unknown> = {
    subject: query.subject,
    start: query.start,
    end: query.end,
  };
  if (query.developer !== undefined) body.developer = query.developer;
  const result = await client.call({
    operation: 'POST /client/authorization/get/list',
    method: 'POST',
    path: '/client/authorization/get/list',
    body,
    schema: authorizationListSchema,
  });
  return {
    totalCount: result.totalCount,
    clients: result.clients.map((item) => ({
      clientId: item.clientId,
      name: localized(item.clientName, item.clientNames),
      metadata: item.developer === undefined ? null : toMetadata(item),
    })),
  };
}

/** POST /client/authorization/update/{clientId} — writes `scopes` to every token of (subject, client). */
export async function updateClientAuthorization(
  client: AuthleteClient,
  clientId: string,
  subject: string,
  scopes: readonly string[],
): Promise<{ updatedTokenCount: number }> {
  const updatedTokenCount = await client.call({
    operation: 'POST /client/authorization/update/{clientId}',
    method: 'POST',
    path: `/client/authorization/update/${clientId}`,
    body: { subject, scopes: [...scopes] },
    schema: tokenCountResultSchema('Updated'),
    // v3 documents 404 for an unknown client.
    codeForStatus: { 404: 'app_not_found' },
  });
  return { updatedTokenCount };
}

/** POST /client/authorization/delete/{clientId} — deletes every token of (subject, client). */
export async function deleteClientAuthorization(
  client: AuthleteClient,
  clientId: string,
  subject: string,
): Promise<{ deletedTokenCount: number }> {
  const deletedTokenCount = await client.call({
    operation: 'POST /client/authorization/delete/{clientId}',
    method: 'POST',
    path: `/client/authorization/delete/${clientId}`,
    body: { subject },
    schema: tokenCountResultSchema('Deleted'),
    codeForStatus: { 404: 'app_not_found' },
  });
  return { deletedTokenCount };
}

/**
 * /client/granted_scopes/delete/{clientId} — forgets the consent the service remembers for
 * (subject, client); tokens are not touched (docs/authlete.md#granted-scopes). v2 takes the
 * subject in a POST body; v3 has only DELETE forms, so the subject goes in the query string.
 */
export async function deleteGrantedScopes(
  client: AuthleteClient,
  clientId: string,
  subject: string,
): Promise<void> {
  const path = `/client/granted_scopes/delete/${clientId}`;
  await client.call(
    client.apiVersion === 'V3'
      ? {
          operation: 'DELETE /client/granted_scopes/delete/{clientId}',
          method: 'DELETE',
          path,
          query: { subject },
          schema: resultSchema,
        }
      : {
          operation: 'POST /client/granted_scopes/delete/{clientId}',
          method: 'POST',
          path,
          body: { subject },
          schema: resultSchema,
        },
  );
}

/** A token record with the client it was issued to (a subject-wide read spans clients). */
export type ClientToken = GrantToken & { clientId: string | null };

/**
 * GET /auth/token/get/list — one page (at most 20) of the tokens of (subject, client), or, with
 * no `clientId`, of the subject's tokens for every client (docs/authlete.md#token-list).
 */
export async function getTokenPage(
  client: AuthleteClient,
  query: { clientId?: string; subject: string; start: number },
): Promise<{ totalCount: number; tokens: ClientToken[] }> {
  const params: Record<string, string> = {
    subject: query.subject,
    start: String(query.start),
    end: String(query.start + TOKEN_PAGE_SIZE),
  };
  if (query.clientId !== undefined) params.clientIdentifier = query.clientId;
  const result = await client.call({
    operation: 'GET /auth/token/get/list',
    method: 'GET',
    path: '/auth/token/get/list',
    query: params,
    schema: tokenListSchema,
  });
  return {
    totalCount: result.totalCount,
    tokens: result.accessTokens.map((token) => ({
      clientId: token.clientId ?? query.clientId ?? null,
      ...toGrantToken(token),
    })),
  };
}

/** A token list item as the contract's GrantToken: only the fields the data layer reads. */
function toGrantToken(token: TokenWire): GrantToken {
  return {
    scopes: token.scopes,
    createdAt: token.createdAt,
    lastRefreshedAt: token.lastRefreshedAt,
    accessTokenExpiresAt: token.accessTokenExpiresAt,
    refreshTokenExpiresAt: token.refreshTokenExpiresAt,
    grantType: token.grantType,
    ...(token.refreshTokenScopes ? { refreshTokenScopes: token.refreshTokenScopes } : {}),
    ...(token.properties.length > 0 ? { properties: token.properties } : {}),
  };
}

/** A token record with the hashes that name it to a per-token call; never leaves the adapter. */
export type TokenWithHandle = {
  token: GrantToken;
  accessTokenHash: string;
  refreshTokenHash: string | null;
};

/** GET /auth/token/get/list — one page of (subject, client)'s tokens, with their access token hashes. */
export async function getTokenHandlePage(
  client: AuthleteClient,
  query: { clientId: string; subject: string; start: number },
): Promise<{ totalCount: number; tokens: TokenWithHandle[] }> {
  const result = await client.call({
    operation: 'GET /auth/token/get/list',
    method: 'GET',
    path: '/auth/token/get/list',
    query: {
      clientIdentifier: query.clientId,
      subject: query.subject,
      start: String(query.start),
      end: String(query.start + TOKEN_PAGE_SIZE),
    },
    schema: tokenHandleListSchema,
    codeForStatus: { 404: 'app_not_found' },
  });
  return {
    totalCount: result.totalCount,
    tokens: result.accessTokens.map((token) => ({
      accessTokenHash: token.accessTokenHash,
      refreshTokenHash: token.refreshTokenHash ?? null,
      token: toGrantToken(token),
    })),
  };
}

/**
 * POST /auth/token/revoke — ends one token record (its access and refresh token), named by the
 * access token's hash and nothing else. With a token identifier Authlete ignores every other
 * parameter, and without one it falls through to its bulk rules (`subject` alone revokes the
 * subject's tokens for every app: docs/authlete.md#token-revoke), so an empty hash is refused
 * here, before anything is sent. Returns how many records went.
 */
export async function revokeToken(
  client: AuthleteClient,
  accessTokenHash: string,
): Promise<number> {
  if (accessTokenHash.trim() === '') throw new Error('refusing a token revoke without a token');
  const { count } = await client.call({
    operation: 'POST /auth/token/revoke',
    method: 'POST',
    path: '/auth/token/revoke',
    body: { accessTokenIdentifier: accessTokenHash },
    schema: tokenRevokeSchema,
  });
  return count ?? 0;
}

/**
 * POST /auth/token/update — replaces one access token's scopes, naming it by its hash (the app
 * never handed us the value). Only the scopes are sent: no expiry, and never
 * `accessTokenValueUpdated`, which would issue a value the app does not know
 * (docs/authlete.md#token-update). 'gone' when Authlete no longer knows the token.
 */
export async function updateTokenScopes(
  client: AuthleteClient,
  accessTokenHash: string,
  scopes: readonly string[],
): Promise<'updated' | 'gone'> {
  if (accessTokenHash === '') throw new Error('refusing a token update without a token');
  const { action } = await client.call({
    operation: 'POST /auth/token/update',
    method: 'POST',
    path: '/auth/token/update',
    body: { accessTokenHash, scopes: [...scopes] },
    schema: tokenUpdateSchema,
    codeForStatus: { 404: 'app_not_found' },
  });
  if (action === 'OK') return 'updated';
  if (action === 'NOT_FOUND') return 'gone';
  throw new Error(`token update answered ${action}`);
}

/**
 * POST /auth/token/update (v3) — stops one token renewing: its refresh token expires at `at`. Only
 * `accessTokenHash` and `refreshTokenExpiresAt` are sent; the scopes and the access token stay
 * as they are (docs/authlete.md#token-update). 'gone' when Authlete no longer knows the token.
 */
export async function expireRefreshToken(
  client: AuthleteClient,
  accessTokenHash: string,
  at: number,
): Promise<'updated' | 'gone'> {
  if (accessTokenHash === '') throw new Error('refusing a token update without a token');
  if (client.apiVersion !== 'V3') throw new Error('only v3 can change a refresh token expiry');
  const { action } = await client.call({
    operation: 'POST /auth/token/update',
    method: 'POST',
    path: '/auth/token/update',
    body: { accessTokenHash, refreshTokenExpiresAt: at },
    schema: tokenUpdateSchema,
    codeForStatus: { 404: 'app_not_found' },
  });
  if (action === 'OK') return 'updated';
  if (action === 'NOT_FOUND') return 'gone';
  throw new Error(`token update answered ${action}`);
}

/** GET /client/get/{clientId} — a client's public metadata (the answer's secrets are dropped). */
export async function getClient(client: AuthleteClient, clientId: string): Promise<ClientMetadata> {
  const result = await client.call({
    operation: 'GET /client/get/{clientId}',
    method: 'GET',
    path: `/client/get/${clientId}`,
    schema: clientSchema,
  });
  return toMetadata(result);
}

/** What this app reads of the Service: its scopes and its access token format. */
export type ServiceView = {
  /** null when this token sees no `supportedScopes` */
  scopes: ScopeDefinition[] | null;
  /** `accessTokenSignAlg` is set: access tokens are JWTs (docs/authlete.md#access-token-format) */
  accessTokensSelfContained: boolean;
};

function toServiceView(service: ServiceWire): ServiceView {
  return {
    scopes: toScopes(service.supportedScopes),
    accessTokensSelfContained: Boolean(service.accessTokenSignAlg),
  };
}

/**
 * GET /service/get (v3) — the supported scopes and the token format. A token that may not read
 * the service at all gets 401/403, which the caller handles (it has another source of scope names).
 */
export async function getService(client: AuthleteClient): Promise<ServiceView> {
  const result = await client.call({
    operation: 'GET /service/get',
    method: 'GET',
    path: '/service/get',
    schema: serviceSchema,
    refusalHandled: true,
  });
  return toServiceView(result);
}

/** GET /service/get/{serviceApiKey} (v2, service-owner credentials) — as getService. */
export async function getServiceAsOwner(client: AuthleteClient): Promise<ServiceView> {
  const result = await client.call({
    operation: 'GET /service/get/{serviceApiKey}',
    method: 'GET',
    path: `/service/get/${encodeURIComponent(client.serviceApiKey)}`,
    schema: serviceSchema,
    credentials: 'serviceOwner',
    refusalHandled: true,
  });
  return toServiceView(result);
}

/** GET /service/configuration — the discovery document's `scopes_supported`, names without descriptions. */
export async function getConfiguredScopes(client: AuthleteClient): Promise<ScopeDefinition[]> {
  const result = await client.call({
    operation: 'GET /service/configuration',
    method: 'GET',
    path: '/service/configuration',
    schema: serviceConfigurationSchema,
  });
  return result.scopes_supported.map((name) => ({
    name,
    description: { value: null, tagged: [] },
  }));
}

function toMetadata(client: ClientWire): ClientMetadata {
  return {
    clientId: client.clientId,
    name: localized(client.clientName, client.clientNames),
    description: localized(client.description, client.descriptions),
    logoUri: localized(client.logoUri, client.logoUris),
    clientUri: localized(client.clientUri, client.clientUris),
    policyUri: localized(client.policyUri, client.policyUris),
    tosUri: localized(client.tosUri, client.tosUris),
    developer: client.developer ?? null,
    clientSource: client.clientSource,
    dynamicallyRegistered: client.dynamicallyRegistered,
    attributes: client.attributes,
  };
}

function toScopes(scopes: ServiceWire['supportedScopes']): ScopeDefinition[] | null {
  if (!scopes) return null;
  return scopes.map((scope) => {
    const whenRemoved = removalText(scope.attributes);
    return {
      name: scope.name,
      description: localized(scope.description, scope.descriptions),
      ...(whenRemoved ? { whenRemoved } : {}),
    };
  });
}

/** The scope attribute this app reads for "what stops working": `whenRemoved`, `whenRemoved#<language>`. */
const REMOVAL_ATTRIBUTE = 'whenRemoved';

/** The service's "what stops working" for a scope, from its attributes; null when it has none. */
export function removalText(
  attributes: ReadonlyArray<{ key: string; value?: string | null }>,
): LocalizedValue | null {
  let value: string | null = null;
  const tagged: Array<{ tag: string; value: string }> = [];
  for (const { key, value: text } of attributes) {
    if (!text) continue;
    if (key === REMOVAL_ATTRIBUTE) value = text;
    else if (key.startsWith(`${REMOVAL_ATTRIBUTE}#`) && key.length > REMOVAL_ATTRIBUTE.length + 1)
      tagged.push({ tag: key.slice(REMOVAL_ATTRIBUTE.length + 1), value: text });
  }
  return value === null && tagged.length === 0 ? null : { value, tagged };
}

function localized(value: string | null, tagged: LocalizedValue['tagged']): LocalizedValue {
  return { value, tagged: tagged.map(({ tag, value: text }) => ({ tag, value: text })) };
}
