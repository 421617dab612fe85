/**
 * The DTOs the browser receives: everything a person sees about an app, and
 * nothing more. No client secret, redirect URI, JWKS or token hash can appear
 * here because these types have no field to hold one.
 */

import type { PageSize } from '../list-params';
import type { AppGrants } from './grant-records';

/** What a permission lets the app do, most consequential first. */
export type ScopeKind = 'payment' | 'write' | 'offline' | 'read';

export type SelfRegistration = 'dynamic' | 'federation' | 'metadata_document';

export type AppScope = {
  /** the raw scope name, e.g. `photos.read` */
  name: string;
  /** plain words in the person's language */
  description: string;
  /** the language tag of `description` when it is not the page's (a fallback); absent otherwise */
  descriptionLang?: string;
  kind: ScopeKind;
  /**
   * The operator's or the service's words for what the app can no longer do without this scope,
   * in the person's language where there is one; null when nobody wrote any (nothing is invented).
   * openid and offline_access have built-in words in the page itself.
   */
  whenRemoved: string | null;
  /** the language tag of `whenRemoved` when it is not the page's; absent otherwise */
  whenRemovedLang?: string;
};

export type AppSummary = {
  /** Authlete's int64 client ID, as an exact decimal string */
  clientId: string;
  name: string;
  /**
   * The language tag of `name` when it is not the page's (an app named only in Japanese on an
   * English page), for the page's `lang` attribute; absent otherwise (lib/grants/localize.ts).
   */
  nameLang?: string;
  description: string | null;
  /** the language tag of `description` when it is not the page's; absent otherwise */
  descriptionLang?: string;
  /** http(s) or a same-origin path; anything else was dropped */
  logoUrl: string | null;
  developer: string | null;
  homepageUrl: string | null;
  privacyPolicyUrl: string | null;
  termsUrl: string | null;
  /** the union of scopes over this person's tokens for the app */
  scopes: AppScope[];
  /** ISO 8601: when the oldest token was issued */
  authorizedAt: string;
  /**
   * ISO 8601: the newest renewal (refresh), or null when never renewed since the grant. Authlete
   * records no use, so this is not "last active" whatever the field's name says.
   */
  lastActiveAt: string | null;
  /**
   * How the app registered itself with the service, when it did: through dynamic client
   * registration, OpenID Federation, or a client ID metadata document. null: the service's
   * operators registered it (or the service does not say).
   */
  selfRegistration: SelfRegistration | null;
  /**
   * The operator marked it as its own (FIRST_PARTY_ATTRIBUTE, lib/grants/first-party.ts): no
   * bulk removal or clean-up touches it.
   */
  firstParty: boolean;
  /** every grant has expired, access and renewal: it can no longer act without asking again */
  canNoLongerAct: boolean;
  /**
   * "Can act while you're away", the badge and the list filter: some grant can renew its access
   * by itself now (a live refresh token; renewingGrantCount > 0). Holding offline_access is not
   * enough: once renewal is stopped or has run out, the app acts only while its access lasts.
   */
  offlineAccess: boolean;
  /** how many grants (token records) the person holds for it */
  tokenCount: number;
  /** the newest grant's device label, among those that carry one (lib/grants/grant-records.ts) */
  newestGrantLabel: string | null;
  /**
   * The backend can stop a grant renewing (lib/grants/per-grant-store.ts): unticking "can act
   * while you're away" then leaves the app unable to renew. Where it cannot (Authlete v2), the only
   * way is to end the grants that can renew.
   */
  canStopRenewal: boolean;
  /** how many of its grants can still renew their access by themselves (a live refresh token) */
  renewingGrantCount: number;
  /**
   * ISO 8601: when the last access token the app holds now expires; absent when none is valid.
   * Once it cannot renew, its access ends then: "Stop renewing" says so before it is confirmed.
   */
  accessHeldUntil?: string;
  /**
   * ISO 8601: where the service issues self-contained (JWT) access tokens, when the last access
   * token the app already holds expires: removing the app cannot stop it before then. Absent
   * where tokens are opaque, unknown, or none is valid (lib/grants/self-contained-access.ts).
   */
  accessWorksUntil?: string;
};

export type AppPage = {
  apps: AppSummary[];
  /** the page actually shown: a page past the end is answered with the last one */
  page: number;
  size: PageSize;
  totalCount: number;
  pageCount: number;
  /**
   * A search, sort or filter reads at most a fixed number of apps (WHOLE_LIST_LIMIT); this many
   * more exist that it could not look at. Absent or 0 when nothing was left out.
   */
  unreadCount?: number;
  /**
   * How many apps of the whole list can no longer act (lib/grants/cleanup.ts), when this view
   * read the whole list anyway; absent when it did not (then countExpiredApps says, on request).
   */
  expiredCount?: number;
};

/** The answer of countExpiredApps. */
export type ExpiredAppsCount = {
  count: number;
  /** apps beyond WHOLE_LIST_LIMIT the count could not look at */
  unreadCount: number;
};

/** What became of one grant (token record) a narrowing had to change on its own. */
export type GrantNarrowing = {
  /** ISO 8601: when the grant was made, the only thing that tells grants apart here */
  grantedAt: string;
  /** narrowed; gone (it expired or was removed meanwhile); failed (it still holds what it held) */
  outcome: 'narrowed' | 'gone' | 'failed';
};

/** The answer of a narrowing: the app as read back afterwards, and what the page must say. */
export type NarrowingResult = {
  app: AppSummary;
  /** each grant written on its own; empty when one call narrowed them all */
  grants: GrantNarrowing[];
  /**
   * Removed permissions a grant's renewal still carries after the write (the service keeps the
   * refresh token's scopes apart): the app may get them back when it renews its access.
   */
  renewalKeeps: AppScope[];
};

export type RevokeOutcome = {
  /** true when the app held no access any more (a retry, or another tab) */
  alreadyRevoked: boolean;
  /**
   * true when the service said it no longer remembers the person's consent for the app; absent
   * where it keeps no such record (the embedded backend) or the delete failed
   */
  consentForgotten?: true;
};

/** One app's result in a bulk revocation. */
export type BulkRevokeItem = {
  clientId: string;
  /** null when the app could not even be looked up */
  name: string | null;
  /**
   * first_party: left alone, the operator's own app; still_usable (clean-up only): it got a live
   * grant since it was picked, so it was left alone.
   */
  outcome: 'revoked' | 'already_revoked' | 'failed' | 'first_party' | 'still_usable';
};

export type BulkRevokeResult = {
  items: BulkRevokeItem[];
  /**
   * Apps "remove all" did not reach in this request (past its REVOKE_ALL_LIMIT removals, or past
   * the whole-list read limit): they still have access until it runs again. Always 0 for a selection, which names every app it touches.
   */
  remainingCount: number;
};

/** The grants that could renew, ended (where the backend cannot stop renewal: Authlete v2). */
export type EndRenewingGrantsResult = {
  /** how many grants this call ended; 0 when none could renew any more */
  endedCount: number;
  /** the app as read back, or null when those were its last grants: it has no access any more */
  app: AppSummary | null;
  grants: AppGrants;
};

/** The answer of stopping an app renewing (where the backend can: embedded, Authlete v3). */
export type StopRenewingResult = {
  /** how many grants stopped renewing; 0 when none could renew any more (nothing was written) */
  stoppedCount: number;
  /** the app as read back, or null when it lost its access meanwhile (another tab) */
  app: AppSummary | null;
  grants: AppGrants;
};

/** The answer of narrowing one grant: the app and its grants, read back afterwards. */
export type NarrowGrantResult = {
  /** the grant was gone before it could be written (a retry, or another tab); nothing changed */
  alreadyEnded: boolean;
  /** the app as read back, or null when it lost its access meanwhile */
  app: AppSummary | null;
  grants: AppGrants;
  /**
   * removed permissions that the grant's renewal still carries (Authlete v3's
   * refreshTokenScopes): its next renewal may bring them back, so the page offers to end it
   */
  renewalKeeps: AppScope[];
};

/** The answer of stopping one grant renewing: the app and its grants, read back afterwards. */
export type StopGrantRenewingResult = {
  /** false when it could no longer renew anyway (a retry, or another tab): nothing was written */
  stopped: boolean;
  /** the app as read back, or null when it lost its access meanwhile */
  app: AppSummary | null;
  grants: AppGrants;
};

/** The answer of ending one grant: what is left of the app, read back afterwards. */
export type EndGrantResult = {
  /** the grant was already gone (a retry, or another tab) */
  alreadyEnded: boolean;
  /** the app as read back, or null when that grant was its last: it has no access any more */
  app: AppSummary | null;
  grants: AppGrants;
};
