/**
 * What the backend holds, read straight from the e2e database, for checking
 * that a refused request changed nothing. Other tests write to the same
 * database at the same time, so a snapshot covers whole rows of every table
 * the app writes or reads, limited to the people and apps a test names (its
 * own throw-away ones, and the demo people, whom no test changes).
 */
import type { Db } from '../../../lib/embedded/database';
import { DEMO_USERS } from '../../../lib/embedded/demo-data';
import type { TestApp, TestUser } from '../../support/world';

export type BackendState = {
  tokens: Record<string, unknown>[];
  clients: Record<string, unknown>[];
  taggedValues: Record<string, unknown>[];
  users: Record<string, unknown>[];
  scopes: Record<string, unknown>[];
  scopeDescriptions: Record<string, unknown>[];
};

export const DEMO_SUBJECTS = DEMO_USERS.map((user) => user.subject);

/**
 * Every row about `people` (their tokens, whatever the app) and `apps` (the app,
 * its metadata, anyone's tokens for it), the demo people's tokens, and the
 * scope catalogue.
 */
export function backendState(
  db: Db,
  people: readonly TestUser[],
  apps: readonly TestApp[] = [],
): BackendState {
  const subjects = [...people.map((person) => person.subject), ...DEMO_SUBJECTS];
  const clientIds = apps.map((app) => BigInt(app.clientId));
  const inList = (values: readonly unknown[]) =>
    values.length === 0 ? '(NULL)' : `(${values.map(() => '?').join(', ')})`;
  const all = (sql: string, ...params: unknown[]) =>
    db
      .prepare(sql)
      .safeIntegers(true)
      .all(...params)
      .map((row) => stringifyBigInts(row as Record<string, unknown>));
  return {
    tokens: all(
      `SELECT * FROM access_tokens WHERE subject IN ${inList(subjects)} OR client_id IN ${inList(clientIds)} ORDER BY id`,
      ...subjects,
      ...clientIds,
    ),
    clients: all(
      `SELECT * FROM clients WHERE client_id IN ${inList(clientIds)} ORDER BY client_id`,
      ...clientIds,
    ),
    taggedValues: all(
      `SELECT * FROM client_tagged_values WHERE client_id IN ${inList(clientIds)} ORDER BY client_id, field, tag`,
      ...clientIds,
    ),
    users: all(
      `SELECT * FROM users WHERE subject IN ${inList(subjects)} ORDER BY subject`,
      ...subjects,
    ),
    scopes: all('SELECT * FROM scopes ORDER BY name'),
    scopeDescriptions: all('SELECT * FROM scope_descriptions ORDER BY scope, tag'),
  };
}

function stringifyBigInts(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === 'bigint' ? value.toString() : value,
    ]),
  );
}
