/** Caps how many calls run at once: enriching one list page must not flood Authlete. */

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(maxConcurrent: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];

  function release() {
    const next = waiting.shift();
    // Hand the slot straight to the next task, so a newcomer cannot slip in between.
    if (next) next();
    else active--;
  }

  return async (task) => {
    if (active < maxConcurrent) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      release();
    }
  };
}
