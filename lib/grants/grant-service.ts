/**
 * The data layer's rules, for one signed-in subject over one GrantStore:
 * ownership (only apps this subject has authorized), narrowing only (an update
 * may remove scopes, never add them), no empty updates (that is a revoke),
 * idempotent revocation, and a recent sign-in for revoking in bulk. Returns
 * DTOs only.
 */
import { BULK_REVOKE_LIMIT, REVOKE_ALL_LIMIT } from './bulk-limits';
import type { AuthorizedApp, GrantStore, ScopeDefinition } from './grant-store';
import { toAppSummary, unionOfScopes, type ScopeDescriptionOverrides } from './dto';
import { GrantError } from './errors';
import { applyListView } from './list-view';
import type { AppPage, AppSummary, BulkRevokeItem, BulkRevokeResult, RevokeOutcome } from './types';
import { needsWholeList, pageCount, pageRange, type ListParams } from '../list-params';
import { log } from '../log';

export type GrantServiceContext = {
  store: GrantStore;
  /** from the server-side session, never from a request */
  subject: string;
  locale: string;
  /** ms since epoch of this session's sign-in */
  signedInAt?: number;
  /** how recent that sign-in must be for bulk revocation */
  recentSignInMs?: number;
  scopeOverrides?: ScopeDescriptionOverrides;
  /** the operator's "what stops working" texts (`whenRemoved`), scope → language → text */
  scopeRemovalTexts?: ScopeDescriptionOverrides;
  now?: () => number;
};

/** Search, sort and filters read the whole list; beyond this many apps they stop (and say so in the log). */
export const WHOLE_LIST_LIMIT = 1000;
const WHOLE_LIST_CHUNK = 100;

export type GrantService = ReturnType<typeof createGrantService>;

export function createGrantService({
  store,
  subject,
  locale,
  signedInAt = 0,
  recentSignInMs = 600_000,
  scopeOverrides = {},
  scopeRemovalTexts = {},
  now = Date.now,
}: GrantServiceContext) {
  let catalogue: Promise<readonly ScopeDefinition[]> | undefined;

  async function summarize(apps: readonly AuthorizedApp[]): Promise<AppSummary[]> {
    if (apps.length === 0) return [];
    catalogue ??= store.scopeCatalogue();
    const wording = {
      catalogue: await catalogue,
      overrides: scopeOverrides,
      removalTexts: scopeRemovalTexts,
    };
    const at = now();
    return apps.map((app) => toAppSummary(app, wording, locale, at));
  }

  async function requireAuthorizedApp(clientId: string) {
    const app = await store.getAuthorizedApp(subject, clientId);
    if (!app)
      throw new GrantError('app_not_found', `subject holds no token for client ${clientId}`);
    return app;
  }

  /** One app the subject has authorized; app_not_found otherwise, whoever else may hold it. */
  async function getApp(clientId: string): Promise<AppSummary> {
    const [summary] = await summarize([await requireAuthorizedApp(clientId)]);
    return summary!;
  }

  /** The backend's own developer filter, when the view names a publisher ('' names none). */
  function publisher(developer: string): { developer?: string } {
    return developer ? { developer } : {};
  }

  /** Every app of the subject (of one publisher, if named), in the backend's order, up to WHOLE_LIST_LIMIT. */
  async function wholeList(developer: string): Promise<AppSummary[]> {
    const apps = new Map<string, AuthorizedApp>();
    let total = 0;
    // The next chunk starts after the apps that came back, not after the ones
    // asked for: a backend may return fewer than asked (Authlete documents no
    // page size), and a fixed step would skip the difference. An empty chunk
    // ends the walk, so a backend whose totalCount overstates cannot loop it.
    for (let start = 0; start < WHOLE_LIST_LIMIT;) {
      const chunk = await store.listAuthorizedApps(subject, {
        start,
        end: Math.min(start + WHOLE_LIST_CHUNK, WHOLE_LIST_LIMIT),
        ...publisher(developer),
      });
      total = chunk.totalCount;
      // Keyed by client: should the list shift between chunks, an app is read twice, never shown twice.
      for (const app of chunk.apps) apps.set(app.clientId, app);
      start += chunk.apps.length;
      if (chunk.apps.length === 0 || start >= total) break;
    }
    if (total > apps.size) log.warn('grants.whole_list_truncated', { total, read: apps.size });
    return summarize([...apps.values()]);
  }

  /** One backend page; a page past the end is answered with the last page. */
  async function backendPage({ page, size, developer }: ListParams): Promise<AppPage> {
    const range = (n: number) => ({ ...pageRange(n, size), ...publisher(developer) });
    let shownPage = page;
    let result = await store.listAuthorizedApps(subject, range(page));
    const lastPage = pageCount(result.totalCount, size);
    if (result.apps.length === 0 && page > lastPage) {
      shownPage = lastPage;
      result = await store.listAuthorizedApps(subject, range(lastPage));
    }
    return {
      apps: await summarize(result.apps),
      page: shownPage,
      size,
      totalCount: result.totalCount,
      pageCount: pageCount(result.totalCount, size),
    };
  }

  async function viewPage(params: ListParams): Promise<AppPage> {
    const matching = applyListView(await wholeList(params.developer), params, locale, now());
    const pages = pageCount(matching.length, params.size);
    const page = Math.min(params.page, pages);
    const { start, end } = pageRange(page, params.size);
    return {
      apps: matching.slice(start, end),
      page,
      size: params.size,
      totalCount: matching.length,
      pageCount: pages,
    };
  }

  function requireRecentSignIn() {
    if (now() - signedInAt > recentSignInMs) {
      throw new GrantError('reauth_required', 'bulk revocation needs a recent sign-in');
    }
  }

  /** Revokes one app for the bulk paths; a failure is reported, not thrown, so the rest go on. */
  async function revokeOne(clientId: string): Promise<BulkRevokeItem> {
    let name: string | null = null;
    try {
      const app = await store.getAuthorizedApp(subject, clientId);
      if (!app) return { clientId, name, outcome: 'already_revoked' };
      name = (await summarize([app]))[0]!.name;
      const { deletedTokenCount } = await store.deleteAuthorization(subject, clientId);
      return { clientId, name, outcome: deletedTokenCount === 0 ? 'already_revoked' : 'revoked' };
    } catch (error) {
      log.error('grants.bulk_revoke_item_failed', { clientId, error });
      return { clientId, name, outcome: 'failed' };
    }
  }

  async function revokeEach(clientIds: readonly string[]): Promise<BulkRevokeItem[]> {
    const items: BulkRevokeItem[] = [];
    // One at a time: a bulk revocation should not hammer the backend, and the order of the report is stable.
    for (const clientId of new Set(clientIds)) items.push(await revokeOne(clientId));
    return items;
  }

  return {
    /** whose apps these are (for audit lines); fixed when the service was made */
    subject,

    getApp,

    /** A page of the subject's apps, searched, sorted and filtered as `params` asks. */
    listApps(params: ListParams): Promise<AppPage> {
      return needsWholeList(params) ? viewPage(params) : backendPage(params);
    },

    /**
     * Narrows what an app may do to `scopes`, which must be a non-empty subset
     * of what it holds now. Refused requests change nothing.
     */
    async updateScopes(clientId: string, scopes: readonly string[]): Promise<AppSummary> {
      const wanted = [...new Set(scopes)];
      if (wanted.length === 0) throw new GrantError('empty_scopes');
      const app = await requireAuthorizedApp(clientId);
      const granted = new Set(unionOfScopes(app));
      const widened = wanted.filter((scope) => !granted.has(scope));
      if (widened.length > 0) {
        throw new GrantError(
          'scope_not_granted',
          `not granted to client ${clientId}: ${widened.join(' ')}`,
        );
      }
      await store.replaceScopes(subject, clientId, wanted);
      return getApp(clientId);
    },

    /** Removes the app's access; an app that no longer has access counts as already revoked. */
    async revokeApp(clientId: string): Promise<RevokeOutcome> {
      const app = await store.getAuthorizedApp(subject, clientId);
      if (!app) return { alreadyRevoked: true };
      const { deletedTokenCount } = await store.deleteAuthorization(subject, clientId);
      return { alreadyRevoked: deletedTokenCount === 0 };
    },

    /** Removes several apps' access at once; needs a recent sign-in. Reports each app's outcome. */
    async revokeApps(clientIds: readonly string[]): Promise<BulkRevokeResult> {
      requireRecentSignIn();
      if (clientIds.length === 0 || clientIds.length > BULK_REVOKE_LIMIT)
        throw new GrantError('invalid_input');
      return { items: await revokeEach(clientIds), remainingCount: 0 };
    },

    /**
     * Removes the access of the first REVOKE_ALL_LIMIT apps in the backend's order; needs a
     * recent sign-in. Reports each app's outcome, and how many apps this run did not reach:
     * they still have access, and running it again removes the next ones.
     */
    async revokeAllApps(): Promise<BulkRevokeResult> {
      requireRecentSignIn();
      // One read of at most the cap, not the whole list: however many apps the person has, one
      // request's work stays bounded, and the backend's total says how many are left over.
      const { apps, totalCount } = await store.listAuthorizedApps(subject, {
        start: 0,
        end: REVOKE_ALL_LIMIT,
      });
      const items = await revokeEach(apps.map((app) => app.clientId));
      return { items, remainingCount: Math.max(0, totalCount - apps.length) };
    },
  };
}
