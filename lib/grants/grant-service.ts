/**
 * The data layer's rules, for one signed-in subject over one GrantStore:
 * ownership (only apps this subject has authorized), narrowing only (an update
 * may remove scopes, never add them), no empty updates (that is a revoke),
 * idempotent revocation, and a recent sign-in for revoking in bulk. Returns
 * DTOs only.
 */
import { unrecordedChanges } from '../changes/recorder';
import type { AppResult, ChangeRecorder, PlannedApp } from '../changes/types';
import { BULK_REVOKE_LIMIT, REVOKE_ALL_LIMIT } from './bulk-limits';
import type {
  AuthorizedApp,
  GrantStore,
  GrantToken,
  ListRange,
  NamedApp,
  ScopeDefinition,
  TokenUpdateOutcome,
} from './grant-store';
import { describeScope, toAppSummary, type ScopeDescriptionOverrides } from './dto';
import { canNoLongerAct, cleanUpCandidates } from './cleanup';
import { DEFAULT_FIRST_PARTY_ATTRIBUTE, isFirstParty } from './first-party';
import {
  DEFAULT_LABEL_PROPERTY,
  grantLabel,
  toGrantSummary,
  type AppGrants,
} from './grant-records';
import type { GrantIdOf, IdentifiedGrant } from './per-grant-store';
import { accessHeldUntil, selfContainedAccessField } from './self-contained-access';
import { canRenew, renews, scopesInPlay } from './live-tokens';
import {
  inPlayTest,
  narrowedScopes,
  narrowingWay,
  scopesRenewalKeeps,
  widerThan,
} from './narrowing';
import { OFFLINE_ACCESS, byConsequence } from './scope-kind';
import { GrantError } from './errors';
import { applyListView, nameCollator, nameMatcher, viewNeedsTokens } from './list-view';
import { pickLocalized } from './localize';
import type {
  AppPage,
  AppScope,
  AppSummary,
  BulkRevokeItem,
  BulkRevokeResult,
  ExpiredAppsCount,
  EndGrantResult,
  EndRenewingGrantsResult,
  GrantNarrowing,
  NarrowGrantResult,
  NarrowingResult,
  StopGrantRenewingResult,
  RevokeOutcome,
  StopRenewingResult,
} from './types';
import { needsWholeList, pageCount, pageRange, type ListParams } from '../list-params';
import { log } from '../log';

export type GrantServiceContext = {
  store: GrantStore;
  /** from the server-side session, never from a request */
  subject: string;
  locale: string;
  /** whether this session's sign-in is recent enough for bulk revocation (lib/session-rules.ts) */
  signedInRecently?: () => boolean;
  scopeOverrides?: ScopeDescriptionOverrides;
  /** where every change is recorded (history, events, audit): lib/changes */
  changes?: ChangeRecorder;
  /** the operator's "what stops working" texts (`whenRemoved`), scope → language → text */
  scopeRemovalTexts?: ScopeDescriptionOverrides;
  /** per-grant reads and writes: the grant ids and the words for a grant (grant-records.ts) */
  grants?: GrantWording;
  now?: () => number;
  /** the client attribute that marks first-party apps (FIRST_PARTY_ATTRIBUTE): no bulk action touches them */
  firstPartyAttribute?: string;
};

export type GrantWording = {
  /** makes a grant's opaque id from the hash that keys it (grant-ids.ts) */
  idOf: GrantIdOf;
  /** the token property that names a device (TOKEN_LABEL_PROPERTY) */
  labelProperty: string;
  /** "A sign-in on <date>", in the person's language: the history's name for a grant without a label */
  signInLabel: (grantedAt: Date) => string;
};

/** Search, sort and filters read the whole list; beyond this many apps they stop (and say so in the log). */
export const WHOLE_LIST_LIMIT = 1000;

export type GrantService = ReturnType<typeof createGrantService>;

export function createGrantService({
  store,
  subject,
  locale,
  signedInRecently = () => false,
  scopeOverrides = {},
  changes = unrecordedChanges,
  scopeRemovalTexts = {},
  grants: grantWording,
  now = Date.now,
  firstPartyAttribute = DEFAULT_FIRST_PARTY_ATTRIBUTE,
}: GrantServiceContext) {
  const labelProperty = grantWording?.labelProperty ?? DEFAULT_LABEL_PROPERTY;
  let catalogue: Promise<readonly ScopeDefinition[]> | undefined;
  let selfContained: Promise<boolean> | undefined;

  /** A failed read claims nothing: the list still shows, and the confirmation says no more. */
  function accessTokensSelfContained(): Promise<boolean> {
    selfContained ??= (store.accessTokensSelfContained?.() ?? Promise.resolve(false)).catch(
      (error: unknown) => {
        log.warn('grants.token_format_unknown', { error });
        return false;
      },
    );
    return selfContained;
  }

  async function summarize(apps: readonly AuthorizedApp[]): Promise<AppSummary[]> {
    if (apps.length === 0) return [];
    catalogue ??= store.scopeCatalogue();
    const wording = {
      catalogue: await catalogue,
      overrides: scopeOverrides,
      removalTexts: scopeRemovalTexts,
    };
    const at = now();
    const { stopRenewal } = store.grantCapabilities;
    const jwt = await accessTokensSelfContained();
    return apps.map((app) => {
      const renewingGrantCount = app.tokens.filter((token) => renews(token, at)).length;
      return {
        ...toAppSummary(app, wording, locale, at, labelProperty),
        // What is true now, not what was once granted: holding offline_access without a live
        // refresh token (renewal stopped or run out) renews nothing (docs/design-notes.md).
        offlineAccess: renewingGrantCount > 0,
        firstParty: isFirstParty(app, firstPartyAttribute),
        canNoLongerAct: canNoLongerAct(app, at),
        canStopRenewal: stopRenewal,
        renewingGrantCount,
        ...heldUntilField(app, at),
        ...selfContainedAccessField(app, jwt, at),
      };
    });
  }

  /** How many of `apps` the clean-up would remove (lib/grants/cleanup.ts). */
  function expiredCount(apps: readonly AuthorizedApp[]): number {
    return cleanUpCandidates(apps, firstPartyAttribute, now()).length;
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

  /**
   * Every app of the subject (of one publisher, if named), in the backend's order, up to
   * WHOLE_LIST_LIMIT, read by `read` (with tokens, or names only). The store reads the range in
   * parallel chunks; should it still return fewer than asked (a backend may return fewer than
   * asked), the walk goes on after the apps that came back, not after the ones asked for. An empty
   * answer ends the walk, so a backend whose totalCount overstates cannot loop it.
   */
  async function walkWholeList<App extends { clientId: string }>(
    developer: string,
    read: (range: ListRange) => Promise<{ totalCount: number; apps: readonly App[] }>,
  ): Promise<{ apps: App[]; total: number }> {
    const apps = new Map<string, App>();
    let total = 0;
    for (let start = 0; start < WHOLE_LIST_LIMIT;) {
      const chunk = await read({ start, end: WHOLE_LIST_LIMIT, ...publisher(developer) });
      total = chunk.totalCount;
      // Keyed by client: should the list shift between reads, an app is read twice, never shown twice.
      for (const app of chunk.apps) apps.set(app.clientId, app);
      start += chunk.apps.length;
      if (chunk.apps.length === 0 || start >= total) break;
    }
    return { apps: [...apps.values()], total };
  }

  /** The whole list with every app's tokens: for filters and time sorts. */
  function wholeList(developer: string): Promise<{ apps: AuthorizedApp[]; total: number }> {
    return walkWholeList(developer, (range) => store.listAuthorizedApps(subject, range));
  }

  /** The whole list by names only (no tokens): for views that search or sort by name. */
  function wholeNameList(developer: string): Promise<{ apps: NamedApp[]; total: number }> {
    return walkWholeList(developer, (range) => store.listAppNames(subject, range));
  }

  /** How many apps the view could not read; logged, and told to the person with the page. */
  function unreadCount(total: number, read: number): number {
    const unread = Math.max(0, total - read);
    if (unread > 0) log.warn('grants.whole_list_truncated', { total, read });
    return unread;
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
    // The page holds the whole list: the clean-up count comes free (docs/design-notes.md#clean-up).
    const wholeListShown =
      !developer &&
      shownPage === 1 &&
      result.apps.length > 0 &&
      result.totalCount <= result.apps.length;
    return {
      apps: await summarize(result.apps),
      page: shownPage,
      size,
      totalCount: result.totalCount,
      pageCount: pageCount(result.totalCount, size),
      ...(wholeListShown ? { expiredCount: expiredCount(result.apps) } : {}),
    };
  }

  function pageOf<T>(matching: readonly T[], params: ListParams) {
    const pages = pageCount(matching.length, params.size);
    const page = Math.min(params.page, pages);
    const { start, end } = pageRange(page, params.size);
    return { shown: matching.slice(start, end), page, pages };
  }

  /** Filters and time sorts: every app's tokens are needed to decide what matches. */
  async function tokenViewPage(params: ListParams): Promise<AppPage> {
    const { apps, total } = await wholeList(params.developer);
    const matching = applyListView(await summarize(apps), params, locale, now());
    const { shown, page, pages } = pageOf(matching, params);
    return {
      apps: shown,
      page,
      size: params.size,
      totalCount: matching.length,
      pageCount: pages,
      unreadCount: unreadCount(total, apps.length),
      // Read for the view anyway: the clean-up count over the whole list comes free.
      ...(params.developer ? {} : { expiredCount: expiredCount(apps) }),
    };
  }

  /** A name search or a sort by name: names for the whole list, tokens for the page shown only. */
  async function nameViewPage(params: ListParams): Promise<AppPage> {
    const { apps, total } = await wholeNameList(params.developer);
    const matchesName = nameMatcher(params.q, locale);
    const named = apps
      .map((app) => ({
        clientId: app.clientId,
        name: pickLocalized(app.name, locale) ?? app.clientId,
      }))
      .filter((app) => matchesName(app.name));
    if (params.sort === 'name') {
      const collator = nameCollator(locale);
      named.sort((a, b) => collator.compare(a.name, b.name));
    }
    const { shown, page } = pageOf(named, params);
    const read = await store.getAuthorizedApps(
      subject,
      shown.map((app) => app.clientId),
    );
    // Revoked between the two reads: left out, and not counted either.
    const gone = shown.length - read.length;
    return {
      apps: await summarize(read),
      page,
      size: params.size,
      totalCount: named.length - gone,
      pageCount: pageCount(named.length - gone, params.size),
      unreadCount: unreadCount(total, apps.length),
    };
  }

  function viewPage(params: ListParams): Promise<AppPage> {
    return viewNeedsTokens(params) ? tokenViewPage(params) : nameViewPage(params);
  }

  function requireRecentSignIn() {
    if (!signedInRecently()) {
      throw new GrantError('reauth_required', 'bulk revocation needs a recent sign-in');
    }
  }

  /** The app's name as the person sees it, for the record of a change (no catalogue needed). */
  const planned = (app: AuthorizedApp): PlannedApp => ({
    clientId: app.clientId,
    name: pickLocalized(app.name, locale) ?? app.clientId,
  });

  /**
   * Revokes several apps as one recorded change. A failure is reported, not thrown, so the rest
   * go on. Each app is looked up first, so the record names the apps before any is removed.
   */
  async function revokeEach(
    operation: string,
    clientIds: readonly string[],
    keep: (app: AuthorizedApp) => KeptOutcome | null = keepFirstParty,
  ) {
    const found: AuthorizedApp[] = [];
    const items = new Map<string, BulkRevokeItem>();
    // One at a time: a bulk revocation should not hammer the backend, and the order of the report is stable.
    for (const clientId of new Set(clientIds)) {
      try {
        const app = await store.getAuthorizedApp(subject, clientId);
        // Decided on this fresh read, whatever the request named: a kept app is never removed.
        const kept = app ? keep(app) : null;
        if (app && !kept) found.push(app);
        items.set(clientId, {
          clientId,
          name: app ? planned(app).name : null,
          outcome: kept ?? 'already_revoked',
        });
      } catch (error) {
        log.error('grants.bulk_revoke_item_failed', { clientId, error });
        items.set(clientId, { clientId, name: null, outcome: 'failed' });
      }
    }
    if (found.length > 0) {
      await changes.record(
        { operation, kind: 'apps_removed', apps: found.map(planned) },
        async () => {
          const results: AppResult[] = [];
          for (const app of found) {
            const item = items.get(app.clientId)!;
            try {
              const { deletedTokenCount } = await store.deleteAuthorization(subject, app.clientId);
              item.outcome = deletedTokenCount === 0 ? 'already_revoked' : 'revoked';
              await forgetConsent(app.clientId);
            } catch (error) {
              log.error('grants.bulk_revoke_item_failed', { clientId: app.clientId, error });
              item.outcome = 'failed';
            }
            results.push({ clientId: app.clientId, outcome: appOutcome(item.outcome) });
          }
          return { value: undefined, results };
        },
      );
    }
    return [...items.values()];
  }

  /**
   * What one "remove all" takes: the first REVOKE_ALL_LIMIT apps in the backend's order that are
   * not first-party, read a cap's worth at a time. First-party apps on the way are passed over
   * (and kept), so however many of them head the list, the apps after them are reached. The
   * removals stay at the cap, and the reading stops at WHOLE_LIST_LIMIT apps, as any view's
   * does. `reached`: how many apps of the list were looked at, kept ones included; the rest,
   * `total` less those, were not.
   */
  async function appsForRemoveAll() {
    const removable: AuthorizedApp[] = [];
    const kept: AuthorizedApp[] = [];
    const seen = new Set<string>();
    let reached = 0;
    let total = 0;
    walk: while (reached < WHOLE_LIST_LIMIT) {
      const end = Math.min(reached + REVOKE_ALL_LIMIT, WHOLE_LIST_LIMIT);
      const chunk = await store.listAuthorizedApps(subject, { start: reached, end });
      total = chunk.totalCount;
      // An empty answer ends the walk, so a backend whose totalCount overstates cannot loop it.
      if (chunk.apps.length === 0) break;
      for (const app of chunk.apps) {
        reached += 1;
        // Should the list shift between reads, an app read twice is taken once.
        if (seen.has(app.clientId)) continue;
        seen.add(app.clientId);
        (keepFirstParty(app) ? kept : removable).push(app);
        if (removable.length === REVOKE_ALL_LIMIT) break walk;
      }
      if (reached >= total) break;
    }
    return { removable, kept, reached, total };
  }

  /** Bulk removal's rule: a first-party app is kept. */
  function keepFirstParty(app: AuthorizedApp): KeptOutcome | null {
    return isFirstParty(app, firstPartyAttribute) ? 'first_party' : null;
  }

  /** The clean-up's rule: first-party apps are kept, and so is one that got a live grant meanwhile. */
  function keepUnlessExpired(app: AuthorizedApp): KeptOutcome | null {
    return keepFirstParty(app) ?? (canNoLongerAct(app, now()) ? null : 'still_usable');
  }

  /**
   * Writes a narrowing so that no token gains anything: one call when that gives every token
   * exactly `kept`, otherwise one update per token in play. Returns each per-token grant's outcome
   * (none when the one call did it all).
   */
  async function writeNarrowing(
    app: AuthorizedApp,
    kept: readonly string[],
    at: number,
  ): Promise<GrantNarrowing[]> {
    if (narrowingWay(app.tokens, kept) === 'one_call') {
      await store.replaceScopes(subject, app.clientId, kept);
      return [];
    }
    return narrowEach(app, new Set(kept), inPlayTest(app.tokens, at));
  }

  /**
   * One update per token of `app` that `counts`, to (its scopes ∩ kept). `app` is the store's
   * own read made just before in this request (GrantStore.updateEachToken): its tokens are the
   * ones written, by the identifiers the store read with them.
   */
  async function narrowEach(
    app: AuthorizedApp,
    kept: ReadonlySet<string>,
    counts: (token: GrantToken) => boolean,
  ): Promise<GrantNarrowing[]> {
    const outcomes = await store.updateEachToken(subject, app, (token) =>
      counts(token) ? narrowedScopes(token, kept) : null,
    );
    for (const { outcome } of outcomes) {
      if (outcome === 'failed')
        log.error('grants.grant_narrowing_failed', { clientId: app.clientId });
    }
    return outcomes.map(({ token, outcome }) => ({
      grantedAt: new Date(token.createdAt).toISOString(),
      outcome: outcome === 'updated' ? 'narrowed' : outcome,
    }));
  }

  /** The app as the backend holds it after a narrowing. */
  async function readNarrowed(clientId: string): Promise<AuthorizedApp> {
    const after = await store.getAuthorizedApp(subject, clientId);
    if (!after) throw new GrantError('app_not_found', `client ${clientId} gone after narrowing`);
    return after;
  }

  /**
   * Forgets the consent the service remembers for the app, once its tokens are gone. A best
   * effort: a failure is logged and never fails the removal, which has already happened.
   */
  async function forgetConsent(clientId: string): Promise<Pick<RevokeOutcome, 'consentForgotten'>> {
    try {
      const { forgotten } = await store.forgetConsent(subject, clientId);
      return forgotten ? { consentForgotten: true } : {};
    } catch (error) {
      log.warn('grants.consent_forget_failed', { clientId, error });
      return {};
    }
  }

  /** Scopes in the person's words, most consequential first. */
  async function describeScopes(names: readonly string[]): Promise<AppScope[]> {
    if (names.length === 0) return [];
    catalogue ??= store.scopeCatalogue();
    const wording = { catalogue: await catalogue, overrides: scopeOverrides };
    return byConsequence(names.map((name) => describeScope(name, wording, locale)));
  }

  /** A grant's name as the page shows it and the history records it. */
  function grantName(token: GrantToken): string {
    const { signInLabel } = requireGrantWording();
    return grantLabel(token, labelProperty) ?? signInLabel(new Date(token.createdAt));
  }

  /**
   * The app and the one grant of it named by `grantId`, from one read of this subject's tokens for
   * it (grantsOfRead); grant_not_found when none of them has that id (made up, another person's,
   * or already ended), whoever else holds the app.
   */
  async function lookUpGrant(
    clientId: string,
    grantId: string,
  ): Promise<{ app: AuthorizedApp; grant: IdentifiedGrant }> {
    const { idOf } = requireGrantWording();
    const app = await store.getAuthorizedApp(subject, clientId);
    const grant =
      app &&
      store.grantsOfRead(subject, app, idOf).find((candidate) => candidate.grantId === grantId);
    if (!app || !grant)
      throw new GrantError('grant_not_found', `no such grant of client ${clientId}`);
    return { app, grant };
  }

  /**
   * Ends one grant of the store's read of `app` for this subject (grantsOfRead), by the token the
   * store handed out in it, recorded as one grant_removed change.
   */
  async function endOne(
    operation: string,
    app: AuthorizedApp,
    grant: IdentifiedGrant,
  ): Promise<boolean> {
    const { clientId } = app;
    return changes.record(
      {
        operation,
        kind: 'grant_removed',
        apps: [planned(app)],
        grant: { label: grantName(grant.token), id: grant.grantId },
      },
      async () => {
        const { ended } = await store.endGrant(subject, clientId, grant.token);
        return { value: ended, results: [{ clientId, outcome: ended ? 'done' : 'already_done' }] };
      },
    );
  }

  /**
   * The app and its grants from one read of the subject's tokens for it: the grants are those of
   * the store's own lookup (GrantStore.grantsOfRead), not of a second read. Null when the subject
   * holds no token for it, whoever else may.
   */
  async function appWithGrants(
    clientId: string,
  ): Promise<{ app: AppSummary; grants: AppGrants } | null> {
    const read = await store.getAuthorizedApp(subject, clientId);
    return read && appWithGrantsOf(read);
  }

  /** The app and the grants of one read the store made for this subject (grantsOfRead). */
  async function appWithGrantsOf(
    read: AuthorizedApp,
  ): Promise<{ app: AppSummary; grants: AppGrants }> {
    const { idOf } = requireGrantWording();
    const [[summary], grants] = await Promise.all([
      summarize([read]),
      describeGrants(store.grantsOfRead(subject, read, idOf)),
    ]);
    return { app: summary!, grants };
  }

  /** The app and its grants after a change to its grants; the app is null when none is left. */
  async function readBack(
    clientId: string,
  ): Promise<{ app: AppSummary | null; grants: AppGrants }> {
    return readBackOf(await store.getAuthorizedApp(subject, clientId));
  }

  /** readBack, from a read the caller has made (and may still look into). */
  async function readBackOf(
    read: AuthorizedApp | null,
  ): Promise<{ app: AppSummary | null; grants: AppGrants }> {
    return read
      ? appWithGrantsOf(read)
      : { app: null, grants: { grants: [], ...perGrantOffers() } };
  }

  function requireGrantWording(): GrantWording {
    if (!grantWording) throw new GrantError('unexpected', 'no grant ids configured');
    return grantWording;
  }

  /** What the page may offer for each grant on this backend. */
  function perGrantOffers(): Omit<AppGrants, 'grants'> {
    const { end, narrow, stopRenewal } = store.grantCapabilities;
    return { canEnd: end, canNarrow: narrow, canStopRenewal: stopRenewal };
  }

  /** The app's grants, newest first, as the page shows them. */
  async function grantsOf(clientId: string): Promise<AppGrants> {
    const { idOf } = requireGrantWording();
    return describeGrants(await store.readGrants(subject, clientId, idOf));
  }

  /** Grants the store read, in the person's words, newest first. */
  async function describeGrants(read: readonly IdentifiedGrant[]): Promise<AppGrants> {
    const at = now();
    const grants = await Promise.all(
      read.map(async (grant) =>
        toGrantSummary(grant, await describeScopes(grant.token.scopes), labelProperty, at),
      ),
    );
    grants.sort((a, b) => b.grantedAt.localeCompare(a.grantedAt));
    return { grants, ...perGrantOffers() };
  }

  return {
    /** whose apps these are (for audit lines); fixed when the service was made */
    subject,

    getApp,

    /**
     * What the detail page shows first: the app and its grants, from one read of the subject's
     * tokens for it (docs/design-notes.md#a-save-reads-the-tokens-once); app_not_found when the
     * subject holds none, whoever else may, as getApp and getGrants answer.
     */
    async getAppWithGrants(clientId: string): Promise<{ app: AppSummary; grants: AppGrants }> {
      const found = await appWithGrants(clientId);
      if (!found)
        throw new GrantError('app_not_found', `subject holds no token for client ${clientId}`);
      return found;
    },

    /** Throws `reauth_required` unless the sign-in is recent; the action gate asks before it counts a write. */
    requireRecentSignIn,

    /** A page of the subject's apps, searched, sorted and filtered as `params` asks. */
    listApps(params: ListParams): Promise<AppPage> {
      return needsWholeList(params) ? viewPage(params) : backendPage(params);
    },

    /**
     * Narrows what an app may do to `scopes`, which must be a non-empty subset of what it can do
     * now (its tokens in play: lib/grants/live-tokens.ts). Every token in play ends up holding
     * exactly (its own scopes ∩ `scopes`), never more (lib/grants/narrowing.ts); each grant that
     * had to be written on its own is reported. Refused requests change nothing. The tokens are
     * read again afterwards, and a removed scope that a grant's renewal still carries is reported.
     */
    async updateScopes(clientId: string, scopes: readonly string[]): Promise<NarrowingResult> {
      const wanted = [...new Set(scopes)];
      if (wanted.length === 0) throw new GrantError('empty_scopes');
      const app = await requireAuthorizedApp(clientId);
      const at = now();
      const granted = new Set(scopesInPlay(app, at));
      const widened = wanted.filter((scope) => !granted.has(scope));
      if (widened.length > 0) {
        throw new GrantError(
          'scope_not_granted',
          `not granted to client ${clientId}: ${widened.join(' ')}`,
        );
      }
      const removed = [...granted].filter((scope) => !wanted.includes(scope));
      // Unticking "can act while you're away" means the app can no longer renew: where the
      // backend cannot stop a grant renewing (v2), the page must not say it did, so it is refused
      // before anything is written (the review said so: components/apps/scope-form.tsx).
      const stopsRenewal = removed.includes(OFFLINE_ACCESS) && canRenew(app, at);
      if (stopsRenewal && !store.grantCapabilities.stopRenewal)
        throw new GrantError(
          'renewal_not_stoppable',
          `backend cannot stop client ${clientId} renewing`,
        );
      const plan = {
        operation: 'updateScopes',
        kind: 'scopes_narrowed',
        apps: [{ ...planned(app), scopesKept: wanted, scopesRemoved: removed }],
      } as const;
      const narrowing = (write: () => Promise<GrantNarrowing[]>) =>
        changes.record(plan, async () => {
          const outcomes = await write();
          const failed = outcomes.some((grant) => grant.outcome === 'failed');
          return { value: outcomes, results: [{ clientId, outcome: failed ? 'failed' : 'done' }] };
        });
      const grants = await narrowing(async () => {
        const outcomes = await writeNarrowing(app, wanted, at);
        if (stopsRenewal) await store.stopRenewal(subject, clientId, now());
        return outcomes;
      });
      let after = await readNarrowed(clientId);
      // Why the read-back is also a check: the per-token write names the tokens of the lookup
      // (one read, not two: docs/design-notes.md#a-save-reads-the-tokens-once), so a token issued
      // after it (a new sign-in, or a renewal that replaced a token the write then found gone)
      // still holds what was removed. The person asked for the app to hold no more than `wanted`:
      // such a token is narrowed too, from this fresh read, once, as its own recorded write. A
      // token that failed is already reported, and is not written again.
      const wider = widerThan(after, new Set(wanted), now());
      if (!grants.some((grant) => grant.outcome === 'failed') && after.tokens.some(wider)) {
        log.warn('grants.narrowing_overtaken', { clientId });
        grants.push(...(await narrowing(() => narrowEach(after, new Set(wanted), wider))));
        after = await readNarrowed(clientId);
      }
      const [summary] = await summarize([after]);
      const keeps = new Set(scopesRenewalKeeps(after.tokens, removed, now()));
      if (keeps.size > 0)
        log.warn('grants.renewal_keeps_removed_scopes', { clientId, scopes: [...keeps] });
      return {
        app: summary!,
        grants,
        renewalKeeps: await describeScopes([...keeps]),
      };
    },

    /**
     * Removes the app's access; an app that no longer has access counts as already revoked. Then,
     * as a best effort and in either case, forgets the consent the service remembers for it.
     */
    async revokeApp(clientId: string): Promise<RevokeOutcome> {
      const app = await store.getAuthorizedApp(subject, clientId);
      if (!app) return { alreadyRevoked: true, ...(await forgetConsent(clientId)) };
      const alreadyRevoked = await changes.record(
        { operation: 'revokeApp', kind: 'app_removed', apps: [planned(app)] },
        async () => {
          const { deletedTokenCount } = await store.deleteAuthorization(subject, clientId);
          const alreadyRevoked = deletedTokenCount === 0;
          return {
            value: alreadyRevoked,
            results: [{ clientId, outcome: alreadyRevoked ? 'already_done' : 'done' }],
          };
        },
      );
      return { alreadyRevoked, ...(await forgetConsent(clientId)) };
    },

    /** Every grant the person holds for the app; app_not_found when there is none. */
    async getGrants(clientId: string): Promise<AppGrants> {
      const found = await grantsOf(clientId);
      if (found.grants.length === 0)
        throw new GrantError('app_not_found', `subject holds no token for client ${clientId}`);
      return found;
    },

    /**
     * Ends one grant of the app: its access token and its refresh token. The grant is found in a
     * fresh read of this person's own tokens for the app; an id that matches none of them (made
     * up, another person's, or already ended) changes nothing and answers grant_not_found. The
     * app and its grants are read back afterwards; the app is null when that was its last grant.
     */
    async endGrant(clientId: string, grantId: string): Promise<EndGrantResult> {
      if (!store.grantCapabilities.end)
        throw new GrantError('unexpected', 'backend cannot end a grant');
      // The grants of the lookup's own read: fresh, this person's, and no second token read.
      const { app, grant } = await lookUpGrant(clientId, grantId);
      const ended = await endOne('endGrant', app, grant);
      return { alreadyEnded: !ended, ...(await readBack(clientId)) };
    },

    /**
     * Narrows one grant of the app to `scopes`, a non-empty subset of what that grant holds; the
     * app's other grants keep what they hold. The grant is found among the lookup's own tokens,
     * as endGrant finds one: an id that matches none changes nothing and answers
     * grant_not_found. Taking offline_access from a grant that can still renew is refused
     * (renewal_not_stoppable): a token's scopes do not stop its refresh token; stopping that grant
     * renewing first (stopGrantRenewing, where the backend can) or ending it does. With nothing
     * removed nothing is written or recorded. The app and its grants are read back, and a removed
     * permission that the grant's renewal still carries is reported (docs/design-notes.md,
     * "Narrowing one grant").
     */
    async narrowGrant(
      clientId: string,
      grantId: string,
      scopes: readonly string[],
    ): Promise<NarrowGrantResult> {
      const { idOf } = requireGrantWording();
      if (!store.grantCapabilities.narrow)
        throw new GrantError('unexpected', 'backend cannot narrow a grant');
      const wanted = new Set(scopes);
      if (wanted.size === 0) throw new GrantError('empty_scopes');
      const { app, grant } = await lookUpGrant(clientId, grantId);
      const held = grant.token.scopes;
      const widened = [...wanted].filter((scope) => !held.includes(scope));
      if (widened.length > 0)
        throw new GrantError(
          'scope_not_granted',
          `not granted to this grant of client ${clientId}: ${widened.join(' ')}`,
        );
      const kept = held.filter((scope) => wanted.has(scope));
      const removed = held.filter((scope) => !wanted.has(scope));
      if (removed.includes(OFFLINE_ACCESS) && renews(grant.token, now()))
        throw new GrantError(
          'renewal_not_stoppable',
          `a grant of client ${clientId} that renews keeps offline_access until it stops renewing`,
        );
      let outcome: TokenUpdateOutcome['outcome'] = 'updated';
      if (removed.length > 0) {
        outcome = await changes.record(
          {
            operation: 'narrowGrant',
            kind: 'grant_narrowed',
            apps: [{ ...planned(app), scopesKept: kept, scopesRemoved: removed }],
            grant: { label: grantName(grant.token), id: grant.grantId },
          },
          async () => {
            // This token alone, by the hash the lookup read with it (token-handles.ts).
            const [written] = await store.updateEachToken(subject, app, (token) =>
              token === grant.token ? kept : null,
            );
            const result = written?.outcome ?? 'failed';
            return {
              value: result,
              results: [{ clientId, outcome: RESULT_OF_UPDATE[result] }],
            };
          },
        );
        if (outcome === 'failed') {
          log.error('grants.grant_narrowing_failed', { clientId });
          throw new GrantError('unexpected', `narrowing one grant of client ${clientId} failed`);
        }
      }
      const after = await store.getAuthorizedApp(subject, clientId);
      const narrowed =
        after &&
        store.grantsOfRead(subject, after, idOf).find((candidate) => candidate.grantId === grantId);
      const keeps = narrowed ? scopesRenewalKeeps([narrowed.token], removed, now()) : [];
      if (keeps.length > 0)
        log.warn('grants.renewal_keeps_removed_scopes', { clientId, scopes: keeps });
      return {
        alreadyEnded: outcome === 'gone',
        ...(await readBackOf(after)),
        renewalKeeps: await describeScopes(keeps),
      };
    },

    /**
     * Stops one grant of the app renewing, where the backend can (embedded, Authlete v3): its
     * refresh token expires now, the access it holds lasts until it ends, and the app's other
     * grants are left as they are. Found among the lookup's own tokens, as endGrant finds one
     * (grant_not_found otherwise); one that can no longer renew writes and records nothing. The
     * app and its grants are read back, so the badge and each grant's "renews until" follow.
     */
    async stopGrantRenewing(clientId: string, grantId: string): Promise<StopGrantRenewingResult> {
      if (!store.grantCapabilities.stopRenewal)
        throw new GrantError(
          'renewal_not_stoppable',
          `backend cannot stop a grant of client ${clientId} renewing`,
        );
      const { app, grant } = await lookUpGrant(clientId, grantId);
      const stopped =
        renews(grant.token, now()) &&
        (await changes.record(
          {
            operation: 'stopGrantRenewing',
            kind: 'renewal_stopped',
            apps: [planned(app)],
            grant: { label: grantName(grant.token), id: grant.grantId },
          },
          async () => {
            const { stopped } = await store.stopGrantRenewal(subject, clientId, grant.token, now());
            return {
              value: stopped,
              results: [{ clientId, outcome: stopped ? 'done' : 'already_done' }],
            };
          },
        ));
      return { stopped, ...(await readBack(clientId)) };
    },

    /**
     * Where the backend cannot stop a grant renewing (Authlete v2), the way to leave the app
     * unable to renew: ends each of the person's grants of the app whose refresh token is live,
     * found in a fresh read of this person's own tokens (never ids from the browser), each one
     * through the change seam like endGrant. Grants that can only use the access they hold are
     * left alone; none that can renew ends nothing. The app and its grants are read back.
     */
    async endRenewingGrants(clientId: string): Promise<EndRenewingGrantsResult> {
      const { idOf } = requireGrantWording();
      if (!store.grantCapabilities.end)
        throw new GrantError('unexpected', 'backend cannot end a grant');
      const app = await requireAuthorizedApp(clientId);
      const at = now();
      const renewing = store
        .grantsOfRead(subject, app, idOf)
        .filter((grant) => renews(grant.token, at));
      let endedCount = 0;
      for (const grant of renewing)
        if (await endOne('endRenewingGrants', app, grant)) endedCount += 1;
      return { endedCount, ...(await readBack(clientId)) };
    },

    /**
     * Stops the app renewing its access, where the backend can (embedded, Authlete v3): for an
     * app that renews whatever its scopes say (a live refresh token without offline_access), the
     * same as unticking offline_access does. Every grant of this person's whose refresh token is
     * live expires now; the access already held lasts until it ends. The app is read for this
     * subject first (app_not_found otherwise, whoever else holds it); with nothing left to renew
     * nothing is written or recorded. The app and its grants are read back, so the badge follows.
     */
    async stopRenewing(clientId: string): Promise<StopRenewingResult> {
      if (!store.grantCapabilities.stopRenewal)
        throw new GrantError(
          'renewal_not_stoppable',
          `backend cannot stop client ${clientId} renewing`,
        );
      const app = await requireAuthorizedApp(clientId);
      const stoppedCount = canRenew(app, now())
        ? await changes.record(
            { operation: 'stopRenewing', kind: 'renewal_stopped', apps: [planned(app)] },
            async () => {
              const { stopped } = await store.stopRenewal(subject, clientId, now());
              return {
                value: stopped,
                results: [{ clientId, outcome: stopped > 0 ? 'done' : 'already_done' }],
              };
            },
          )
        : 0;
      return { stoppedCount, ...(await readBack(clientId)) };
    },

    /** Removes several apps' access at once; needs a recent sign-in. Reports each app's outcome. */
    async revokeApps(clientIds: readonly string[]): Promise<BulkRevokeResult> {
      requireRecentSignIn();
      if (clientIds.length === 0 || clientIds.length > BULK_REVOKE_LIMIT)
        throw new GrantError('invalid_input');
      return { items: await revokeEach('revokeApps', clientIds), remainingCount: 0 };
    },

    /**
     * How many apps can no longer act without asking the person again (lib/grants/cleanup.ts),
     * over the whole list. Read only when asked: it reads every app's tokens.
     */
    async countExpiredApps(): Promise<ExpiredAppsCount> {
      const { apps, total } = await wholeList('');
      return { count: expiredCount(apps), unreadCount: unreadCount(total, apps.length) };
    },

    /**
     * Removes, in one step, the apps that can no longer act (every grant expired, access and
     * renewal; never a first-party app): the first BULK_REVOKE_LIMIT of them in the backend's
     * order; needs a recent sign-in. The server picks them from its own read of the whole list and
     * checks each again just before removing it; reports each one, and how many such apps remain.
     */
    async cleanUpExpiredApps(): Promise<BulkRevokeResult> {
      requireRecentSignIn();
      const { apps } = await wholeList('');
      const candidates = cleanUpCandidates(apps, firstPartyAttribute, now());
      const items = await revokeEach(
        'cleanUpExpiredApps',
        candidates.slice(0, BULK_REVOKE_LIMIT).map((app) => app.clientId),
        keepUnlessExpired,
      );
      return { items, remainingCount: Math.max(0, candidates.length - BULK_REVOKE_LIMIT) };
    },

    /**
     * Removes the access of the first REVOKE_ALL_LIMIT apps in the backend's order that are not
     * first-party (those are passed over and reported as kept); needs a recent sign-in. Reports
     * each app's outcome, and how many apps this run did not reach: they still have access, and
     * running it again takes the next ones.
     */
    async revokeAllApps(): Promise<BulkRevokeResult> {
      requireRecentSignIn();
      const { removable, kept, reached, total } = await appsForRemoveAll();
      const items = await revokeEach(
        'revokeAllApps',
        removable.map((app) => app.clientId),
      );
      const keptItems = kept.map((app): BulkRevokeItem => ({
        ...planned(app),
        outcome: 'first_party',
      }));
      return { items: [...keptItems, ...items], remainingCount: Math.max(0, total - reached) };
    },
  };
}

/** Why a bulk removal left an app alone: it is first-party, or (clean-up) it can act again. */
type KeptOutcome = 'first_party' | 'still_usable';

/** A one-token write's outcome as the change seam records it for the app. */
const RESULT_OF_UPDATE: Record<TokenUpdateOutcome['outcome'], AppResult['outcome']> = {
  updated: 'done',
  gone: 'already_done',
  failed: 'failed',
};

/** The DTO field: until when the app's access lasts should it not renew (absent: none is valid). */
function heldUntilField(app: AuthorizedApp, at: number): { accessHeldUntil?: string } {
  const until = accessHeldUntil(app, at);
  return until ? { accessHeldUntil: until } : {};
}

function appOutcome(outcome: BulkRevokeItem['outcome']): AppResult['outcome'] {
  return outcome === 'revoked' ? 'done' : outcome === 'already_revoked' ? 'already_done' : 'failed';
}
