/** When to try an event again after `attempts` failed tries: doubling from 5 s, at most 10 min, with jitter. */
export const BACKOFF_BASE_MS = 5_000;
export const BACKOFF_MAX_MS = 10 * 60_000;

export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  // Up to a fifth either way, so instances that failed together do not retry together.
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
