/**
 * The session cookie's codec (next-auth's `jwt.encode` / `jwt.decode`), with the decryption and
 * the re-encryption it asks for on every request kept for a few seconds.
 *
 * Why: every request through the proxy, and every page or action that reads the session, makes
 * next-auth decrypt the cookie (an HKDF key derivation, a key thumbprint, AES-CBC and an HMAC) and
 * encrypt a fresh one to slide the idle bound — two decryptions and two encryptions for one page
 * view, about a tenth of the server's CPU for `/apps` (docs/performance.md, "Where the server's
 * time goes"). Both are pure functions of the cookie, so for a few seconds their answer can be
 * reused without trusting anything new:
 *
 * - **decode**: what decrypting one exact cookie value gave is kept for `VERIFIED_FOR_MS`, never
 *   past the token's own `exp`. Only that exact value finds it (the key is its SHA-256): a cookie
 *   altered by one bit is a different value and is decrypted and verified by next-auth as before,
 *   and one that fails is never kept. The callbacks (the maximum-age check in lib/auth.ts) still
 *   run on every request.
 * - **encode**: re-issuing the cookie that was just decoded, unchanged, answers with a cookie
 *   issued less than `REISSUE_AFTER_MS` ago instead of encrypting a new one: that same cookie if it
 *   is that young, else the one this process last issued in its place (requests sent together
 *   with the same cookie get the same successor). Its `exp` is then up to that many seconds
 *   earlier than a fresh one's: the idle bound can only come that much sooner, never later. Any
 *   change to the token (a sign-in, an update) encodes anew.
 *
 * Kept in this process's memory only, bounded in entries; nothing is shared with another
 * instance or person (docs/security.md, "Session").
 */
import { createHash } from 'node:crypto';
import {
  decode,
  encode,
  type JWT,
  type JWTDecodeParams,
  type JWTEncodeParams,
} from 'next-auth/jwt';

/** How long a cookie value that decrypted and verified is taken as verified again. */
export const VERIFIED_FOR_MS = 5_000;
/** A cookie younger than this is sent back as it is rather than re-encrypted. */
export const REISSUE_AFTER_MS = 5_000;
/** Entries kept at most; the oldest goes first (a few KB each at worst). */
export const MAX_ENTRIES = 5_000;

type Verified = { json: string; until: number };
/** The cookie issued in place of an older one, for the same unchanged token. */
type Successor = { json: string; cookie: string; issuedAtMs: number };
/** Where a decoded token came from, to send the same cookie back if it comes back unchanged. */
type Origin = { key: string; cookie: string; json: string; issuedAtMs: number };

type Codec = {
  verified: Map<string, Verified>;
  successors: Map<string, Successor>;
  origins: WeakMap<object, Origin>;
};

// Next bundles lib/auth.ts for the proxy and again for pages and actions: one cache for both.
const holder = globalThis as typeof globalThis & { __sessionTokenCache?: Codec };
function codec(): Codec {
  holder.__sessionTokenCache ??= {
    verified: new Map(),
    successors: new Map(),
    origins: new WeakMap(),
  };
  return holder.__sessionTokenCache;
}

function cacheKey(salt: string, cookie: string): string {
  return createHash('sha256').update(salt).update('\0').update(cookie).digest('base64url');
}

function secondsToMs(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : null;
}

/** Sets an entry as the newest, dropping the oldest ones beyond the bound. */
function remember<T>(map: Map<string, T>, key: string, value: T): void {
  map.delete(key);
  while (map.size >= MAX_ENTRIES) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
  map.set(key, value);
}

/** A fresh object for each caller (callbacks may change it), noted with the cookie it came from. */
function handOut(key: string, cookie: string, json: string): JWT {
  const token = JSON.parse(json) as JWT;
  const issuedAtMs = secondsToMs(token.iat);
  if (issuedAtMs !== null) codec().origins.set(token, { key, cookie, json, issuedAtMs });
  return token;
}

export async function decodeSessionToken(params: JWTDecodeParams): Promise<JWT | null> {
  const cookie = params.token;
  if (!cookie) return null;
  const key = cacheKey(params.salt, cookie);
  const now = Date.now();
  const hit = codec().verified.get(key);
  // `until` is never past the token's own expiry.
  if (hit && now < hit.until) return handOut(key, cookie, hit.json);
  if (hit) codec().verified.delete(key);
  const payload = await decode(params);
  if (!payload) return null;
  const json = JSON.stringify(payload);
  const expiresAt = secondsToMs(payload.exp);
  if (expiresAt !== null) {
    remember(codec().verified, key, { json, until: Math.min(now + VERIFIED_FOR_MS, expiresAt) });
  }
  return handOut(key, cookie, json);
}

export async function encodeSessionToken(params: JWTEncodeParams<JWT>): Promise<string> {
  const origin = params.token ? codec().origins.get(params.token) : undefined;
  if (!origin || JSON.stringify(params.token) !== origin.json) return encode(params);
  const now = Date.now();
  if (now - origin.issuedAtMs < REISSUE_AFTER_MS) return origin.cookie;
  const successor = codec().successors.get(origin.key);
  if (
    successor &&
    successor.json === origin.json &&
    now - successor.issuedAtMs < REISSUE_AFTER_MS
  ) {
    return successor.cookie;
  }
  const cookie = await encode(params);
  remember(codec().successors, origin.key, { json: origin.json, cookie, issuedAtMs: now });
  return cookie;
}

/** For tests: forget every kept cookie. */
export function forgetSessionTokens(): void {
  codec().verified.clear();
  codec().successors.clear();
}
