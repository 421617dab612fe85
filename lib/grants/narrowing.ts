/**
 * How a narrowing is written so that no token gains anything. Authlete's one-call update writes
 * one set to every token of (subject, app) (docs/authlete.md#authorization-update), which gives a
 * token that never held a kept scope that scope. So the one call is used only when it changes
 * nothing but removals: every token already holds everything kept. Otherwise each token in play
 * is updated on its own to (its scopes ∩ kept) (docs/authlete.md#token-update); dead tokens are
 * left alone, since they count for nothing (live-tokens.ts).
 */
import type { GrantToken } from './grant-store';
import { isLive } from './live-tokens';

export type NarrowingWay = 'one_call' | 'per_token';

export function narrowingWay(tokens: readonly GrantToken[], kept: readonly string[]): NarrowingWay {
  return tokens.every((token) => kept.every((scope) => token.scopes.includes(scope)))
    ? 'one_call'
    : 'per_token';
}

/** What one token should hold after the narrowing (its scopes ∩ kept); null when that changes nothing. */
export function narrowedScopes(token: GrantToken, kept: ReadonlySet<string>): string[] | null {
  const narrowed = token.scopes.filter((scope) => kept.has(scope));
  return narrowed.length === token.scopes.length ? null : narrowed;
}

/**
 * Whether a token is in play, judged by its own fields, so the same test serves the lookup's
 * tokens the write names and the read-back's that the check after it looks at (widerThan).
 */
export function inPlayTest(tokens: readonly GrantToken[], now: number) {
  const anyLive = tokens.some((token) => isLive(token, now));
  return (token: GrantToken) => !anyLive || isLive(token, now);
}

/**
 * Whether a token in play still holds more than `kept` after a narrowing: one issued after the
 * tokens the write named were read (grant-service.ts, updateScopes).
 */
export function widerThan(
  app: { tokens: readonly GrantToken[] },
  kept: ReadonlySet<string>,
  now: number,
) {
  const counts = inPlayTest(app.tokens, now);
  return (token: GrantToken) => counts(token) && narrowedScopes(token, kept) !== null;
}

/** Removed scopes that a token's renewal still carries after the write (v3 refreshTokenScopes). */
export function scopesRenewalKeeps(
  tokens: readonly GrantToken[],
  removed: readonly string[],
  now: number,
): string[] {
  const survivors = new Set<string>();
  for (const token of tokens) {
    if (token.refreshTokenExpiresAt <= now) continue;
    for (const scope of token.refreshTokenScopes ?? []) {
      if (removed.includes(scope)) survivors.add(scope);
    }
  }
  return [...survivors];
}
