/** When a session ends and when its sign-in counts as recent (lib/session-rules.ts). */
import { describe, expect, it } from 'vitest';
import {
  PROVIDER_CLOCK_SKEW_MS,
  endedBySignOut,
  outlivedMaxAge,
  providerAuthTime,
  signedInRecently,
} from '@/lib/session-rules';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const HOUR = 3_600_000;
const TEN_MINUTES = 600_000;

describe('the absolute bound', () => {
  it('ends a session once its sign-in is older than the maximum age, however recent its use', () => {
    expect(outlivedMaxAge(NOW - 12 * HOUR, 12 * HOUR, NOW)).toBe(false);
    expect(outlivedMaxAge(NOW - 12 * HOUR - 1, 12 * HOUR, NOW)).toBe(true);
  });

  it('ends a session that records no sign-in time', () => {
    expect(outlivedMaxAge(0, 12 * HOUR, NOW)).toBe(true);
    expect(outlivedMaxAge(Number.NaN, 12 * HOUR, NOW)).toBe(true);
  });
});

describe('recent sign-in', () => {
  it('after the demo password sign-in, is measured from the sign-in itself', () => {
    const times = { method: 'password' as const, providerAuthAt: null };
    expect(signedInRecently({ ...times, signedInAt: NOW - TEN_MINUTES }, TEN_MINUTES, NOW)).toBe(
      true,
    );
    expect(
      signedInRecently({ ...times, signedInAt: NOW - TEN_MINUTES - 1 }, TEN_MINUTES, NOW),
    ).toBe(false);
  });

  it("after a provider sign-in, is measured from the ID token's auth_time, not the app's sign-in", () => {
    // Signed in to the app just now, but on the strength of a provider session from an hour ago.
    const oldProof = { method: 'oidc' as const, signedInAt: NOW, providerAuthAt: NOW - HOUR };
    expect(signedInRecently(oldProof, TEN_MINUTES, NOW)).toBe(false);
    const freshProof = { ...oldProof, providerAuthAt: NOW - 60_000 };
    expect(signedInRecently(freshProof, TEN_MINUTES, NOW)).toBe(true);
  });

  it('allows the provider a little clock skew either way, and no more', () => {
    const at = (providerAuthAt: number) =>
      signedInRecently({ method: 'oidc', signedInAt: NOW, providerAuthAt }, TEN_MINUTES, NOW);
    expect(at(NOW - TEN_MINUTES - PROVIDER_CLOCK_SKEW_MS)).toBe(true);
    expect(at(NOW - TEN_MINUTES - PROVIDER_CLOCK_SKEW_MS - 1000)).toBe(false);
    expect(at(NOW + PROVIDER_CLOCK_SKEW_MS)).toBe(true);
    expect(at(NOW + PROVIDER_CLOCK_SKEW_MS + 1000)).toBe(false);
  });

  it('is never recent after a provider sign-in whose ID token had no auth_time', () => {
    expect(
      signedInRecently({ method: 'oidc', signedInAt: NOW, providerAuthAt: null }, TEN_MINUTES, NOW),
    ).toBe(false);
  });

  it('reads auth_time only as a positive number of seconds', () => {
    expect(providerAuthTime(1_768_478_400)).toBe(1_768_478_400_000);
    for (const bad of [undefined, null, '1768478400', 0, -5, Number.NaN, Infinity]) {
      expect(providerAuthTime(bad)).toBeNull();
    }
  });
});

describe('a session signed out of in this browser', () => {
  it('stays ended when its cookie comes back, and only that session does', () => {
    expect(endedBySignOut('session-a', 'session-a')).toBe(true);
    expect(endedBySignOut('session-b', 'session-a')).toBe(false);
    expect(endedBySignOut('session-a', null)).toBe(false);
  });

  it('never takes a session without an id for the signed-out one', () => {
    expect(endedBySignOut(undefined, null)).toBe(false);
    expect(endedBySignOut('', '')).toBe(false);
    expect(endedBySignOut(42, '42')).toBe(false);
  });
});
