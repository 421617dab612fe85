/**
 * Server log: one JSON object per line on stdout (lib/logger.mjs), so
 * operators can ship and query it. `msg` names the event; callers pass facts,
 * never secrets or raw credentials. A line written while serving a request
 * names that request's id. `LOG_LEVEL` sets the level (default `info`).
 */
import type { Logger } from 'pino';
import { logLevelSetting } from './env';
import { createLogger } from './logger.mjs';
import { currentRequestId } from './request-id';

// One logger per process: Next bundles this module once for pages and actions and once for route
// handlers, and both must write the same lines at the same level.
const holder = globalThis as typeof globalThis & { __logger?: Logger };

function logger(): Logger {
  holder.__logger ??= createLogger({
    level: logLevelSetting(),
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  });
  return holder.__logger;
}

type Fields = Record<string, unknown>;

export const log = {
  debug: (event: string, fields: Fields = {}) => logger().debug(fields, event),
  info: (event: string, fields: Fields = {}) => logger().info(fields, event),
  warn: (event: string, fields: Fields = {}) => logger().warn(fields, event),
  error: (event: string, fields: Fields = {}) => logger().error(fields, event),
  fatal: (event: string, fields: Fields = {}) => logger().fatal(fields, event),
};
