/**
 * What removing an app cannot undo. Where the service issues self-contained
 * (JWT) access tokens, a resource server checks one by its signature and
 * expiry alone, without asking the service: deleting the token record ends
 * renewal and introspection, but an access token the app already holds keeps
 * working until it expires. The confirmation says until when: the latest
 * expiry among the app's access tokens still valid now.
 *
 * Where the service issues opaque tokens (checked by introspection), or the
 * backend cannot tell, nothing is claimed: removal takes effect at once as far
 * as this app can know (docs/authlete.md#access-token-format).
 */
import type { AuthorizedApp } from './grant-store';

/** ISO 8601: when the last still-valid access token of the app expires; null when none is valid. */
export function accessHeldUntil(app: Pick<AuthorizedApp, 'tokens'>, now: number): string | null {
  const latest = Math.max(0, ...app.tokens.map((token) => token.accessTokenExpiresAt));
  return latest > now ? new Date(latest).toISOString() : null;
}

/** The DTO field, only where the service issues self-contained access tokens. */
export function selfContainedAccessField(
  app: Pick<AuthorizedApp, 'tokens'>,
  selfContained: boolean,
  now: number,
): { accessWorksUntil?: string } {
  const until = selfContained ? accessHeldUntil(app, now) : null;
  return until ? { accessWorksUntil: until } : {};
}
