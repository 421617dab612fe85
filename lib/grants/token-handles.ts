/**
 * What a store read beside each token of its getAuthorizedApp answer, so that a write made right
 * after it in the same request (updateEachToken) names each token by what the store itself read
 * for this subject, and the grants of that answer get their ids (grantsOfRead), without reading
 * the same list again (grant-store.ts, per-grant-store.ts). The identifier stays here, keyed by
 * the token object the store handed out: no GrantToken or DTO carries it, and an object made
 * anywhere else, or a copy, has none. Nothing is kept between requests: an entry lives only as
 * long as the caller holds the app it read, and the data layer holds it for one call.
 */
import type { GrantToken } from './grant-store';

export type TokenHandles<Handle> = {
  /** Hands out `token`, remembering `handle` for it as read for (subject, client). */
  remember(subject: string, clientId: string, token: GrantToken, handle: Handle): GrantToken;
  /** The handle read with `token` for (subject, client); null for any other token or owner. */
  handleOf(subject: string, clientId: string, token: GrantToken): Handle | null;
};

export function createTokenHandles<Handle>(): TokenHandles<Handle> {
  const read = new WeakMap<GrantToken, { subject: string; clientId: string; handle: Handle }>();
  return {
    remember(subject, clientId, token, handle) {
      read.set(token, { subject, clientId, handle });
      return token;
    },
    handleOf(subject, clientId, token) {
      const entry = read.get(token);
      return entry && entry.subject === subject && entry.clientId === clientId
        ? entry.handle
        : null;
    },
  };
}
