/**
 * The contract both backends implement (embedded SQLite and Authlete over HTTP).
 * It speaks in Authlete's semantics and raw values; the data layer (`lib/grants`)
 * owns every authorization rule on top of it and reshapes results into DTOs.
 * Nothing here is ever sent to a browser as is.
 */

import type { PerGrantStore } from './per-grant-store';

/** A value with language-tagged variants, as Authlete's `clientName` + `clientNames`. */
export type LocalizedValue = {
  value: string | null;
  tagged: ReadonlyArray<{ tag: string; value: string }>;
};

/** One token record a subject holds for an app (an access token with its refresh token). */
export type GrantToken = {
  scopes: readonly string[];
  /** ms since epoch */
  createdAt: number;
  /** ms since epoch; 0 when never refreshed, as Authlete reports it */
  lastRefreshedAt: number;
  accessTokenExpiresAt: number;
  /** 0 when the record holds no refresh token */
  refreshTokenExpiresAt: number;
  grantType: string;
  /**
   * The scopes tied to the refresh token, where the backend keeps them apart from the access
   * token's (Authlete v3, docs/authlete.md#refresh-token-scopes); absent where it does not.
   */
  refreshTokenScopes?: readonly string[];
  /**
   * The token's properties a person may see (Authlete's non-hidden `properties`; hidden ones never
   * leave the store); absent when there are none. One may name the device (TOKEN_LABEL_PROPERTY).
   */
  properties?: ReadonlyArray<{ key: string; value: string }>;
};

/** What became of one token a per-token update was asked to change. */
export type TokenUpdateOutcome = {
  /** the token as the store read it just before the update */
  token: GrantToken;
  /** the scopes asked for it */
  scopes: readonly string[];
  /** updated; gone (the backend no longer knows it: expired or removed meanwhile); failed */
  outcome: 'updated' | 'gone' | 'failed';
};

/** An app a subject has authorized, with the public metadata a person may see. */
export type AuthorizedApp = {
  /** Authlete's int64 client ID as an exact decimal string. */
  clientId: string;
  name: LocalizedValue;
  description: LocalizedValue;
  logoUri: LocalizedValue;
  clientUri: LocalizedValue;
  policyUri: LocalizedValue;
  tosUri: LocalizedValue;
  developer: string | null;
  /**
   * How the client came to be registered, as Authlete's `clientSource` says (Authlete 3.0.22 and
   * later; docs/authlete.md#client-get): `STATIC_REGISTRATION`, `DYNAMIC_REGISTRATION`,
   * `AUTOMATIC_REGISTRATION`, `EXPLICIT_REGISTRATION`, `METADATA_DOCUMENT`; null where the
   * backend does not say (older services, v3 list items before `/client/get`).
   */
  clientSource: string | null;
  /** Authlete's older `dynamicallyRegistered` flag (false where absent). */
  dynamicallyRegistered: boolean;
  /**
   * The operator's `{key, value}` pairs on the client, as Authlete's `attributes`
   * (docs/authlete.md#client-get); pairs without a value are left out. The data layer reads only
   * the key the operator names for first-party apps (lib/grants/first-party.ts); none of it is
   * ever sent to a browser.
   */
  attributes: ReadonlyArray<{ key: string; value: string }>;
  /** Every token record of (subject, app). Never empty for a listed app. */
  tokens: readonly GrantToken[];
};

export type AuthorizedAppPage = {
  /** How many apps match in all, not the length of `apps`. */
  totalCount: number;
  apps: readonly AuthorizedApp[];
};

/** A scope the service supports, with its localized descriptions. */
export type ScopeDefinition = {
  name: string;
  description: LocalizedValue;
  /**
   * What stops working when a person takes the scope away, where the service's catalogue says
   * (Authlete: the scope attributes `whenRemoved` and `whenRemoved#<language>`); absent if not.
   */
  whenRemoved?: LocalizedValue;
};

export type ListRange = {
  /** inclusive */
  start: number;
  /** exclusive */
  end: number;
  /** only apps of this developer */
  developer?: string;
};

/** An app of the list by name only: what a name search or a sort by name needs of it. */
export type NamedApp = { clientId: string; name: LocalizedValue };

export type NamedAppPage = { totalCount: number; apps: readonly NamedApp[] };

export interface GrantStore extends PerGrantStore {
  /**
   * Apps the subject has authorized (derived from token records), in the backend's order. A
   * range wider than one backend call can answer is read in parallel chunks.
   */
  listAuthorizedApps(subject: string, range: ListRange): Promise<AuthorizedAppPage>;
  /**
   * The same list as listAuthorizedApps, names only: no token is read and no client fetched, so
   * a view that filters or sorts by name reads tokens only for the page it shows.
   */
  listAppNames(subject: string, range: ListRange): Promise<NamedAppPage>;
  /** One app the subject has authorized, or null when the subject holds no token for it. */
  getAuthorizedApp(subject: string, clientId: string): Promise<AuthorizedApp | null>;
  /**
   * The named apps the subject has authorized, in the order asked; those the subject holds no
   * token for (or that do not exist) are left out.
   */
  getAuthorizedApps(subject: string, clientIds: readonly string[]): Promise<AuthorizedApp[]>;
  /**
   * Writes `scopes` to every token of (subject, app), replacing what was there.
   * Scopes the service does not know or the app may not request are dropped silently.
   */
  replaceScopes(
    subject: string,
    clientId: string,
    scopes: readonly string[],
  ): Promise<{ updatedTokenCount: number }>;
  /**
   * Updates the subject's tokens for an app one at a time, as `read` holds them: each gets the
   * scopes `scopesFor` gives it (null leaves it alone). `read` is this store's own getAuthorizedApp
   * answer for (subject, app), made just before in the same request (the ownership lookup): the
   * store names each token by the identifier it read with it and keeps to itself
   * (token-handles.ts), so a token is only ever named by an identifier the store itself read for
   * this subject (docs/authlete.md#token-update), and the list is not read twice. A token of
   * `read` the store did not hand out so is left alone and reported as failed. A token issued
   * after `read` is not in it, and is not touched: the data layer reads the app back after the
   * write for that (docs/design-notes.md#a-save-reads-the-tokens-once). Scopes the service does
   * not know or the app may not request are dropped silently. A token that fails is reported,
   * not thrown, so the others go on.
   */
  updateEachToken(
    subject: string,
    read: AuthorizedApp,
    scopesFor: (token: GrantToken) => readonly string[] | null,
  ): Promise<TokenUpdateOutcome[]>;
  /**
   * Deletes the consent the service remembers for (subject, app), apart from the tokens, where
   * it keeps such a record (docs/authlete.md#granted-scopes). `forgotten` is true when the service
   * answered that it no longer holds one; false where the backend keeps no such record.
   */
  forgetConsent(subject: string, clientId: string): Promise<{ forgotten: boolean }>;
  /** Deletes every token of (subject, app). */
  deleteAuthorization(subject: string, clientId: string): Promise<{ deletedTokenCount: number }>;
  /** The scopes the service supports, with localized descriptions. */
  scopeCatalogue(): Promise<readonly ScopeDefinition[]>;
  /**
   * Whether the service issues self-contained (JWT) access tokens, which keep working after
   * their record is deleted (lib/grants/self-contained-access.ts); false when it does not, or
   * cannot be told (docs/authlete.md#access-token-format). Absent: the backend cannot tell.
   */
  accessTokensSelfContained?(): Promise<boolean>;
  /** Resolves when the backend answers with our credentials right now (readiness); never cached. */
  checkReachable(): Promise<void>;
}
