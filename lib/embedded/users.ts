/** The embedded backend's people: checks a demo login against its stored hash. */
import type { Db } from './database';
import { UNMATCHABLE_HASH, verifyPassword } from './passwords';

export type EmbeddedUser = { subject: string; displayName: string };

/** Logins are stored, looked up and rate-limited in one form: trimmed, lower case. */
export function canonicalLogin(login: string): string {
  return login.trim().toLowerCase();
}

export async function verifyCredentials(
  db: Db,
  login: string,
  password: string,
): Promise<EmbeddedUser | null> {
  const row = db
    .prepare<[string], { subject: string; display_name: string; password_hash: string }>(
      'SELECT subject, display_name, password_hash FROM users WHERE login = ?',
    )
    .get(canonicalLogin(login));
  // Unknown logins still pay for a hash, so response time does not reveal which logins exist.
  const matches = await verifyPassword(password, row?.password_hash ?? UNMATCHABLE_HASH);
  return row && matches ? { subject: row.subject, displayName: row.display_name } : null;
}
