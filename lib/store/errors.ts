/**
 * Why the app store cannot start, in words an operator can act on: which
 * variable to look at and what is wrong — never the value itself, since a
 * database URL carries a password.
 */
import 'server-only';
import type { StoreTarget } from './target';

/** The store cannot be used: unreachable, or its schema is not one this code knows. Stops the server at start. */
export class StoreStartError extends Error {
  override name = 'StoreStartError';
}

/** The variable an operator sets to choose this database. */
export function variableOf(target: StoreTarget): 'DATABASE_URL' | 'DATABASE_PATH' {
  return target.kind === 'postgres' ? 'DATABASE_URL' : 'DATABASE_PATH';
}

/** Where the database is, for a message: host, port and database name; no user, no password. */
export function describeTarget(target: StoreTarget): string {
  if (target.kind === 'sqlite') return `the SQLite file ${target.path}`;
  const url = new URL(target.url);
  const database = safeDecode(url.pathname.replace(/^\//, '')) || '(default database)';
  return `PostgreSQL at ${url.hostname}:${url.port || '5432'}, database ${database}`;
}

/** A driver error in one line: its code and message (Node's connection errors may have only one). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  // Connecting to `localhost` tries every address it resolves to; the reasons are inside.
  const inner = error instanceof AggregateError ? error.errors[0] : undefined;
  const message = error.message || (inner instanceof Error ? inner.message : '');
  return [typeof code === 'string' ? code : undefined, message].filter(Boolean).join(': ');
}

/** Removes the URL's password (and the URL itself) from text that came from a driver. */
export function withoutSecrets(text: string, target: StoreTarget): string {
  if (target.kind === 'sqlite') return text;
  const url = new URL(target.url);
  let cleaned = text.split(target.url).join('<DATABASE_URL>');
  for (const secret of [url.password, safeDecode(url.password)].filter(Boolean))
    cleaned = cleaned.split(secret).join('<password>');
  return cleaned;
}

/** Percent-decoded, or as it is when it is not valid percent-encoding. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function unreachable(target: StoreTarget, error: unknown): StoreStartError {
  return new StoreStartError(
    withoutSecrets(
      `${variableOf(target)}: cannot use ${describeTarget(target)} (${describeError(error)})`,
      target,
    ),
  );
}
