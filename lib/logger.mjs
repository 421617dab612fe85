/**
 * The one log format, for the app (lib/log.ts) and the start scripts alike:
 * pino writing one JSON object per line to stdout, with `level` as a word,
 * `time` in ISO 8601, `msg` naming the event, and errors (under `error` or
 * `err`) with their type, message, stack and cause chain. Plain JavaScript
 * (zero-config.d.mts style types beside it) so the start scripts can use it
 * before any build exists.
 *
 * Lines go through `process.stdout.write`, which is synchronous for files and
 * pipes on Linux (https://nodejs.org/api/process.html#a-note-on-process-io):
 * a line written just before `process.exit` is never lost.
 */
import pino from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * @param {{ level?: string, mixin?: () => Record<string, unknown> }} [options] `level`: one of
 *   LOG_LEVELS (anything else means `info`); `mixin`: fields added to every line
 */
export function createLogger({ level, mixin } = {}) {
  return pino(
    {
      level: level && LOG_LEVELS.includes(level) ? level : 'info',
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: serializeError, err: serializeError },
      mixin,
    },
    { write: (line) => process.stdout.write(line) },
  );
}

/**
 * pino's error serializer, with `type` taken from the error's `name`: pino
 * reads the constructor's name, which the production build minifies (an
 * AuthleteHttpError would log as `K`); our errors name themselves.
 * @param {unknown} error
 */
function serializeError(error) {
  const serialized = pino.stdSerializers.errWithCause(error);
  for (
    let from = error, to = serialized;
    from instanceof Error && to;
    from = from.cause, to = to.cause
  ) {
    to.type = from.name;
  }
  return serialized;
}
