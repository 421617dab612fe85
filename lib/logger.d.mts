/** Types for logger.mjs (plain JavaScript so the start scripts can log before any build exists). */
import type { Logger } from 'pino';

export const LOG_LEVELS: readonly ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function createLogger(options?: {
  level?: string;
  mixin?: () => Record<string, unknown>;
}): Logger;
