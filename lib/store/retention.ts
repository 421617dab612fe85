/**
 * Retention: history entries older than HISTORY_RETENTION_DAYS are deleted,
 * with their events — once at start and then every hour, on every instance
 * (deleting what another instance already deleted is harmless).
 */
import 'server-only';
import { log } from '../log';
import type { HistoryStore } from './history';

const DAY_MS = 24 * 60 * 60 * 1000;
const EVERY_MS = 60 * 60 * 1000;

/** Starts the hourly clean-up; returns a function that stops it. */
export function scheduleHistoryRetention(history: HistoryStore, retentionDays: number): () => void {
  const run = async () => {
    try {
      const deleted = await history.deleteOlderThan(Date.now() - retentionDays * DAY_MS);
      if (deleted > 0) log.info('history.retention', { deleted, retentionDays });
    } catch (error) {
      log.warn('history.retention_failed', { error });
    }
  };
  void run();
  const timer = setInterval(run, EVERY_MS);
  // Never what keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
