/**
 * When a session ends and when its sign-in counts as recent: pure rules over
 * the session's own claims, so they are unit-tested without next-auth.
 *
 * - A session ends `maxAgeMs` after its sign-in however often it is used (the
 *   absolute bound), and `idleMs` after its last use (next-auth re-issues the
 *   cookie on each use with that lifetime; see lib/auth.ts).
 * - A session this browser signed out of stays ended, even when a late answer
 *   sets its cookie again (`endedBySignOut`).
 * - "Recent sign-in" after an OpenID Provider sign-in is measured by the ID
 *   token's `auth_time` — when the person last proved who they are at the
 *   provider, which can be long before the app's own sign-in when the provider
 *   kept a session. An ID token without `auth_time` never counts as recent.
 *   After the demo password sign-in, the app saw the password itself, so the
 *   sign-in time is the measure.
 */

/** How the session began. */
export type SignInMethod = 'oidc' | 'password';

/**
 * The provider's clock may run a little behind or ahead of ours; `auth_time` is allowed this
 * much either way (the same tolerance OpenID Connect libraries give `iat` and `exp`).
 */
export const PROVIDER_CLOCK_SKEW_MS = 30_000;

export type SessionTimes = {
  /** ms since epoch of the app's own sign-in */
  signedInAt: number;
  method: SignInMethod;
  /** ms since epoch of the ID token's `auth_time`, null when the ID token had none */
  providerAuthAt: number | null;
};

/** True once the session is older than the absolute bound. */
export function outlivedMaxAge(signedInAt: number, maxAgeMs: number, now: number): boolean {
  return !(signedInAt > 0) || now - signedInAt > maxAgeMs;
}

/**
 * True when sign-out in this browser ended this very session (lib/signed-out-marker.ts): a
 * session that comes back in a late answer stays ended. A session without an id (minted before
 * ids existed) is never taken for the signed-out one.
 */
export function endedBySignOut(sessionId: unknown, signedOutId: string | null): boolean {
  return typeof sessionId === 'string' && sessionId !== '' && sessionId === signedOutId;
}

/** `auth_time` (seconds since epoch) as ms; anything but a positive number means "not given". */
export function providerAuthTime(authTime: unknown): number | null {
  return typeof authTime === 'number' && Number.isFinite(authTime) && authTime > 0
    ? authTime * 1000
    : null;
}

/**
 * Whether the person proved who they are within `recentMs` of `now`. A provider's `auth_time`
 * further in the future than the skew is not believed.
 */
export function signedInRecently(times: SessionTimes, recentMs: number, now: number): boolean {
  if (times.method === 'password') return now - times.signedInAt <= recentMs;
  const at = times.providerAuthAt;
  if (at === null) return false;
  if (at > now + PROVIDER_CLOCK_SKEW_MS) return false;
  return now - at <= recentMs + PROVIDER_CLOCK_SKEW_MS;
}
