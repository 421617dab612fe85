/**
 * The session cookie's codec (lib/session-token-cache.ts): a verified cookie is not decrypted again
 * for a few seconds, and nothing it keeps accepts a cookie that next-auth's own codec would not.
 * Counts the real decryptions by wrapping next-auth's `decode`.
 */
import type * as NextAuthJwt from 'next-auth/jwt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const decryptions = vi.hoisted(() => ({ count: 0 }));
vi.mock('next-auth/jwt', async (importOriginal) => {
  const original = await importOriginal<typeof NextAuthJwt>();
  return {
    ...original,
    decode: async (params: Parameters<typeof original.decode>[0]) => {
      decryptions.count += 1;
      return original.decode(params);
    },
  };
});

const { encode } = await import('next-auth/jwt');
const {
  REISSUE_AFTER_MS,
  VERIFIED_FOR_MS,
  decodeSessionToken,
  encodeSessionToken,
  forgetSessionTokens,
} = await import('@/lib/session-token-cache');

const secret = 'a test secret that is long enough for the key derivation';
const salt = 'authjs.session-token';
const claims = { sub: 'person-1', signedInAt: 1_000, method: 'password' };

async function cookieFor(token: Record<string, unknown>, maxAge = 1800): Promise<string> {
  return encode({ token, secret, salt, maxAge });
}

/** The same cookie with one character of its ciphertext changed. */
function tampered(cookie: string): string {
  const parts = cookie.split('.');
  const ciphertext = parts[3]!;
  const swapped = ciphertext[5] === 'A' ? 'B' : 'A';
  parts[3] = `${ciphertext.slice(0, 5)}${swapped}${ciphertext.slice(6)}`;
  return parts.join('.');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2026, 0, 15, 12, 0, 0));
  forgetSessionTokens();
  decryptions.count = 0;
});
afterEach(() => vi.useRealTimers());

describe('decoding the session cookie', () => {
  it('decrypts a cookie once for repeated requests within the window, with the same claims', async () => {
    const cookie = await cookieFor(claims);
    const first = await decodeSessionToken({ token: cookie, secret, salt });
    const second = await decodeSessionToken({ token: cookie, secret, salt });
    expect(first).toMatchObject(claims);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(decryptions.count).toBe(1);
  });

  it('decrypts it again once the window has passed', async () => {
    const cookie = await cookieFor(claims);
    await decodeSessionToken({ token: cookie, secret, salt });
    vi.advanceTimersByTime(VERIFIED_FOR_MS + 1);
    await decodeSessionToken({ token: cookie, secret, salt });
    expect(decryptions.count).toBe(2);
  });

  it('never answers from what it keeps past the token’s own expiry', async () => {
    const cookie = await cookieFor(claims, 1);
    await decodeSessionToken({ token: cookie, secret, salt });
    vi.advanceTimersByTime(1_001);
    await decodeSessionToken({ token: cookie, secret, salt }).catch(() => null);
    expect(decryptions.count).toBe(2);
  });

  it('refuses an altered cookie even while the genuine one is kept', async () => {
    const cookie = await cookieFor(claims);
    await decodeSessionToken({ token: cookie, secret, salt });
    await expect(decodeSessionToken({ token: tampered(cookie), secret, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token: tampered(cookie), secret, salt })).rejects.toThrow();
  });

  it('refuses a cookie sealed with another secret, and keeps nothing of it', async () => {
    const foreign = await encode({ token: claims, secret: `${secret} (other)`, salt, maxAge: 60 });
    await expect(decodeSessionToken({ token: foreign, secret, salt })).rejects.toThrow();
    await expect(decodeSessionToken({ token: foreign, secret, salt })).rejects.toThrow();
    expect(decryptions.count).toBe(2);
  });

  it('keeps a cookie for the cookie name it was read under only', async () => {
    const cookie = await cookieFor(claims);
    await decodeSessionToken({ token: cookie, secret, salt });
    await expect(
      decodeSessionToken({ token: cookie, secret, salt: '__Secure-authjs.session-token' }),
    ).rejects.toThrow();
  });
});

describe('re-issuing the session cookie', () => {
  it('sends a just-issued cookie back as it is when the token did not change', async () => {
    const cookie = await cookieFor(claims);
    const token = await decodeSessionToken({ token: cookie, secret, salt });
    expect(await encodeSessionToken({ token: token!, secret, salt, maxAge: 1800 })).toBe(cookie);
  });

  it('issues a new cookie with a later expiry once the cookie is older than the window', async () => {
    const cookie = await cookieFor(claims);
    vi.advanceTimersByTime(REISSUE_AFTER_MS + 1_000);
    const token = await decodeSessionToken({ token: cookie, secret, salt });
    const reissued = await encodeSessionToken({ token: token!, secret, salt, maxAge: 1800 });
    expect(reissued).not.toBe(cookie);
    const before = await decodeSessionToken({ token: cookie, secret, salt });
    const after = await decodeSessionToken({ token: reissued, secret, salt });
    expect(after!.exp).toBeGreaterThan(before!.exp as number);
    expect(after).toMatchObject(claims);
  });

  it('answers requests that bring the same older cookie with one successor, for the window only', async () => {
    const cookie = await cookieFor(claims);
    vi.advanceTimersByTime(REISSUE_AFTER_MS + 1_000);
    const reissue = async () => {
      const token = await decodeSessionToken({ token: cookie, secret, salt });
      return encodeSessionToken({ token: token!, secret, salt, maxAge: 1800 });
    };
    const first = await reissue();
    expect(await reissue()).toBe(first);
    vi.advanceTimersByTime(REISSUE_AFTER_MS);
    const later = await reissue();
    expect(later).not.toBe(first);
    expect(await decodeSessionToken({ token: later, secret, salt })).toMatchObject(claims);
  });

  it('encodes anew when the token changed, and the new cookie carries the change', async () => {
    const cookie = await cookieFor(claims);
    const token = await decodeSessionToken({ token: cookie, secret, salt });
    token!.method = 'oidc';
    const reissued = await encodeSessionToken({ token: token!, secret, salt, maxAge: 1800 });
    expect(reissued).not.toBe(cookie);
    expect(await decodeSessionToken({ token: reissued, secret, salt })).toMatchObject({
      method: 'oidc',
    });
  });

  it('encodes a token it did not decode (a sign-in)', async () => {
    const issued = await encodeSessionToken({ token: { ...claims }, secret, salt, maxAge: 1800 });
    expect(await decodeSessionToken({ token: issued, secret, salt })).toMatchObject(claims);
  });
});
