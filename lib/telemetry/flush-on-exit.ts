/**
 * Spans and metrics still queued when the process is told to stop. Next's
 * server handles SIGTERM and SIGINT itself: it stops accepting connections,
 * lets the requests in flight finish, then calls `process.exit` at once
 * (node_modules/next/dist/server/lib/start-server.js), with no hook for the
 * app. That exit would drop what the batch span processor still holds — the
 * spans of the last requests — and the metrics since the last export. So once
 * a signal came, the exit is held until the providers have shut down (which
 * exports what they hold), for at most `timeoutMs`: a collector that does not
 * answer must not keep a stopping instance alive past its orchestrator's grace
 * period (Docker's default is 10 s, Kubernetes' 30 s).
 */

/** What this module needs of `process`, so the rule is tested without sending signals. */
export type ExitingProcess = {
  exit: (code?: number) => never;
  once: (signal: NodeJS.Signals, listener: () => void) => unknown;
};

/** How long a stopping process waits for its telemetry to be exported. */
export const TELEMETRY_FLUSH_MS = 5000;

/**
 * From the first SIGTERM or SIGINT on, the process's next `exit` first runs `flush`, and exits
 * when it settles or after `timeoutMs`, whichever comes first, with the code it was given.
 */
export function flushBeforeExit(
  target: ExitingProcess,
  flush: () => Promise<unknown>,
  timeoutMs = TELEMETRY_FLUSH_MS,
): void {
  let held = false;
  const hold = () => {
    if (held) return;
    held = true;
    const exit = target.exit;
    target.exit = ((code?: number) => {
      // Only this one exit waits; anything calling exit while it waits exits at once.
      target.exit = exit;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      void Promise.race([flush().catch(() => {}), deadline]).then(() => {
        clearTimeout(timer);
        exit(code);
      });
    }) as ExitingProcess['exit'];
  };
  target.once('SIGTERM', hold);
  target.once('SIGINT', hold);
}
