/**
 * Writes users, apps and token records into the embedded database. The demo
 * seed runs once per database file; tests use the same builders to make their
 * own throw-away people and grants, so they exercise the real schema.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './database';
import { DEMO_APPS, DEMO_PASSWORD, DEMO_USERS, SCOPE_CATALOGUE, type DemoApp } from './demo-data';
import { DEFAULT_FIRST_PARTY_ATTRIBUTE } from '../grants/first-party';
import { hashPassword } from './passwords';
import { canonicalLogin } from './users';

const DAY = 24 * 60 * 60 * 1000;
const SEED_VERSION = '1';
/** Demo client IDs look like Authlete's: large numbers assigned by the service. */
const DEMO_CLIENT_ID_BASE = 3_100_000_000_000n;

export type NewUser = { login: string; password: string; displayName: string; subject?: string };

export function createUser(db: Db, user: NewUser): { subject: string } {
  const subject = user.subject ?? `user-${randomBytes(8).toString('hex')}`;
  db.prepare(
    'INSERT INTO users (subject, login, display_name, password_hash) VALUES (?, ?, ?, ?)',
  ).run(subject, canonicalLogin(user.login), user.displayName, hashPassword(user.password));
  return { subject };
}

type Tagged = Partial<
  Record<
    'clientName' | 'description' | 'logoUri' | 'clientUri' | 'policyUri' | 'tosUri',
    Record<string, string>
  >
>;

export type NewClient = {
  clientId?: bigint;
  name: string;
  description?: string;
  developer: string;
  logoUri?: string | null;
  clientUri?: string | null;
  policyUri?: string | null;
  tosUri?: string | null;
  /** null: every scope the service supports (Authlete's default) */
  requestableScopes?: readonly string[] | null;
  tagged?: Tagged;
  createdAt?: number;
  /** Authlete's clientSource; absent: not said (an older service) */
  clientSource?: ClientSource;
  /** Authlete's client attributes, the operator's own `{key, value}` pairs */
  attributes?: ReadonlyArray<{ key: string; value: string }>;
};

/** Authlete's clientSource values (docs/authlete.md#client-get). */
export type ClientSource =
  | 'STATIC_REGISTRATION'
  | 'DYNAMIC_REGISTRATION'
  | 'AUTOMATIC_REGISTRATION'
  | 'EXPLICIT_REGISTRATION'
  | 'METADATA_DOCUMENT';

/** Inserts a client (an app) and returns its ID as a decimal string. */
export function createClient(db: Db, client: NewClient): string {
  const clientId = client.clientId ?? randomClientId();
  db.prepare(
    `INSERT INTO clients (client_id, client_name, description, developer, logo_uri, client_uri, policy_uri, tos_uri,
       client_secret, redirect_uris, requestable_scopes, created_at, client_source, dynamically_registered,
       attributes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    clientId,
    client.name,
    client.description ?? null,
    client.developer,
    client.logoUri ?? null,
    client.clientUri ?? null,
    client.policyUri ?? null,
    client.tosUri ?? null,
    // A secret exists in every real client record; the store must never let it out.
    randomBytes(24).toString('base64url'),
    JSON.stringify(['https://app.example/callback']),
    client.requestableScopes === undefined || client.requestableScopes === null
      ? null
      : JSON.stringify(client.requestableScopes),
    client.createdAt ?? Date.now(),
    client.clientSource ?? null,
    // Authlete sets the older flag for clients that came through dynamic registration.
    client.clientSource === 'DYNAMIC_REGISTRATION' ? 1 : 0,
    client.attributes?.length ? JSON.stringify(client.attributes) : null,
  );
  const insertTagged = db.prepare(
    'INSERT INTO client_tagged_values (client_id, field, tag, value) VALUES (?, ?, ?, ?)',
  );
  for (const [field, byTag] of Object.entries(client.tagged ?? {})) {
    for (const [tag, value] of Object.entries(byTag)) insertTagged.run(clientId, field, tag, value);
  }
  return clientId.toString();
}

/** A random ID above 2^53, so every run exercises IDs a JS number would corrupt. */
export function randomClientId(): bigint {
  return 2n ** 53n + BigInt(`0x${randomBytes(6).toString('hex')}`);
}

export type NewToken = {
  subject: string;
  clientId: string;
  scopes: readonly string[];
  createdAt?: number;
  lastRefreshedAt?: number;
  grantType?: string;
  /** default: true when offline_access is among the scopes */
  withRefreshToken?: boolean;
  /** default: a day after the grant or its last refresh */
  accessTokenExpiresAt?: number;
  /** default: a year after the grant (when there is a refresh token) */
  refreshTokenExpiresAt?: number;
  /** the refresh token's own scopes, as Authlete v3 may keep them (lib/embedded/database.ts) */
  refreshTokenScopes?: readonly string[];
  /** Authlete's token properties (`hidden` ones are never shown to the person) */
  properties?: ReadonlyArray<{ key: string; value: string; hidden?: boolean }>;
};

export function createToken(db: Db, token: NewToken): void {
  const createdAt = token.createdAt ?? Date.now();
  const withRefreshToken = token.withRefreshToken ?? token.scopes.includes('offline_access');
  db.prepare(
    `INSERT INTO access_tokens (client_id, subject, access_token_hash, refresh_token_hash, grant_type, scopes,
       created_at, last_refreshed_at, access_token_expires_at, refresh_token_expires_at, refresh_token_scopes,
       properties)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    BigInt(token.clientId),
    token.subject,
    tokenHash(),
    withRefreshToken ? tokenHash() : null,
    token.grantType ?? 'AUTHORIZATION_CODE',
    JSON.stringify(token.scopes),
    createdAt,
    token.lastRefreshedAt ?? 0,
    token.accessTokenExpiresAt ?? Math.max(createdAt, token.lastRefreshedAt ?? 0) + DAY,
    withRefreshToken ? (token.refreshTokenExpiresAt ?? createdAt + 365 * DAY) : 0,
    withRefreshToken && token.refreshTokenScopes ? JSON.stringify(token.refreshTokenScopes) : null,
    token.properties?.length
      ? JSON.stringify(token.properties.map((p) => ({ ...p, hidden: p.hidden ?? false })))
      : null,
  );
}

function tokenHash(): string {
  return createHash('sha256').update(randomBytes(32)).digest('base64url');
}

/** Writes the scope catalogue if it is missing. */
export function ensureScopeCatalogue(db: Db): void {
  const insertScope = db.prepare(
    'INSERT OR IGNORE INTO scopes (name, description, position) VALUES (?, ?, ?)',
  );
  const insertDescription = db.prepare(
    'INSERT OR IGNORE INTO scope_descriptions (scope, tag, value) VALUES (?, ?, ?)',
  );
  db.transaction(() => {
    SCOPE_CATALOGUE.forEach((scope, position) => {
      insertScope.run(scope.name, scope.en, position);
      insertDescription.run(scope.name, 'en', scope.en);
      insertDescription.run(scope.name, 'ja', scope.ja);
    });
  })();
}

/**
 * Creates the catalogue, demo apps and demo users once per database file.
 * Safe to call on every start and from several processes at once.
 */
export function seedDemoData(db: Db, now = Date.now()): void {
  db.transaction(() => {
    const seeded = db.prepare("SELECT value FROM meta WHERE key = 'seed_version'").get();
    if (seeded) return;
    ensureScopeCatalogue(db);
    const clientIds = new Map<string, string>();
    DEMO_APPS.forEach((app, index) => {
      clientIds.set(app.slug, createDemoClient(db, app, index, now));
    });
    for (const user of DEMO_USERS) {
      createUser(db, {
        login: user.login,
        password: DEMO_PASSWORD,
        displayName: user.displayName,
        subject: user.subject,
      });
      const count = user.apps.length;
      user.apps.forEach((slug, position) => {
        const app = DEMO_APPS.find((candidate) => candidate.slug === slug)!;
        grantDemoApp(db, user.subject, clientIds.get(slug)!, app, position, count, now);
      });
    }
    db.prepare("INSERT INTO meta (key, value) VALUES ('seed_version', ?)").run(SEED_VERSION);
  }).immediate();
}

function createDemoClient(db: Db, app: DemoApp, index: number, now: number): string {
  const site = `https://${app.slug}.example`;
  const tagged: Tagged = {};
  if (app.nameJa) tagged.clientName = { ja: app.nameJa };
  if (app.descriptionJa) tagged.description = { ja: app.descriptionJa };
  return createClient(db, {
    clientId: DEMO_CLIENT_ID_BASE + BigInt(index * 7919 + 17),
    name: app.name,
    description: app.description,
    developer: app.developer,
    logoUri: app.logo ? `/logos/${app.slug}.svg` : null,
    clientUri: site,
    policyUri: `${site}/privacy`,
    tosUri: `${site}/terms`,
    requestableScopes: app.scopes,
    clientSource: app.clientSource,
    attributes: app.firstParty ? [{ key: DEFAULT_FIRST_PARTY_ATTRIBUTE, value: 'true' }] : [],
    tagged,
    createdAt: now - 800 * DAY,
  });
}

/**
 * Gives a demo person one to three token records for an app, spread over the
 * past two years, so dates, "never used" and scope unions all have examples.
 */
function grantDemoApp(
  db: Db,
  subject: string,
  clientId: string,
  app: DemoApp,
  position: number,
  count: number,
  now: number,
) {
  if (app.expired) {
    // One grant, renewed last 390 days ago: its access ended then, its renewal 35 days ago.
    const createdAt = now - 400 * DAY;
    createToken(db, {
      subject,
      clientId,
      scopes: app.scopes,
      createdAt,
      lastRefreshedAt: now - 390 * DAY,
    });
    return;
  }
  const authorizedDaysAgo = 20 + Math.round(((count - position) / Math.max(count, 1)) * 700);
  const tokenCount = 1 + (position % 3);
  for (let t = 0; t < tokenCount; t++) {
    const createdAt = now - (authorizedDaysAgo - t * 9) * DAY;
    // Every fourth app has never been used since it was authorized.
    const lastRefreshedAt =
      position % 4 === 3
        ? 0
        : Math.max(createdAt + 3600_000, now - ((position * 5 + t) % 120) * DAY - 3600_000);
    // Later tokens may carry fewer scopes; the app's grant is the union.
    const scopes =
      t === 0 ? app.scopes : app.scopes.filter((_, i) => i !== 1 || app.scopes.length < 3);
    // An app without offline_access gets no refresh token, so its access must still be live for
    // it to act at all: its access ends within the coming week. A refresh token's year starts
    // again at each renewal (Authlete's refreshTokenDurationReset). So the demo's apps are in
    // use, but for the `expired` one and any not renewed for a year (lib/grants/cleanup.ts).
    // `renewal` shows the two cases where the scopes do not tell (demo-data.ts).
    const renewable =
      app.renewal === 'without_offline_access' ||
      (scopes.includes('offline_access') && app.renewal !== 'stopped');
    createToken(db, {
      subject,
      clientId,
      scopes,
      createdAt,
      lastRefreshedAt,
      withRefreshToken: renewable || app.renewal === 'stopped',
      accessTokenExpiresAt: renewable ? undefined : now + (1 + ((position + t) % 7)) * DAY,
      refreshTokenExpiresAt: renewable
        ? Math.max(createdAt, lastRefreshedAt) + 365 * DAY
        : app.renewal === 'stopped'
          ? now - DAY
          : undefined,
    });
  }
  (app.devices ?? []).forEach((label, index) => {
    const createdAt = now - (authorizedDaysAgo - 30 - index * 7) * DAY;
    createToken(db, {
      subject,
      clientId,
      scopes: app.scopes,
      createdAt,
      lastRefreshedAt: now - (index + 1) * 3600_000,
      grantType: 'DEVICE_CODE',
      properties: [
        { key: 'device', value: label },
        // A hidden property, as a service may keep one for itself: it never reaches the page.
        { key: 'install_id', value: `demo-${index}`, hidden: true },
      ],
    });
  });
}
