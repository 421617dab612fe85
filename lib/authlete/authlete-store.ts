/**
 * The Authlete backend: a GrantStore over Authlete's management API (v2 or
 * v3). Authlete's authorization list only names the clients, so each app is
 * enriched with the subject's token records (`/auth/token/get/list`) and, when
 * the list item is limited, the client's metadata (`/client/get`). Client
 * metadata and the scope catalogue are the same for everyone and are cached
 * for `cacheTtlMs`; nothing that belongs to a subject is ever cached.
 */
import type { AuthorizedApp, GrantStore, GrantToken, ScopeDefinition } from '../grants/grant-store';
import { log } from '../log';
import { isClientId } from './client-id';
import {
  deleteClientAuthorization,
  getClient,
  getConfiguredScopes,
  getServiceScopes,
  getServiceScopesAsOwner,
  getTokenPage,
  listClientAuthorizations,
  TOKEN_PAGE_SIZE,
  updateClientAuthorization,
  type ClientMetadata,
} from './endpoints';
import { AuthleteHttpError } from './errors';
import { createAuthleteClient, type AuthleteClient } from './http-client';
import { createLimiter, type Limiter } from './limiter';
import { resolveOptions, type AuthleteStoreOptions } from './options';
import { createTtlCache } from './ttl-cache';

export function createAuthleteStore(options: AuthleteStoreOptions): GrantStore {
  const resolved = resolveOptions(options);
  const client = createAuthleteClient(resolved);
  const clientCache = createTtlCache<string, ClientMetadata>(resolved.cacheTtlMs);
  const catalogueCache = createTtlCache<'catalogue', ScopeDefinition[]>(resolved.cacheTtlMs);

  let serviceViewRefusalLogged = false;

  function clientMetadata(clientId: string, run: Limiter): Promise<ClientMetadata> {
    return clientCache.get(clientId, () => run(() => getClient(client, clientId)));
  }

  /**
   * v3 reads `/service/get`; v2 can only with service-owner credentials.
   * Without them, when the service view lacks `supportedScopes`, or when our
   * credentials may not read the service at all (401/403: a v3 token limited
   * to clients, or v2 owner credentials that are wrong), the discovery
   * document still names the scopes, and the data layer humanizes the names.
   * A refusal would otherwise fail every list page for the sake of wording.
   */
  async function loadCatalogue(): Promise<ScopeDefinition[]> {
    let scopes: ScopeDefinition[] | null = null;
    try {
      if (client.apiVersion === 'V3') scopes = await getServiceScopes(client);
      else if (client.hasServiceOwnerCredentials) scopes = await getServiceScopesAsOwner(client);
    } catch (error) {
      if (!(error instanceof AuthleteHttpError && (error.status === 401 || error.status === 403)))
        throw error;
      // Once per store (one per process): every catalogue load meets the same refusal, and one line tells the operator.
      if (!serviceViewRefusalLogged) {
        serviceViewRefusalLogged = true;
        log.warn('authlete.service_view_refused', {
          operation: error.operation,
          status: error.status,
          resultCode: error.resultCode,
          resultMessage: error.resultMessage,
          fallback: 'GET /service/configuration (scope names without descriptions)',
        });
      }
    }
    return scopes ?? getConfiguredScopes(client);
  }

  return {
    async listAuthorizedApps(subject, range) {
      const page = await listClientAuthorizations(client, { subject, ...range });
      const run = createLimiter(resolved.concurrency);
      const apps = await Promise.all(
        page.clients.map(async (item): Promise<AuthorizedApp | null> => {
          // A full list item (v2) is fresher than any cached copy: keep it for getAuthorizedApp.
          if (item.metadata) clientCache.set(item.clientId, item.metadata);
          const [tokens, metadata] = await Promise.all([
            allTokens(client, run, subject, item.clientId),
            item.metadata ?? nullIfGone(clientMetadata(item.clientId, run)),
          ]);
          // Revoked, or the client deleted, between the list call and these: nothing to show.
          if (!tokens || tokens.length === 0 || !metadata) return null;
          return { ...metadata, tokens };
        }),
      );
      const shown = apps.filter((app) => app !== null);
      // The apps that vanished are not counted either: Authlete's totalCount was
      // taken before they went, and a count that includes them would promise
      // the person an app no page can show (and a last page that stays empty).
      return { totalCount: page.totalCount - (apps.length - shown.length), apps: shown };
    },

    async getAuthorizedApp(subject, clientId): Promise<AuthorizedApp | null> {
      if (!isClientId(clientId)) return null;
      const run = createLimiter(resolved.concurrency);
      const first = await firstTokenPage(client, run, subject, clientId);
      if (!first || first.tokens.length === 0) return null;
      const [metadata, rest] = await Promise.all([
        nullIfGone(clientMetadata(clientId, run)),
        remainingTokens(client, run, subject, clientId, first),
      ]);
      if (!metadata) return null;
      return { ...metadata, tokens: [...first.tokens, ...rest] };
    },

    async replaceScopes(subject, clientId, scopes) {
      if (!isClientId(clientId)) return { updatedTokenCount: 0 };
      return updateClientAuthorization(client, clientId, subject, scopes);
    },

    async deleteAuthorization(subject, clientId) {
      if (!isClientId(clientId)) return { deletedTokenCount: 0 };
      return deleteClientAuthorization(client, clientId, subject);
    },

    scopeCatalogue() {
      return catalogueCache.get('catalogue', loadCatalogue);
    },

    async checkReachable() {
      // The lightest call that proves both the network path and the service credentials.
      await getConfiguredScopes(client);
    },
  };
}

/** Every token of (subject, client); null when Authlete says the client does not exist. */
async function allTokens(
  client: AuthleteClient,
  run: Limiter,
  subject: string,
  clientId: string,
): Promise<GrantToken[] | null> {
  const first = await firstTokenPage(client, run, subject, clientId);
  if (!first) return null;
  return [...first.tokens, ...(await remainingTokens(client, run, subject, clientId, first))];
}

/** Pages 2… of the token list, fetched together once the first page gave the total. */
async function remainingTokens(
  client: AuthleteClient,
  run: Limiter,
  subject: string,
  clientId: string,
  first: { totalCount: number; tokens: GrantToken[] },
): Promise<GrantToken[]> {
  if (first.tokens.length === 0) return [];
  const starts: number[] = [];
  for (let start = TOKEN_PAGE_SIZE; start < first.totalCount; start += TOKEN_PAGE_SIZE) {
    starts.push(start);
  }
  const pages = await Promise.all(
    starts.map((start) => run(() => getTokenPage(client, { clientId, subject, start }))),
  );
  return pages.flatMap((page) => page.tokens);
}

/** The first token page, or null when Authlete says the client does not exist. */
function firstTokenPage(
  client: AuthleteClient,
  run: Limiter,
  subject: string,
  clientId: string,
): Promise<{ totalCount: number; tokens: GrantToken[] } | null> {
  return nullIfGone(run(() => getTokenPage(client, { clientId, subject, start: 0 })));
}

/**
 * The answer, or null when Authlete says the client does not exist. Authlete
 * documents one answer for that: HTTP 404, "The client was not found" (v3
 * `/client/authorization/update`); no resultCode for it is documented
 * (docs/authlete.md#errors-and-result-codes), so the status alone decides. Every other
 * failure is thrown: a 400 is a bad request or a token list this plan does
 * not offer, and reading it as "no tokens" would hide apps that still have
 * access, and make a revoke report "already revoked" while access remains.
 */
async function nullIfGone<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof AuthleteHttpError && error.status === 404) return null;
    throw error;
  }
}
