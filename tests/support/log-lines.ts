/**
 * The app's log lines, as a test sees them: lib/logger.mjs writes each JSON
 * line through `process.stdout.write`, so capturing that call captures the log
 * (and keeps it off the test output). Restored by `vi.restoreAllMocks()`.
 */
import { afterEach, beforeEach, vi } from 'vitest';

export type LogLine = Record<string, unknown>;

/** Starts capturing; the returned array fills with every JSON line written from now on. */
export function captureLogLines(lines: LogLine[] = []): LogLine[] {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const text of String(chunk).split('\n')) {
      if (text.startsWith('{')) lines.push(JSON.parse(text) as LogLine);
    }
    return true;
  });
  return lines;
}

/**
 * Call at the top of a test file: the returned array holds the log lines of the test that is
 * running, captured from its start and no longer once it ends.
 */
export function logLinesOfEachTest(): LogLine[] {
  const lines: LogLine[] = [];
  beforeEach(() => {
    lines.length = 0;
    captureLogLines(lines);
  });
  afterEach(() => {
    vi.mocked(process.stdout.write).mockRestore();
  });
  return lines;
}

/** Lines at `level` only. */
export function atLevel(lines: readonly LogLine[], level: string): LogLine[] {
  return lines.filter((line) => line.level === level);
}
