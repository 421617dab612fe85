/**
 * Reshapes a backend's AuthorizedApp into the AppSummary DTO the browser gets.
 * Fields are copied one by one on purpose: whatever else a backend returns
 * (client secrets, redirect URIs, token hashes) has no way through.
 */
import type { AuthorizedApp, ScopeDefinition } from './grant-store';
import { pickLocalized } from './localize';
import { safeUrl } from './safe-url';
import type { AppScope, AppSummary } from './types';

export const OFFLINE_ACCESS = 'offline_access';

export function toAppSummary(
  app: AuthorizedApp,
  catalogue: readonly ScopeDefinition[],
  locale: string,
  now: number,
): AppSummary {
  const grantedScopes = unionOfScopes(app);
  const authorizedAt = Math.min(...app.tokens.map((token) => token.createdAt));
  const lastRefreshedAt = Math.max(0, ...app.tokens.map((token) => token.lastRefreshedAt));
  const hasLiveRefreshToken = app.tokens.some((token) => token.refreshTokenExpiresAt > now);
  return {
    clientId: app.clientId,
    name: pickLocalized(app.name, locale) ?? app.clientId,
    description: pickLocalized(app.description, locale),
    logoUrl: safeUrl(pickLocalized(app.logoUri, locale)),
    developer: app.developer,
    homepageUrl: safeUrl(pickLocalized(app.clientUri, locale)),
    privacyPolicyUrl: safeUrl(pickLocalized(app.policyUri, locale)),
    termsUrl: safeUrl(pickLocalized(app.tosUri, locale)),
    scopes: grantedScopes.map((name) => describeScope(name, catalogue, locale)),
    authorizedAt: new Date(authorizedAt).toISOString(),
    lastActiveAt: lastRefreshedAt > 0 ? new Date(lastRefreshedAt).toISOString() : null,
    offlineAccess: grantedScopes.includes(OFFLINE_ACCESS) || hasLiveRefreshToken,
    tokenCount: app.tokens.length,
  };
}

/** What the app may do: the union over every token this person holds for it. */
export function unionOfScopes(app: AuthorizedApp): string[] {
  return [...new Set(app.tokens.flatMap((token) => token.scopes))];
}

function describeScope(
  name: string,
  catalogue: readonly ScopeDefinition[],
  locale: string,
): AppScope {
  const known = catalogue.find((scope) => scope.name === name);
  const description = known ? pickLocalized(known.description, locale) : null;
  return { name, description: description ?? humanizeScope(name) };
}

/** Last resort for a scope nobody described: `photos.read` → "Photos read". */
export function humanizeScope(name: string): string {
  const lastSegment = name.replace(/\/+$/, '').split('/').pop() || name;
  const words = lastSegment
    .split(/[._:\-\s]+/)
    .filter(Boolean)
    .join(' ');
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : name;
}
