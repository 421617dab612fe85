/**
 * The Authlete backend: a GrantStore over Authlete's management API (v2 or
 * v3). Authlete's authorization list only names the clients, so each app is
 * enriched with the subject's token records (`/auth/token/get/list`) and, when
 * the list item is limited, the client's metadata (`/client/get`). Client
 * metadata and the scope catalogue are the same for everyone and are cached
 * for `cacheTtlMs`; nothing that belongs to a subject is ever cached (the hashes
 * read with one app's tokens live only beside those token objects, for the write
 * that follows or the ids of that read's grants: lib/grants/token-handles.ts).
 * Token records are read per app or for the whole subject at once, whichever
 * takes fewer calls for the apps a view shows.
 */
import { createHash } from 'node:crypto';
import type {
  AuthorizedApp,
  GrantStore,
  GrantToken,
  ListRange,
  ScopeDefinition,
  TokenUpdateOutcome,
} from '../grants/grant-store';
import { log } from '../log';
import { isClientId } from './client-id';
import {
  deleteClientAuthorization,
  deleteGrantedScopes,
  expireRefreshToken,
  getClient,
  getConfiguredScopes,
  getService,
  getServiceAsOwner,
  getTokenHandlePage,
  getTokenPage,
  listClientAuthorizations,
  revokeToken,
  type TokenWithHandle,
  updateTokenScopes,
  type AuthorizationListItem,
  type ClientToken,
  TOKEN_PAGE_SIZE,
  updateClientAuthorization,
  type ClientMetadata,
} from './endpoints';
import { AuthleteHttpError } from './errors';
import { createAuthleteClient, type AuthleteClient } from './http-client';
import { createLimiter, type Limiter } from './limiter';
import { resolveOptions, type AuthleteStoreOptions } from './options';
import { createReadBudget } from './read-budget';
import { createTtlCache } from './ttl-cache';
import { GrantError } from '../grants/errors';
import { createTokenHandles } from '../grants/token-handles';

/** Apps asked for in one authorization-list call when a view reads more than a page. */
const LIST_CHUNK = 100;

type TokenPage = { totalCount: number; tokens: ClientToken[] };

export function createAuthleteStore(options: AuthleteStoreOptions): GrantStore {
  const resolved = resolveOptions(options);
  const client = createAuthleteClient(resolved);
  const clientCache = createTtlCache<string, ClientMetadata>(resolved.cacheTtlMs);
  // One read of the Service gives both the scope catalogue and the access token format.
  const catalogueCache = createTtlCache<
    'service',
    { catalogue: ScopeDefinition[]; accessTokensSelfContained: boolean }
  >(resolved.cacheTtlMs);
  const readBudget = createReadBudget(resolved.readBudgetPerMinute);
  // The hashes read with each token getAuthorizedApp hands out: the access token's names it to
  // updateEachToken, and the grant's id is made from them for grantsOfRead.
  const handles = createTokenHandles<TokenWithHandle>();
  let budgetLoggedFor = new Set<string>();
  setInterval(() => (budgetLoggedFor = new Set()), 60_000).unref();

  /**
   * The calls of one view, made for `subject`: at most `concurrency` at a time, and each counted
   * against the person's read budget. Past it, the view fails with `read_budget_exceeded` and the
   * time to wait; the operator gets one line per person a minute.
   */
  function viewRunner(subject: string): Limiter {
    const run = createLimiter(resolved.concurrency);
    return (task) =>
      run(() => {
        const taken = readBudget.take(subject);
        if (!taken.ok) {
          if (!budgetLoggedFor.has(subject)) {
            budgetLoggedFor.add(subject);
            log.warn('authlete.read_budget_exceeded', {
              // A hash, as the limiter counters keep it: enough to tell one person's lines apart.
              subjectHash: createHash('sha256').update(subject).digest('hex').slice(0, 16),
              readsPerMinute: resolved.readBudgetPerMinute,
              retryAfterSeconds: taken.retryAfterSeconds,
            });
          }
          throw new GrantError('read_budget_exceeded', 'read budget spent', {
            retryAfterSeconds: taken.retryAfterSeconds,
          });
        }
        return task();
      });
  }

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
   * A refusal would otherwise fail every list page for the sake of wording. Without the service
   * view, the access token format is unknown: taken as not self-contained (nothing is claimed).
   */
  async function loadCatalogue(): Promise<{
    catalogue: ScopeDefinition[];
    accessTokensSelfContained: boolean;
  }> {
    let scopes: ScopeDefinition[] | null = null;
    let accessTokensSelfContained = false;
    try {
      const view =
        client.apiVersion === 'V3'
          ? await getService(client)
          : client.hasServiceOwnerCredentials
            ? await getServiceAsOwner(client)
            : null;
      scopes = view?.scopes ?? null;
      accessTokensSelfContained = view?.accessTokensSelfContained ?? false;
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
    return {
      catalogue: scopes ?? (await getConfiguredScopes(client)),
      accessTokensSelfContained,
    };
  }

  /**
   * The authorization list over `range`: one call when the range fits a chunk; otherwise the
   * first chunk, then the rest all at once at the step the first chunk showed. Authlete
   * documents no page size (docs/authlete.md#authorization-list), so a first chunk shorter than
   * asked, with more left, is taken as the server's own cap; a later chunk that still comes back
   * short leaves a gap, read one call after another so no app is skipped.
   */
  async function clientList(
    run: Limiter,
    subject: string,
    range: ListRange,
    /** told the list's total as soon as the first chunk answers */
    onTotal: (totalCount: number) => void = () => {},
  ): Promise<{ totalCount: number; clients: AuthorizationListItem[] }> {
    const ask = (start: number, end: number) =>
      run(() =>
        listClientAuthorizations(client, { subject, start, end, developer: range.developer }),
      );
    const first = await ask(range.start, Math.min(range.end, range.start + LIST_CHUNK));
    onTotal(first.totalCount);
    const want = Math.min(range.end, first.totalCount);
    const step = first.clients.length;
    const chunks: AuthorizationListItem[][] = [first.clients];
    const starts: number[] = [];
    for (let start = range.start + step; step > 0 && start < want; start += step) {
      starts.push(start);
    }
    const rest = await Promise.all(starts.map((start) => ask(start, Math.min(start + step, want))));
    for (const [index, chunk] of rest.entries()) {
      chunks.push(chunk.clients);
      const end = Math.min(starts[index]! + step, want);
      let at = starts[index]! + chunk.clients.length;
      for (let got = chunk.clients.length; got > 0 && at < end; at += got) {
        const gap = await ask(at, end);
        got = gap.clients.length;
        chunks.push(gap.clients);
      }
    }
    // Keyed by client: should the list shift between chunks, an app is read twice, never shown twice.
    const clients = new Map<string, AuthorizationListItem>();
    for (const item of chunks.flat()) clients.set(item.clientId, item);
    return { totalCount: first.totalCount, clients: [...clients.values()] };
  }

  /**
   * The subject's tokens for every client at once, when that is the cheaper read
   * (docs/authlete.md#token-list): `first` is its first page, asked for together with the list;
   * the remaining pages go out as soon as it answers, in parallel with the rest of the list, when
   * they are fewer than the apps the view shows (`appCount`, known from the list's first answer).
   * null when one read per app is cheaper.
   */
  async function subjectWideTokens(
    run: Limiter,
    subject: string,
    first: Promise<TokenPage>,
    appCount: Promise<number>,
  ): Promise<ClientToken[] | null> {
    const { totalCount, tokens } = await first;
    const starts: number[] = [];
    for (let start = TOKEN_PAGE_SIZE; start < totalCount; start += TOKEN_PAGE_SIZE) {
      starts.push(start);
    }
    if (starts.length > 0 && starts.length >= (await appCount)) return null;
    const pages = await Promise.all(
      starts.map((start) => run(() => getTokenPage(client, { subject, start }))),
    );
    return [...tokens, ...pages.flatMap((page) => page.tokens)];
  }

  /**
   * The tokens of each of `clientIds`: from the subject-wide read when there is one, else one
   * read per app. An app the subject-wide read found no token for is read on its own: records
   * can shift between pages, and an app that still has access must not drop out of the list for
   * it. null for an app means Authlete says the client no longer exists.
   */
  async function tokensOf(
    run: Limiter,
    subject: string,
    clientIds: readonly string[],
    subjectTokens?: Promise<ClientToken[] | null>,
  ): Promise<Map<string, GrantToken[] | null>> {
    const found = new Map<string, GrantToken[] | null>();
    const wanted = new Set(clientIds);
    for (const token of (await subjectTokens) ?? []) {
      if (token.clientId === null || !wanted.has(token.clientId)) continue;
      const list = found.get(token.clientId) ?? [];
      list.push(withoutClient(token));
      found.set(token.clientId, list);
    }
    const unread = clientIds.filter((clientId) => !found.has(clientId));
    const read = await Promise.all(
      unread.map((clientId) => allTokens(client, run, subject, clientId)),
    );
    unread.forEach((clientId, index) => found.set(clientId, read[index]!));
    return found;
  }

  /** Full metadata and tokens for each listed client, in one parallel wave; vanished ones dropped. */
  async function enrich(
    run: Limiter,
    subject: string,
    items: readonly Pick<AuthorizationListItem, 'clientId' | 'metadata'>[],
    subjectTokens?: Promise<ClientToken[] | null>,
  ): Promise<AuthorizedApp[]> {
    const [tokens, metadata] = await Promise.all([
      tokensOf(
        run,
        subject,
        items.map((item) => item.clientId),
        subjectTokens,
      ),
      Promise.all(
        items.map((item) => {
          // A full list item (v2) is fresher than any cached copy: keep it for getAuthorizedApp.
          if (item.metadata) clientCache.set(item.clientId, item.metadata);
          return item.metadata ?? nullIfGone(clientMetadata(item.clientId, run));
        }),
      ),
    ]);
    return items.flatMap((item, index) => {
      const appTokens = tokens.get(item.clientId);
      const appMetadata = metadata[index];
      // Revoked, or the client deleted, between the list call and these: nothing to show.
      if (!appTokens || appTokens.length === 0 || !appMetadata) return [];
      return [{ ...appMetadata, tokens: appTokens }];
    });
  }

  return {
    grantCapabilities: { end: true, narrow: true, stopRenewal: client.apiVersion === 'V3' },

    async readGrants(subject, clientId, idOf) {
      if (!isClientId(clientId)) return [];
      return (await tokenHandles(client, subject, clientId)).map((record) => ({
        grantId: idOf(keyOf(record)),
        // Remembered, so endGrant can name it by the hash read with it.
        token: handles.remember(subject, clientId, record.token, record),
      }));
    },

    grantsOfRead(subject, read, idOf) {
      return read.tokens.flatMap((token) => {
        const record = handles.handleOf(subject, read.clientId, token);
        return record ? [{ grantId: idOf(keyOf(record)), token }] : [];
      });
    },

    async endGrant(subject, clientId, token) {
      // Only a hash this store read with `token` for this subject and client: one from anywhere
      // else never reaches /auth/token/revoke, which would revoke it whoever holds it
      // (docs/authlete.md#token-revoke).
      const record = isClientId(clientId) ? handles.handleOf(subject, clientId, token) : null;
      if (!record) return { ended: false };
      return { ended: (await revokeToken(client, record.accessTokenHash)) > 0 };
    },

    async stopGrantRenewal(subject, clientId, token, at) {
      if (client.apiVersion !== 'V3') return { stopped: false };
      // As endGrant: only the hash this store read with `token` for this subject and client.
      const record = isClientId(clientId) ? handles.handleOf(subject, clientId, token) : null;
      if (!record || record.refreshTokenHash === null || record.token.refreshTokenExpiresAt <= at)
        return { stopped: false };
      return {
        stopped: (await expireRefreshToken(client, record.accessTokenHash, at)) === 'updated',
      };
    },

    async stopRenewal(subject, clientId, at) {
      if (client.apiVersion !== 'V3' || !isClientId(clientId)) return { stopped: 0 };
      let stopped = 0;
      // Hashes from the store's own read of this subject's tokens for this client only.
      for (const record of await tokenHandles(client, subject, clientId)) {
        if (record.refreshTokenHash === null || record.token.refreshTokenExpiresAt <= at) continue;
        if ((await expireRefreshToken(client, record.accessTokenHash, at)) === 'updated') stopped++;
      }
      return { stopped };
    },

    async listAuthorizedApps(subject, range) {
      const run = viewRunner(subject);
      // Asked together with the list, so a person with few tokens has them all in the list's
      // own round trip; for one with many, it only tells how many there are.
      const subjectFirst = run(() => getTokenPage(client, { subject, start: 0 }));
      let appsAsked: (count: number) => void = () => {};
      const appCount = new Promise<number>((resolve) => (appsAsked = resolve));
      const subjectTokens = subjectWideTokens(run, subject, subjectFirst, appCount);
      // Awaited in enrich; should the list fail first, its failure is the one reported.
      subjectTokens.catch(() => {});
      const page = await clientList(run, subject, range, (totalCount) =>
        appsAsked(Math.max(0, Math.min(range.end, totalCount) - range.start)),
      ).finally(() => appsAsked(0));
      const shown = await enrich(run, subject, page.clients, subjectTokens);
      // The apps that vanished are not counted either: Authlete's totalCount was
      // taken before they went, and a count that includes them would promise
      // the person an app no page can show (and a last page that stays empty).
      return {
        totalCount: page.totalCount - (page.clients.length - shown.length),
        apps: shown,
      };
    },

    async listAppNames(subject, range) {
      const run = viewRunner(subject);
      const page = await clientList(run, subject, range);
      return {
        totalCount: page.totalCount,
        apps: page.clients.map(({ clientId, name }) => ({ clientId, name })),
      };
    },

    async getAuthorizedApps(subject, clientIds) {
      const run = viewRunner(subject);
      const items = [...new Set(clientIds)]
        .filter(isClientId)
        .map((clientId) => ({ clientId, metadata: null }));
      return enrich(run, subject, items);
    },

    async getAuthorizedApp(subject, clientId): Promise<AuthorizedApp | null> {
      if (!isClientId(clientId)) return null;
      const run = viewRunner(subject);
      // Read with the hashes (the same call): a write that follows names its tokens by them, and
      // the grants of this read get their ids from them (grantsOfRead).
      const first = await nullIfGone(
        run(() => getTokenHandlePage(client, { clientId, subject, start: 0 })),
      );
      if (!first || first.tokens.length === 0) return null;
      const [metadata, rest] = await Promise.all([
        nullIfGone(clientMetadata(clientId, run)),
        remainingHandles(client, run, subject, clientId, first),
      ]);
      if (!metadata) return null;
      const tokens = [...first.tokens, ...rest].map((record) =>
        handles.remember(subject, clientId, record.token, record),
      );
      return { ...metadata, tokens };
    },

    async replaceScopes(subject, clientId, scopes) {
      if (!isClientId(clientId)) return { updatedTokenCount: 0 };
      return updateClientAuthorization(client, clientId, subject, scopes);
    },

    async updateEachToken(subject, read, scopesFor) {
      const { clientId } = read;
      if (!isClientId(clientId)) return [];
      const outcomes: TokenUpdateOutcome[] = [];
      // One at a time: a narrowing touches few tokens, and the report keeps their order.
      for (const token of read.tokens) {
        const scopes = scopesFor(token);
        if (scopes === null) continue;
        // Only a hash this store read for this subject and client in getAuthorizedApp: none from
        // elsewhere ever reaches /auth/token/update, which acts on whoever holds the token.
        const record = handles.handleOf(subject, clientId, token);
        if (record === null) {
          log.error('authlete.token_update_unread', { clientId });
          outcomes.push({ token, scopes, outcome: 'failed' });
          continue;
        }
        try {
          const outcome = await updateTokenScopes(client, record.accessTokenHash, scopes);
          outcomes.push({ token, scopes, outcome });
        } catch (error) {
          if (error instanceof AuthleteHttpError && error.status === 404) {
            outcomes.push({ token, scopes, outcome: 'gone' });
            continue;
          }
          log.error('authlete.token_update_failed', { clientId, error });
          outcomes.push({ token, scopes, outcome: 'failed' });
        }
      }
      return outcomes;
    },

    async forgetConsent(subject, clientId) {
      if (!isClientId(clientId)) return { forgotten: false };
      await deleteGrantedScopes(client, clientId, subject);
      return { forgotten: true };
    },

    async deleteAuthorization(subject, clientId) {
      if (!isClientId(clientId)) return { deletedTokenCount: 0 };
      return deleteClientAuthorization(client, clientId, subject);
    },

    async scopeCatalogue() {
      return (await catalogueCache.get('service', loadCatalogue)).catalogue;
    },

    async accessTokensSelfContained() {
      return (await catalogueCache.get('service', loadCatalogue)).accessTokensSelfContained;
    },

    async checkReachable() {
      // The lightest call that proves both the network path and the service credentials.
      await getConfiguredScopes(client);
    },
  };
}

function withoutClient({ clientId: _clientId, ...token }: ClientToken): GrantToken {
  return token;
}

/** The hash a grant's id is made from: its refresh token's, which outlives access tokens, else its access token's. */
function keyOf(record: TokenWithHandle): string {
  return record.refreshTokenHash ?? record.accessTokenHash;
}

/** Every token of (subject, client) with its hash, for a per-grant write; none for a gone client. */
async function tokenHandles(
  client: AuthleteClient,
  subject: string,
  clientId: string,
): Promise<TokenWithHandle[]> {
  const first = await nullIfGone(getTokenHandlePage(client, { clientId, subject, start: 0 }));
  if (!first) return [];
  const rest = await remainingHandles(client, (task) => task(), subject, clientId, first);
  return [...first.tokens, ...rest];
}

/** Pages 2… of the token list with hashes, fetched together once the first page gave the total. */
async function remainingHandles(
  client: AuthleteClient,
  run: Limiter,
  subject: string,
  clientId: string,
  first: { totalCount: number },
): Promise<TokenWithHandle[]> {
  const starts: number[] = [];
  for (let start = TOKEN_PAGE_SIZE; start < first.totalCount; start += TOKEN_PAGE_SIZE) {
    starts.push(start);
  }
  const pages = await Promise.all(
    starts.map((start) => run(() => getTokenHandlePage(client, { clientId, subject, start }))),
  );
  return pages.flatMap((page) => page.tokens);
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
  const rest = await remainingTokens(client, run, subject, clientId, first);
  return [...first.tokens, ...rest].map(withoutClient);
}

/** Pages 2… of the token list, fetched together once the first page gave the total. */
async function remainingTokens(
  client: AuthleteClient,
  run: Limiter,
  subject: string,
  clientId: string,
  first: TokenPage,
): Promise<ClientToken[]> {
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
): Promise<TokenPage | null> {
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
