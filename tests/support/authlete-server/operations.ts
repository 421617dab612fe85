/**
 * What each Authlete operation does, on top of the embedded backend so the
 * semantics live in one place: paging and the developer filter, "replace the
 * scopes on every token" and "delete every token" come from the embedded
 * store; only the wire shapes (records.ts) are built here. Parameters arrive
 * from the query, a JSON body or a form body, and are checked with zod the way
 * Authlete checks them (form `scopes` is one space-delimited value).
 */
import { z } from 'zod';
import type { Db } from '../../../lib/embedded/database';
import { createEmbeddedStore } from '../../../lib/embedded/embedded-store';
import { createRecords } from './records';
import type { ApiVersion, Route } from './routes';
import { result, RESULT_CODES, type AuthleteAnswer } from './wire';

/** Authlete refuses token list pages larger than this (docs/authlete.md#token-list). */
const MAX_TOKEN_PAGE = 20;

const indexSchema = z.coerce.number().int().min(0);

const listSchema = z.object({
  subject: z.string().min(1),
  developer: z.string().min(1).nullish(),
  start: indexSchema.default(0),
  end: indexSchema.default(5),
});

const updateSchema = z.object({
  subject: z.string().min(1),
  // JSON sends an array; a form sends one space-delimited value. Null or absent changes nothing.
  scopes: z
    .union([z.array(z.string()), z.string().transform((value) => value.split(' ').filter(Boolean))])
    .nullish(),
});

const deleteSchema = z.object({ subject: z.string().min(1) });

const millis = z.coerce.number().int();

const tokenUpdateSchema = z.object({
  accessToken: z.string().min(1).optional(),
  accessTokenHash: z.string().min(1).optional(),
  scopes: z
    .union([z.array(z.string()), z.string().transform((value) => value.split(' ').filter(Boolean))])
    .nullish(),
  accessTokenExpiresAt: millis.optional(),
  refreshTokenExpiresAt: millis.optional(),
});

const identifier = z.string().min(1).optional();

const tokenRevokeSchema = z.object({
  accessTokenIdentifier: identifier,
  refreshTokenIdentifier: identifier,
  clientIdentifier: identifier,
  subject: identifier,
});

/** The bulk rules of `/auth/token/revoke` revoke at most this many records per call (a server setting). */
const MAX_REVOKED_PER_CALL = 20;

const tokenListSchema = z
  .object({
    clientIdentifier: z.string().min(1).optional(),
    subject: z.string().min(1).optional(),
    start: indexSchema.default(0),
    end: indexSchema.default(5),
  })
  .refine((query) => query.end - query.start <= MAX_TOKEN_PAGE, {
    message: `end - start must not exceed ${MAX_TOKEN_PAGE}`,
  });

export type OperationContext = {
  db: Db;
  version: ApiVersion;
  serviceApiKey: string;
  serviceApiSecret: string | null;
  /** the server's own URL, known once it listens */
  issuer: () => string;
  limitedServiceView: boolean;
  /** the Service's `accessTokenSignAlg`; null: unset (opaque access tokens) */
  accessTokenSignAlg: string | null;
  maxClientsPerListPage: number;
};

export function createOperations(context: OperationContext) {
  const store = createEmbeddedStore(context.db);
  const records = createRecords(context.db, context.version);
  const { version } = context;

  function badRequest(route: Route, error: z.ZodError): AuthleteAnswer {
    const problems = error.issues.map(
      (issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`,
    );
    return result(400, RESULT_CODES.badRequest, route.apiPath, problems.join('; '));
  }

  // The one answer Authlete documents for a client that does not exist is
  // v3's 404 on update ("The client was not found."); its resultCode and v2's
  // answer are undocumented, so both generations answer 404 with a placeholder code.
  function unknownClient(route: Route, clientId: string): AuthleteAnswer {
    return result(
      404,
      RESULT_CODES.unknownClient,
      route.apiPath,
      `The client (ID = ${clientId}) does not exist.`,
    );
  }

  function knownClientId(value: string | undefined): bigint | null {
    if (!value || !/^[1-9][0-9]{0,18}$/.test(value)) return null;
    const id = BigInt(value);
    return records.fullClient(id) ? id : null;
  }

  async function list(route: Route, params: Record<string, unknown>): Promise<AuthleteAnswer> {
    const parsed = listSchema.safeParse(params);
    if (!parsed.success) return badRequest(route, parsed.error);
    const { subject, start } = parsed.data;
    // The range used is echoed back, as Authlete does, so a capped page says where it ended.
    const end = Math.min(parsed.data.end, start + context.maxClientsPerListPage);
    const developer = parsed.data.developer ?? undefined;
    const page = await store.listAuthorizedApps(subject, { start, end, developer });
    const clients = page.apps.map((app) => {
      const id = BigInt(app.clientId);
      // v2 items are full Clients, secret included; v3 items are `client_limited`.
      return version === 'V2' ? records.fullClient(id) : records.limitedClient(id);
    });
    return {
      status: 200,
      body: {
        type: 'authorizedClientListResponse',
        start,
        end,
        developer: developer ?? null,
        subject,
        totalCount: page.totalCount,
        clients,
      },
    };
  }

  async function update(route: Route, params: Record<string, unknown>): Promise<AuthleteAnswer> {
    const clientId = knownClientId(route.params.clientId);
    if (clientId === null) return unknownClient(route, route.params.clientId ?? '');
    const parsed = updateSchema.safeParse(params);
    if (!parsed.success) return badRequest(route, parsed.error);
    const { subject, scopes } = parsed.data;
    const count = scopes
      ? (await store.replaceScopes(subject, clientId.toString(), scopes)).updatedTokenCount
      : records.tokenCount(subject, clientId);
    return result(
      200,
      RESULT_CODES.updated,
      route.apiPath,
      `Updated ${count} access token(s) issued to the client (ID = ${clientId}) of the service (API Key = ${context.serviceApiKey}).`,
    );
  }

  async function remove(route: Route, params: Record<string, unknown>): Promise<AuthleteAnswer> {
    const clientId = knownClientId(route.params.clientId);
    if (clientId === null) return unknownClient(route, route.params.clientId ?? '');
    const parsed = deleteSchema.safeParse(params);
    if (!parsed.success) return badRequest(route, parsed.error);
    const { deletedTokenCount } = await store.deleteAuthorization(
      parsed.data.subject,
      clientId.toString(),
    );
    return result(
      200,
      RESULT_CODES.deleted,
      route.apiPath,
      `Deleted ${deletedTokenCount} access token(s) issued to the client (ID = ${clientId}) of the service (API Key = ${context.serviceApiKey}).`,
    );
  }

  /**
   * `/auth/token/update` (docs/authlete.md#token-update): one token, named by its value or hash
   * (the value first; this server keeps hashes only, so a value is never found). Scopes replace
   * the access token's, the unknown and unrequestable dropped; the refresh token's own scopes
   * are left as they were. An expiry of 0 or less changes nothing; only v3 has
   * `refreshTokenExpiresAt`. An unknown token is NOT_FOUND with HTTP 200, as Authlete may answer.
   */
  async function tokenUpdate(
    route: Route,
    params: Record<string, unknown>,
  ): Promise<AuthleteAnswer> {
    const parsed = tokenUpdateSchema.safeParse(params);
    if (!parsed.success) return badRequest(route, parsed.error);
    const request = parsed.data;
    if (request.accessToken === undefined && request.accessTokenHash === undefined) {
      return tokenAction(
        400,
        'BAD_REQUEST',
        RESULT_CODES.badRequest,
        route,
        'No access token was given.',
      );
    }
    const row =
      request.accessToken === undefined ? records.tokenByHash(request.accessTokenHash!) : null;
    if (!row) {
      return tokenAction(
        200,
        'NOT_FOUND',
        RESULT_CODES.tokenNotFound,
        route,
        'The access token does not exist.',
      );
    }
    let scopes: string[] = JSON.parse(row.scopes);
    if (request.scopes) {
      const supported = new Set((await store.scopeCatalogue()).map((scope) => scope.name));
      const client = records.fullClient(BigInt(row.client_id)) as {
        extension: { requestableScopes?: string[] };
      };
      const requestable = client.extension.requestableScopes;
      scopes = [...new Set(request.scopes)].filter(
        (scope) => supported.has(scope) && (!requestable || requestable.includes(scope)),
      );
    }
    const accessTokenExpiresAt =
      request.accessTokenExpiresAt && request.accessTokenExpiresAt > 0
        ? request.accessTokenExpiresAt
        : row.access_token_expires_at;
    const refreshTokenExpiresAt =
      version === 'V3' &&
      request.refreshTokenExpiresAt &&
      request.refreshTokenExpiresAt > 0 &&
      row.refresh_token_hash
        ? request.refreshTokenExpiresAt
        : row.refresh_token_expires_at;
    context.db
      .prepare(
        'UPDATE access_tokens SET scopes = ?, access_token_expires_at = ?, refresh_token_expires_at = ? WHERE id = ?',
      )
      .run(JSON.stringify(scopes), accessTokenExpiresAt, refreshTokenExpiresAt, row.id);
    return {
      status: 200,
      body: {
        action: 'OK',
        resultCode: RESULT_CODES.tokenUpdated,
        resultMessage: `[${RESULT_CODES.tokenUpdated}] Updated the access token successfully.`,
        accessTokenExpiresAt,
        refreshTokenExpiresAt: version === 'V3' ? refreshTokenExpiresAt : undefined,
        scopes,
        properties: [],
        tokenType: 'Bearer',
      },
    };
  }

  /**
   * `/auth/token/revoke` (docs/authlete.md#token-revoke), with Authlete's precedence: the first
   * of accessTokenIdentifier, refreshTokenIdentifier, clientIdentifier (+ subject), subject that
   * is given decides, and the others are ignored, so a token hash revokes that token whoever
   * holds it, whatever `subject` says. This server keeps hashes only, so a token value matches
   * nothing. The bulk rules stop at MAX_REVOKED_PER_CALL; `count` says how many went.
   */
  function tokenRevoke(route: Route, params: Record<string, unknown>): AuthleteAnswer {
    const parsed = tokenRevokeSchema.safeParse(params);
    if (!parsed.success) return badRequest(route, parsed.error);
    const { accessTokenIdentifier, refreshTokenIdentifier, clientIdentifier, subject } =
      parsed.data;
    let ids: number[];
    if (accessTokenIdentifier !== undefined) {
      ids = records.revocable({ accessTokenHash: accessTokenIdentifier });
    } else if (refreshTokenIdentifier !== undefined) {
      ids = records.revocable({ refreshTokenHash: refreshTokenIdentifier });
    } else if (clientIdentifier !== undefined) {
      const clientId = knownClientId(clientIdentifier);
      if (clientId === null) return unknownClient(route, clientIdentifier);
      ids = records.revocable({ clientId, ...(subject !== undefined ? { subject } : {}) });
    } else if (subject !== undefined) {
      ids = records.revocable({ subject });
    } else {
      return result(400, RESULT_CODES.badRequest, route.apiPath, 'No token was identified.');
    }
    const revoked = ids.slice(0, MAX_REVOKED_PER_CALL);
    const remove = context.db.prepare('DELETE FROM access_tokens WHERE id = ?');
    context.db.transaction(() => revoked.forEach((id) => remove.run(id)))();
    return {
      status: 200,
      body: {
        ...(result(
          200,
          RESULT_CODES.tokenRevoked,
          route.apiPath,
          `Revoked ${revoked.length} access token(s).`,
        ).body as object),
        count: revoked.length,
      },
    };
  }

  function tokenAction(
    status: number,
    action: string,
    code: string,
    route: Route,
    text: string,
  ): AuthleteAnswer {
    return {
      status,
      body: { ...(result(status, code, route.apiPath, text).body as object), action },
    };
  }

  /**
   * `/client/granted_scopes/delete` (docs/authlete.md#granted-scopes): this server keeps no
   * consent record apart from the tokens, so there is nothing to remove; it checks the request as
   * Authlete would (a known client, a subject) and answers success, which the adapter reads as
   * "the service no longer remembers it". The subject may come from the query (v3), a body (v2)
   * or the path.
   */
  function grantedScopesDelete(route: Route, params: Record<string, unknown>): AuthleteAnswer {
    const clientId = knownClientId(route.params.clientId);
    if (clientId === null) return unknownClient(route, route.params.clientId ?? '');
    const parsed = deleteSchema.safeParse(params);
    if (!parsed.success) return badRequest(route, parsed.error);
    return result(
      200,
      RESULT_CODES.grantedScopesDeleted,
      route.apiPath,
      `Deleted the granted scopes of the subject for the client (ID = ${clientId}).`,
    );
  }

  function tokenList(route: Route, params: Record<string, unknown>): AuthleteAnswer {
    const parsed = tokenListSchema.safeParse(params);
    if (!parsed.success) return badRequest(route, parsed.error);
    const { clientIdentifier, subject, start, end } = parsed.data;
    let clientId: bigint | null = null;
    if (clientIdentifier !== undefined) {
      clientId = knownClientId(clientIdentifier);
      if (clientId === null) return unknownClient(route, clientIdentifier);
    }
    const page = records.tokenPage({
      subject: subject ?? null,
      clientId,
      start,
      end,
      withRefreshTokenScopes: version === 'V3',
    });
    const client =
      clientId === null
        ? undefined
        : version === 'V2'
          ? records.fullClient(clientId)
          : records.limitedClient(clientId);
    return {
      status: 200,
      body: {
        start,
        end,
        totalCount: page.totalCount,
        client,
        subject,
        accessTokens: page.accessTokens,
      },
    };
  }

  function clientGet(route: Route): AuthleteAnswer {
    const clientId = knownClientId(route.params.clientId);
    if (clientId === null) return unknownClient(route, route.params.clientId ?? '');
    return { status: 200, body: records.fullClient(clientId) };
  }

  async function serviceGet(route: Route): Promise<AuthleteAnswer> {
    if (version === 'V2' && route.params.apiKey !== context.serviceApiKey) {
      return result(404, RESULT_CODES.unknownService, route.apiPath, 'The service does not exist.');
    }
    const catalogue = await store.scopeCatalogue();
    return {
      status: 200,
      body: {
        number: 1,
        serviceName: 'Connected Apps test service',
        apiKey: /^[0-9]+$/.test(context.serviceApiKey)
          ? BigInt(context.serviceApiKey)
          : context.serviceApiKey,
        // The v2 Service object carries the service's API secret; the adapter must drop it.
        apiSecret: version === 'V2' ? context.serviceApiSecret : undefined,
        issuer: context.issuer(),
        accessTokenSignAlg: context.accessTokenSignAlg ?? undefined,
        supportedScopes: context.limitedServiceView
          ? undefined
          : catalogue.map((scope) => ({
              name: scope.name,
              defaultEntry: false,
              description: scope.description.value ?? undefined,
              descriptions: scope.description.tagged,
              attributes: [],
            })),
      },
    };
  }

  async function serviceConfiguration(): Promise<AuthleteAnswer> {
    const catalogue = await store.scopeCatalogue();
    const issuer = context.issuer();
    return {
      status: 200,
      body: {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        response_types_supported: ['code'],
        scopes_supported: catalogue.map((scope) => scope.name),
      },
    };
  }

  return {
    /** Answers one routed, authenticated request. */
    async answer(route: Route, params: Record<string, unknown>): Promise<AuthleteAnswer> {
      switch (route.operation) {
        case 'authorization.list':
          return list(route, params);
        case 'authorization.update':
          return update(route, params);
        case 'authorization.delete':
          return remove(route, params);
        case 'token.list':
          return tokenList(route, params);
        case 'granted_scopes.delete':
          return grantedScopesDelete(route, params);
        case 'token.update':
          return tokenUpdate(route, params);
        case 'token.revoke':
          return tokenRevoke(route, params);
        case 'client.get':
          return clientGet(route);
        case 'service.get':
          return serviceGet(route);
        case 'service.configuration':
          return serviceConfiguration();
      }
    },
  };
}
