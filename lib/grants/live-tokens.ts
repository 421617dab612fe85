/**
 * Which of an app's tokens still count. A token whose access and renewal have both expired can
 * do nothing any more, so it counts for nothing in what the app "can do"; only when every token
 * is like that (an app the service still lists though it can no longer act) do they all count,
 * so the page still says what the app held.
 */
import type { AuthorizedApp, GrantToken } from './grant-store';

/** Its access token or its refresh token is still valid. */
export function isLive(token: GrantToken, now: number): boolean {
  return token.accessTokenExpiresAt > now || token.refreshTokenExpiresAt > now;
}

/** The tokens that decide what the app can do: the live ones, or all when none is live. */
export function tokensInPlay(tokens: readonly GrantToken[], now: number): GrantToken[] {
  const live = tokens.filter((token) => isLive(token, now));
  return live.length > 0 ? live : [...tokens];
}

/** What the app can do: the union of scopes over the tokens in play. */
export function scopesInPlay(app: AuthorizedApp, now: number): string[] {
  return [...new Set(tokensInPlay(app.tokens, now).flatMap((token) => token.scopes))];
}

/** The grant can still renew its access by itself: its refresh token is live. */
export function renews(token: GrantToken, at: number): boolean {
  return token.refreshTokenExpiresAt > at;
}

/** Some grant of the app can still renew its access by itself. */
export function canRenew(app: AuthorizedApp, at: number): boolean {
  return app.tokens.some((token) => renews(token, at));
}
