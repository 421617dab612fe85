/**
 * The app's log lines, as a test sees them: lib/logger.mjs writes each JSON
 * line through `process.stdout.write`, so capturing that call captures the log
 * (and keeps it off the test output). Restored by `vi.restoreAllMocks()`.
 */
import { vi } from 'vitest';

export type LogLine = Record<string, unknown>;

/** Starts capturing; the returned array fills with every JSON line written from now on. */
export function captureLogLines(): LogLine[] {
  const lines: LogLine[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    for (const text of String(chunk).split('\n')) {
      if (text.startsWith('{')) lines.push(JSON.parse(text) as LogLine);
    }
    return true;
  });
  return lines;
}

/** Lines at `level` only. */
export function atLevel(lines: readonly LogLine[], level: string): LogLine[] {
  return lines.filter((line) => line.level === level);
}
