/**
 * A per-person budget of Authlete reads a minute, in this process: one person cannot make the
 * server fan out without limit, however many searches they fire or tabs they open. Counted per
 * subject in fixed one-minute windows; only counts are kept (no data of the person), and a
 * window is forgotten once it has ended.
 */

export type ReadBudget = {
  /** Counts one read for `subject`; the seconds until the window ends when the budget is spent. */
  take(subject: string): { ok: true } | { ok: false; retryAfterSeconds: number };
};

const WINDOW_MS = 60_000;
/** Past this many people in the map, ended windows are swept out. */
const SWEEP_AT = 10_000;

export function createReadBudget(perMinute: number, now: () => number = Date.now): ReadBudget {
  const windows = new Map<string, { startedAt: number; used: number }>();

  function sweep(at: number) {
    for (const [subject, window] of windows) {
      if (at - window.startedAt >= WINDOW_MS) windows.delete(subject);
    }
  }

  return {
    take(subject) {
      const at = now();
      let window = windows.get(subject);
      if (!window || at - window.startedAt >= WINDOW_MS) {
        if (windows.size >= SWEEP_AT) sweep(at);
        window = { startedAt: at, used: 0 };
        windows.set(subject, window);
      }
      if (window.used >= perMinute) {
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - at) / 1000)),
        };
      }
      window.used++;
      return { ok: true };
    },
  };
}
