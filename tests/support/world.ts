/**
 * Throw-away people and grants for one test, written straight into the run's
 * database through the seed builders (the same schema the app reads). Names
 * carry a random tag so tests never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../lib/embedded/database';
import {
  createClient,
  createToken,
  createUser,
  ensureScopeCatalogue,
  type NewClient,
  type NewToken,
} from '../../lib/embedded/seed';

const DAY = 24 * 60 * 60 * 1000;

export type TestUser = { login: string; password: string; subject: string; displayName: string };
export type TestApp = { clientId: string; name: string };

export type TokenRecord = { scopes: string[]; created_at: number };

export function createWorld(db: Db) {
  ensureScopeCatalogue(db);
  const tag = randomBytes(4).toString('hex');
  // One clock per world, so grants made "2 days ago" in one test tie exactly.
  const now = Date.now();
  let counter = 0;

  function createPerson(name = 'Tester'): TestUser {
    const login = `${name.toLowerCase()}-${tag}-${++counter}`;
    const password = `pw-${randomBytes(6).toString('hex')}`;
    const displayName = `${name} ${tag}`;
    const { subject } = createUser(db, { login, password, displayName });
    return { login, password, subject, displayName };
  }

  function createApp(overrides: Partial<NewClient> = {}): TestApp {
    const name = overrides.name ?? `App ${tag}-${++counter}`;
    const clientId = createClient(db, {
      developer: 'Test Developer',
      description: `The app called ${name}.`,
      clientUri: 'https://app.example',
      policyUri: 'https://app.example/privacy',
      tosUri: 'https://app.example/terms',
      ...overrides,
      name,
    });
    return { clientId, name };
  }

  /** Gives `user` one token for `app`; `daysAgo` orders apps (oldest authorization first). */
  function grant(user: TestUser, app: TestApp, scopes: readonly string[], daysAgo = 10) {
    grantAt(user, app, scopes, now - daysAgo * DAY);
  }

  /** Gives `user` one token for `app` issued at exactly `createdAt` (ms since epoch). */
  function grantAt(user: TestUser, app: TestApp, scopes: readonly string[], createdAt: number) {
    createToken(db, { subject: user.subject, clientId: app.clientId, scopes, createdAt });
  }

  /** Gives `user` one token for `app` with the rest of its fields as given (expiries, renewal scopes). */
  function grantToken(user: TestUser, app: TestApp, token: Omit<NewToken, 'subject' | 'clientId'>) {
    createToken(db, { ...token, subject: user.subject, clientId: app.clientId });
  }

  /** A person with `count` apps, authorized a day apart in list order. */
  function personWithApps(
    count: number,
    scopes: readonly string[] = ['openid', 'profile', 'photos.read'],
  ) {
    const user = createPerson();
    const apps = Array.from({ length: count }, (_, index) => {
      const app = createApp({ name: `App ${String(index + 1).padStart(2, '0')} ${tag}` });
      grant(user, app, scopes, count - index + 1);
      return app;
    });
    return { user, apps };
  }

  /** A person with one app, authorized with `scopes` ten days ago. */
  function personWithApp(scopes: readonly string[]) {
    const user = createPerson();
    const app = createApp();
    grant(user, app, scopes);
    return { user, app };
  }

  /** A person with one app, named `${appName} <tag>`, holding one token per entry of `tokens`. */
  function personHoldingApp(appName: string, tokens: Omit<NewToken, 'subject' | 'clientId'>[]) {
    const user = createPerson();
    const app = createApp({ name: `${appName} ${tag}` });
    for (const token of tokens) grantToken(user, app, token);
    return { user, app };
  }

  function tokensOf(user: TestUser, app: TestApp): TokenRecord[] {
    return db
      .prepare<[string, bigint], { scopes: string; created_at: number }>(
        'SELECT scopes, created_at FROM access_tokens WHERE subject = ? AND client_id = ? ORDER BY id',
      )
      .all(user.subject, BigInt(app.clientId))
      .map((row) => ({ scopes: JSON.parse(row.scopes) as string[], created_at: row.created_at }));
  }

  /** Records a refresh of every token `user` holds for `app`, as an app's use of its access. */
  function touch(user: TestUser, app: TestApp, at: number) {
    db.prepare(
      'UPDATE access_tokens SET last_refreshed_at = ? WHERE subject = ? AND client_id = ?',
    ).run(at, user.subject, BigInt(app.clientId));
  }

  /**
   * Makes the database itself refuse to delete this app's tokens: a real backend failure.
   * Returns what clears the fault again.
   */
  function failDeletesFor(app: TestApp): () => void {
    const trigger = `refuse_delete_${app.clientId}`;
    db.exec(`CREATE TRIGGER IF NOT EXISTS ${trigger} BEFORE DELETE ON access_tokens
             WHEN OLD.client_id = ${BigInt(app.clientId)} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    return () => db.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
  }

  /**
   * Makes the database itself refuse to change this app's tokens (stopping renewal is an update):
   * a real backend failure. Returns what clears the fault again.
   */
  function failUpdatesFor(app: TestApp): () => void {
    const trigger = `refuse_update_${app.clientId}`;
    db.exec(`CREATE TRIGGER IF NOT EXISTS ${trigger} BEFORE UPDATE ON access_tokens
             WHEN OLD.client_id = ${BigInt(app.clientId)} BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    return () => db.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
  }

  return {
    tag,
    createPerson,
    createApp,
    grant,
    grantAt,
    grantToken,
    personWithApps,
    personWithApp,
    personHoldingApp,
    tokensOf,
    touch,
    failDeletesFor,
    failUpdatesFor,
  };
}

export type World = ReturnType<typeof createWorld>;
