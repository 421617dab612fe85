/**
 * The process-wide gate every Authlete call passes (one per Authlete client, which is one per
 * process): at most `maxConcurrent` calls in flight however many people ask at once, at most
 * `maxWaiting` waiting behind them, and none sent while Authlete has asked us to wait (a 429's
 * Retry-After, https://www.rfc-editor.org/rfc/rfc9110#name-retry-after). A call that cannot get
 * through within its own deadline is refused at once rather than sent late.
 */

export type GateRefusal = {
  reason: 'queue_full' | 'deadline' | 'rate_limited';
  /** how long until asking again is worth it */
  retryAfterMs: number;
};

export type CallGate = {
  /** Resolves with a release function, or with the refusal when the call cannot go out in time. */
  enter(deadline: number): Promise<{ release: () => void } | GateRefusal>;
  /** Authlete said to wait until then: no call is sent before it. */
  pauseUntil(at: number): void;
  pausedUntil(): number;
};

export function createCallGate(maxConcurrent: number, maxWaiting: number): CallGate {
  let active = 0;
  let paused = 0;
  const waiting: Array<{ admit: () => void }> = [];

  function release() {
    const next = waiting.shift();
    // Hand the slot straight to the next call, so a newcomer cannot slip in between.
    if (next) next.admit();
    else active--;
  }

  async function slot(deadline: number): Promise<GateRefusal | null> {
    if (active < maxConcurrent) {
      active++;
      return null;
    }
    if (waiting.length >= maxWaiting) return { reason: 'queue_full', retryAfterMs: 1000 };
    return new Promise((resolve) => {
      const entry = {
        admit: () => {
          clearTimeout(timer);
          resolve(null);
        },
      };
      const timer = setTimeout(
        () => {
          waiting.splice(waiting.indexOf(entry), 1);
          resolve({ reason: 'deadline', retryAfterMs: 1000 });
        },
        Math.max(0, deadline - Date.now()),
      );
      waiting.push(entry);
    });
  }

  return {
    async enter(deadline) {
      const wait = paused - Date.now();
      if (wait > 0) {
        if (paused >= deadline) return { reason: 'rate_limited', retryAfterMs: wait };
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const refusal = await slot(deadline);
      if (refusal) return refusal;
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          release();
        },
      };
    },
    pauseUntil(at) {
      paused = Math.max(paused, at);
    },
    pausedUntil: () => paused,
  };
}

/** Retry-After as ms from now: delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
