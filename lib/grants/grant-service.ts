/**
 * The data layer's rules, for one signed-in subject over one GrantStore:
 * ownership (only apps this subject has authorized), narrowing only (an update
 * may remove scopes, never add them), no empty updates (that is a revoke), and
 * idempotent revocation. Returns DTOs only.
 */
import type { AuthorizedApp, GrantStore } from './grant-store';
import { toAppSummary, unionOfScopes } from './dto';
import { GrantError } from './errors';
import type { AppPage, AppSummary, RevokeOutcome } from './types';
import { pageCount, pageRange, type ListParams } from '../pagination';

export type GrantServiceContext = {
  store: GrantStore;
  /** from the server-side session, never from a request */
  subject: string;
  locale: string;
  now?: () => number;
};

export type GrantService = ReturnType<typeof createGrantService>;

export function createGrantService({
  store,
  subject,
  locale,
  now = Date.now,
}: GrantServiceContext) {
  async function summarize(apps: readonly AuthorizedApp[]): Promise<AppSummary[]> {
    if (apps.length === 0) return [];
    const catalogue = await store.scopeCatalogue();
    const at = now();
    return apps.map((app) => toAppSummary(app, catalogue, locale, at));
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

  return {
    getApp,

    /** One page of the subject's apps; a page past the end is answered with the last page. */
    async listApps({ page, size }: ListParams): Promise<AppPage> {
      let shownPage = page;
      let result = await store.listAuthorizedApps(subject, pageRange(page, size));
      const lastPage = pageCount(result.totalCount, size);
      if (result.apps.length === 0 && page > lastPage) {
        shownPage = lastPage;
        result = await store.listAuthorizedApps(subject, pageRange(lastPage, size));
      }
      return {
        apps: await summarize(result.apps),
        page: shownPage,
        size,
        totalCount: result.totalCount,
        pageCount: pageCount(result.totalCount, size),
      };
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
  };
}
