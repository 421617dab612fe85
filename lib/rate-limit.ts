/**
 * A per-key limit (a person's writes, a login's sign-in attempts): a sliding
 * window of the last minute, in this process's memory. With several instances
 * each keeps its own count, so a key can reach (instances × limit) at most;
 * see docs/security.md.
 */

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export type RateLimiter = {
  /** Counts one event for `key` if the limit allows it; otherwise says when to try again. */
  take(key: string): TakeResult;
};

const SWEEP_EVERY = 1000;

export function createRateLimiter({
  limit,
  windowMs = 60_000,
  now = Date.now,
}: {
  limit: number;
  windowMs?: number;
  now?: () => number;
}): RateLimiter {
  const takenAt = new Map<string, number[]>();
  let takes = 0;

  function recent(key: string, at: number): number[] {
    const kept = (takenAt.get(key) ?? []).filter((time) => at - time < windowMs);
    if (kept.length > 0) takenAt.set(key, kept);
    else takenAt.delete(key);
    return kept;
  }

  return {
    take(key) {
      const at = now();
      // Forget keys that went quiet, so memory follows the active few.
      if (++takes % SWEEP_EVERY === 0) for (const other of [...takenAt.keys()]) recent(other, at);
      const kept = recent(key, at);
      if (kept.length >= limit) {
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil((kept[0]! + windowMs - at) / 1000)),
        };
      }
      takenAt.set(key, [...kept, at]);
      return { ok: true };
    },
  };
}
