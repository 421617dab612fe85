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
  created_at         INTEGER NOT NULL
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
  -- JSON array or NULL: see REFRESH_TOKEN_SCOPES below
  refresh_token_scopes     TEXT
);
CREATE INDEX IF NOT EXISTS access_tokens_by_subject_client ON access_tokens (subject, client_id);
`;

/**
 * The scopes tied to a refresh token apart from the access token's, as Authlete v3 keeps them
 * (docs/authlete.md#refresh-token-scopes). The embedded backend never sets or reads it: its
 * refresh tokens carry the access token's scopes, so a narrowing narrows renewal too. The
 * Authlete test server (tests/support/authlete-server) sends it as v3's `refreshTokenScopes`
 * and leaves it alone on updates, the case a page must be ready for. Added to older files here.
 */
function addRefreshTokenScopes(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(access_tokens)').all();
  if (!columns.some((column) => column.name === 'refresh_token_scopes')) {
    db.exec('ALTER TABLE access_tokens ADD COLUMN refresh_token_scopes TEXT');
  }
}

/** Opens (creating if needed) the database file and its schema. Idempotent. */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Several processes (the app, test fixtures) share the file: wait rather than fail on a lock.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  addRefreshTokenScopes(db);
  return db;
}
