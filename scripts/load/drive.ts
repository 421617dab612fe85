/**
 * Runs a fixed number of workers until a deadline (or an abort): each worker
 * calls its `step` again as soon as the previous request is answered (a closed
 * loop), and every answer is recorded. A request in flight at the deadline is
 * allowed to finish and counted.
 */

export type Sample = { operation: string; ms: number; error: string | null };

export type Run = { samples: Sample[]; elapsedMs: number };

export async function runFor(
  durationMs: number,
  steps: readonly (() => Promise<Sample>)[],
  stop: AbortSignal,
): Promise<Run> {
  const samples: Sample[] = [];
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    steps.map(async (step) => {
      while (performance.now() < deadline && !stop.aborted) samples.push(await step());
    }),
  );
  return { samples, elapsedMs: performance.now() - started };
}

/** Runs one request; one that throws (refused connection, reset socket) is a failed sample. */
export async function attempt(operation: string, run: () => Promise<Sample>): Promise<Sample> {
  const started = performance.now();
  try {
    return await run();
  } catch (error) {
    return { operation, ms: performance.now() - started, error: reason(error) };
  }
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}
