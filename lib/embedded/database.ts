/**
 * Opens the embedded backend's SQLite file and creates its schema. The tables
 * mirror what Authlete keeps: a scope catalogue, clients with language-tagged
 * metadata, and token records from which the "authorized apps" list is derived.
 * Demo users live here too: the embedded backend is also the sign-in source.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS scopes (
  name        TEXT PRIMARY KEY,
  description TEXT,
  position    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS scope_descriptions (
  scope TEXT NOT NULL REFERENCES scopes(name) ON DELETE CASCADE,
  tag   TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (scope, tag)
);
CREATE TABLE IF NOT EXISTS clients (
  client_id          INTEGER PRIMARY KEY,
  client_name        TEXT NOT NULL,
  description        TEXT,
  developer          TEXT NOT NULL,
  logo_uri           TEXT,
  client_uri         TEXT,
  policy_uri         TEXT,
  tos_uri            TEXT,
  client_secret      TEXT NOT NULL,
  redirect_uris      TEXT NOT NULL DEFAULT '[]',
  -- JSON array; NULL means "every scope the service supports", as in Authlete
  requestable_scopes TEXT,
  created_at         INTEGER NOT NULL,
  -- Authlete's clientSource (NULL: not said, as an older service); see docs/authlete.md#client-get
  client_source      TEXT,
  dynamically_registered INTEGER NOT NULL DEFAULT 0,
  -- JSON array of Authlete's client attributes [{key, value}]; NULL: none
  attributes         TEXT
);
CREATE TABLE IF NOT EXISTS client_tagged_values (
  client_id INTEGER NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
  field     TEXT NOT NULL CHECK (field IN ('clientName', 'description', 'logoUri', 'clientUri', 'policyUri', 'tosUri')),
  tag       TEXT NOT NULL,
  value     TEXT NOT NULL,
  PRIMARY KEY (client_id, field, tag)
);
CREATE TABLE IF NOT EXISTS users (
  subject       TEXT PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS access_tokens (
  id                       INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id                INTEGER NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
  subject                  TEXT NOT NULL,
  access_token_hash        TEXT NOT NULL,
  refresh_token_hash       TEXT,
  grant_type               TEXT NOT NULL,
  scopes                   TEXT NOT NULL,
  created_at               INTEGER NOT NULL,
  last_refreshed_at        INTEGER NOT NULL DEFAULT 0,
  access_token_expires_at  INTEGER NOT NULL,
  refresh_token_expires_at INTEGER NOT NULL DEFAULT 0,
  -- JSON array or NULL: the refresh token's own scopes as Authlete v3 keeps them
  -- (docs/authlete.md#refresh-token-scopes). The embedded backend never sets or reads it: its
  -- refresh tokens carry the access token's scopes. The Authlete test server sends it as v3's
  -- refreshTokenScopes and leaves it alone on updates, the case a page must be ready for.
  refresh_token_scopes     TEXT,
  -- JSON array of Authlete's token properties, {key, value, hidden}; NULL when none. A
  -- non-hidden one may name the device a grant was made on (TOKEN_LABEL_PROPERTY)
  properties               TEXT
);
CREATE INDEX IF NOT EXISTS access_tokens_by_subject_client ON access_tokens (subject, client_id);
`;

/** Opens (creating if needed) the database file and its schema. Idempotent. */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Several processes (the app, test fixtures) share the file: wait rather than fail on a lock.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  addMissingColumns(db);
  return db;
}

/**
 * Columns added after a database file may already exist: CREATE TABLE IF NOT EXISTS leaves an
 * older table as it was, so each is added here when missing. Idempotent.
 */
function addMissingColumns(db: Db): void {
  const added: ReadonlyArray<[table: string, column: string, definition: string]> = [
    ['clients', 'client_source', 'TEXT'],
    ['clients', 'dynamically_registered', 'INTEGER NOT NULL DEFAULT 0'],
    ['clients', 'attributes', 'TEXT'],
    ['access_tokens', 'refresh_token_scopes', 'TEXT'],
    ['access_tokens', 'properties', 'TEXT'],
  ];
  for (const [table, column, definition] of added) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
    if (columns.some((existing) => existing.name === column)) continue;
    db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
}
