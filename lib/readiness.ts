/**
 * Readiness as a load balancer sees it, without every probe calling out: the
 * checks run at most once per `maxAgeMs` per process, and every probe in
 * between gets the last answer. Probes that arrive while a check runs wait for
 * that same check instead of starting their own, so N probes a second cost
 * one Authlete call per interval, whatever N is. A failure shows on the first
 * check after it, so /api/ready turns 503 within one interval.
 *
 * The outcome is logged only when it changes (ready → not ready, one reason →
 * another, not ready → ready), not once per probe: a dead backend probed every
 * second would otherwise bury the one line that says why.
 */

export type ReadinessCheck = {
  /** names the failure in the log, e.g. `database_unreachable` */
  failure: string;
  run: () => Promise<void>;
};

export type ReadinessOutcome = { ready: true } | { ready: false; failure: string; error: unknown };

export type Readiness = {
  /** The answer of a check at most `maxAgeMs` old (running one when there is none). */
  current(): Promise<ReadinessOutcome>;
};

export type ReadinessOptions = {
  /** run in order; the first to throw decides the outcome */
  checks: readonly ReadinessCheck[];
  /** how long an answer is reused; 0 checks on every probe */
  maxAgeMs: number;
  /** called with the new outcome when it differs from the last one (the first one included) */
  onChange: (outcome: ReadinessOutcome, previous: ReadinessOutcome | null) => void;
  now?: () => number;
};

export function createReadiness({
  checks,
  maxAgeMs,
  onChange,
  now = Date.now,
}: ReadinessOptions): Readiness {
  let last: { outcome: ReadinessOutcome; startedAt: number } | null = null;
  let running: Promise<ReadinessOutcome> | null = null;

  async function check(): Promise<ReadinessOutcome> {
    const startedAt = now();
    let outcome: ReadinessOutcome = { ready: true };
    for (const { failure, run } of checks) {
      try {
        await run();
      } catch (error) {
        outcome = { ready: false, failure, error };
        break;
      }
    }
    const previous = last?.outcome ?? null;
    // The age counts from the start: an answer is never older than maxAgeMs since it was asked.
    last = { outcome, startedAt };
    if (!previous || changed(previous, outcome)) onChange(outcome, previous);
    return outcome;
  }

  return {
    current() {
      if (last && now() - last.startedAt < maxAgeMs) return Promise.resolve(last.outcome);
      running ??= check().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

function changed(previous: ReadinessOutcome, next: ReadinessOutcome): boolean {
  if (previous.ready || next.ready) return previous.ready !== next.ready;
  return previous.failure !== next.failure;
}
