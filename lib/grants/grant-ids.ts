/**
 * The opaque ids the browser gets for grants. A grant is one token record; its id is an HMAC of
 * the hash of its refresh token (or of its access token, when it has no refresh token) under a
 * key derived from AUTH_SECRET. So the id stays the same while the grant lives (a refresh that
 * keeps the refresh token keeps it), says nothing about the token, and cannot be made up: the
 * server only ever acts on an id it computes again from its own read of the signed-in person's
 * tokens (per-grant-store.ts).
 */
import { createHmac, hkdfSync } from 'node:crypto';
import type { GrantIdOf } from './per-grant-store';

/** 32 bytes of HMAC-SHA-256 in base64url, unpadded. */
export const GRANT_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A key for grant ids only, so AUTH_SECRET itself signs nothing here (RFC 5869 HKDF). */
export function deriveGrantIdKey(authSecret: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', authSecret, 'connected-apps', 'grant-id v1', 32) as ArrayBuffer,
  );
}

export function grantIdOf(key: Buffer): GrantIdOf {
  return (tokenHash) => createHmac('sha256', key).update(tokenHash).digest('base64url');
}
