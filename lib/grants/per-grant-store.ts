/**
 * The part of the backend contract (grant-store.ts) that acts on one grant: one token record of
 * (subject, app), such as one device or one sign-in (docs/authlete.md#per-token-calls). A grant is
 * named to the browser only by an opaque id the data layer makes from the hash of its refresh
 * token, or of its access token when it has none (grant-ids.ts); the store is handed that function
 * and never lets a hash out. A grant is only ever named to the backend by a hash the store itself
 * read for this subject and app in the same request: the calls that act read the subject's own
 * tokens (stopRenewal), or act on a token object the store handed out in such a read (endGrant,
 * as updateEachToken writes one: token-handles.ts), so an id made up, or one of another person's
 * grants, matches nothing and changes nothing. The one call that reads nothing (grantsOfRead)
 * only names the grants of such a read.
 */
import type { AuthorizedApp, GrantToken } from './grant-store';

/** The opaque, stable id of a grant, from the hash that keys it (grant-ids.ts). */
export type GrantIdOf = (tokenHash: string) => string;

/** One grant of (subject, app) with its opaque id. */
export type IdentifiedGrant = { grantId: string; token: GrantToken };

/**
 * What this app can do to one grant on a backend; the page offers only what is true here (README,
 * "What each backend can do per grant"). Ending one is Authlete's `/auth/token/revoke` by the
 * token's hash (Authlete 2.2.29 and later) on either generation, and a delete of the record on the
 * embedded backend. Narrowing one is GrantStore.updateEachToken for that token alone: Authlete's
 * `/auth/token/update` with its hash and scopes on either generation, an update of the record on
 * the embedded backend. Stopping renewal sets the refresh token's expiry to now: v3's
 * `refreshTokenExpiresAt` on `/auth/token/update`; v2 has no such field, so there the only way
 * to stop a grant renewing is to end it (docs/authlete.md#token-update).
 */
export type GrantCapabilities = Readonly<{ end: boolean; narrow: boolean; stopRenewal: boolean }>;

export interface PerGrantStore {
  readonly grantCapabilities: GrantCapabilities;
  /** Every grant of (subject, app), oldest first, each with its id; [] when the subject holds none. */
  readGrants(subject: string, clientId: string, idOf: GrantIdOf): Promise<IdentifiedGrant[]>;
  /**
   * The grants of `read`, this store's own getAuthorizedApp answer for (subject, app), each with
   * its id, in the order of `read.tokens`, without reading the tokens again: the ids come from the
   * hashes the store read with each token and keeps to itself (token-handles.ts), so a page that
   * shows an app and its grants reads them once (docs/design-notes.md#a-save-reads-the-tokens-once).
   * A token of `read` the store did not hand out so (another subject's read, a copy, a made-up
   * object) is left out.
   */
  grantsOfRead(subject: string, read: AuthorizedApp, idOf: GrantIdOf): IdentifiedGrant[];
  /**
   * Ends the grant the store handed out as `token` in a read of (subject, app) — getAuthorizedApp
   * or readGrants — without reading the tokens again: its access token and its refresh token.
   * `ended` is false when `token` is not one the store handed out for this subject and app (then
   * nothing was sent to the backend), or when the backend no longer had it.
   */
  endGrant(subject: string, clientId: string, token: GrantToken): Promise<{ ended: boolean }>;
  /**
   * Stops every grant of (subject, app) whose refresh token is still live from renewing: its
   * refresh token expires at `at` (a time just after now; 0 would mean "unchanged" to Authlete).
   * Its current access token is left as it is. Returns how many grants were stopped. Only where
   * grantCapabilities.stopRenewal.
   */
  stopRenewal(subject: string, clientId: string, at: number): Promise<{ stopped: number }>;
  /**
   * Stops the one grant the store handed out as `token` in a read of (subject, app) from renewing,
   * as endGrant names one: its refresh token expires at `at`, its access token is left as it is.
   * `stopped` is false when `token` is not one the store handed out for this subject and app, when
   * its refresh token had already expired, or when the backend no longer had it. Only where
   * grantCapabilities.stopRenewal.
   */
  stopGrantRenewal(
    subject: string,
    clientId: string,
    token: GrantToken,
    at: number,
  ): Promise<{ stopped: boolean }>;
}
