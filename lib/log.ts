/**
 * Server log: one JSON object per line on stdout, so operators can ship and
 * query it. Callers pass facts, never secrets or raw credentials. A line
 * written while serving a request names that request's id.
 */
import { currentRequestId } from './request-id';

type Level = 'info' | 'warn' | 'error';

function write(level: Level, event: string, fields: Record<string, unknown>) {
  const requestId = currentRequestId();
  const line = JSON.stringify(
    { time: new Date().toISOString(), level, event, ...(requestId && { requestId }), ...fields },
    errorReplacer,
  );
  if (level === 'error') console.error(line);
  else console.log(line);
}

// Errors do not serialize by default; keep what helps an operator, drop the rest.
function errorReplacer(_key: string, value: unknown) {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

export const log = {
  info: (event: string, fields: Record<string, unknown> = {}) => write('info', event, fields),
  warn: (event: string, fields: Record<string, unknown> = {}) => write('warn', event, fields),
  error: (event: string, fields: Record<string, unknown> = {}) => write('error', event, fields),
};
