/**
 * Sign-out at the operator's OpenID Provider too (OpenID Connect RP-Initiated
 * Logout 1.0, https://openid.net/specs/openid-connect-rpinitiated-1_0.html),
 * which next-auth does not do. When the provider's discovery document has an
 * `end_session_endpoint`, sign-out sends the person there with the ID token of
 * their sign-in (`id_token_hint`), this app's `client_id` and the
 * `post_logout_redirect_uri` the operator registers: `{AUTH_URL}/signed-out`.
 * Without the endpoint (or should discovery fail) sign-out is local only.
 */
import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { OidcConfig } from './env';
import { log } from './log';

/** The path of the page the provider returns to; operators register `{AUTH_URL}` + this. */
export const SIGNED_OUT_PATH = '/signed-out';

const DISCOVERY_TIMEOUT_MS = 5000;

/** What next-auth's signOut event hands over: the session's JWT as it was before it ended. */
type EndedSession = Record<string, unknown> | null;

const endedSession = new AsyncLocalStorage<{ token: EndedSession }>();

/** Runs next-auth's signOut and returns the session it ended (see `noteEndedSession`). */
export async function endingSession(signOut: () => Promise<unknown>): Promise<EndedSession> {
  const slot = { token: null as EndedSession };
  await endedSession.run(slot, signOut);
  return slot.token;
}

/** next-auth's `events.signOut`: called inside `endingSession`, with the JWT it just cleared. */
export function noteEndedSession(token: EndedSession): void {
  const slot = endedSession.getStore();
  if (slot) slot.token = token;
}

const holder = globalThis as typeof globalThis & {
  __endSessionEndpoint?: Map<string, Promise<string | null>>;
};

async function readEndSessionEndpoint(issuer: string): Promise<string | null> {
  try {
    const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    const endpoint = ((await response.json()) as { end_session_endpoint?: unknown })
      .end_session_endpoint;
    return typeof endpoint === 'string' && /^https?:\/\//.test(endpoint) ? endpoint : null;
  } catch (error) {
    log.warn('auth.provider_discovery_failed', { error });
    throw error;
  }
}

/** The provider's end_session_endpoint, read once per process (a failed read is tried again next time). */
async function endSessionEndpoint(issuer: string): Promise<string | null> {
  const cache = (holder.__endSessionEndpoint ??= new Map());
  let endpoint = cache.get(issuer);
  if (!endpoint) {
    endpoint = readEndSessionEndpoint(issuer);
    cache.set(issuer, endpoint);
    endpoint.catch(() => cache.delete(issuer));
  }
  return endpoint.catch(() => null);
}

/**
 * Where sign-out sends the person after the local session ended: the provider's logout, or null
 * when the session did not come from the provider or the provider has no such endpoint.
 */
export async function providerLogoutUrl(
  oidc: OidcConfig,
  ended: EndedSession,
  appUrl: string,
): Promise<string | null> {
  if (!ended || ended.method !== 'oidc') return null;
  const endpoint = await endSessionEndpoint(oidc.issuer);
  if (!endpoint) return null;
  const url = new URL(endpoint);
  if (typeof ended.idToken === 'string' && ended.idToken)
    url.searchParams.set('id_token_hint', ended.idToken);
  url.searchParams.set('client_id', oidc.clientId);
  url.searchParams.set('post_logout_redirect_uri', new URL(SIGNED_OUT_PATH, appUrl).href);
  return url.href;
}
