/**
 * What only the embedded backend promises. Authlete's semantics (paging,
 * update, delete, ownership, secrets) are checked for both backends by the
 * contract suite (tests/contract/); here: the list's order, which Authlete
 * leaves undocumented, and the demo catalogue.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/lib/embedded/database';
import { createEmbeddedStore } from '@/lib/embedded/embedded-store';
import type { GrantStore } from '@/lib/grants/grant-store';
import { freshDatabase } from '../support/memory-db';
import { createWorld, type World } from '../support/world';

let db: Db;
let store: GrantStore;
let world: World;

beforeEach(() => {
  db = freshDatabase();
  store = createEmbeddedStore(db);
  world = createWorld(db);
});

describe('the order of the list', () => {
  it('is oldest authorization first, whatever order the apps were created in', async () => {
    const user = world.createPerson();
    const recent = world.createApp();
    const old = world.createApp();
    world.grant(user, recent, ['openid'], 1);
    world.grant(user, old, ['openid'], 300);
    // A later token does not make an app newer: its first authorization counts.
    world.grant(user, old, ['profile'], 0);
    const page = await store.listAuthorizedApps(user.subject, { start: 0, end: 5 });
    expect(page.apps.map((app) => app.clientId)).toEqual([old.clientId, recent.clientId]);
  });

  it('breaks ties in authorization time by client ID', async () => {
    const user = world.createPerson();
    const later = world.createApp({ clientId: 5000n });
    const earlier = world.createApp({ clientId: 4000n });
    world.grant(user, later, ['openid'], 2);
    world.grant(user, earlier, ['openid'], 2);
    const page = await store.listAuthorizedApps(user.subject, { start: 0, end: 5 });
    expect(page.apps.map((app) => app.clientId)).toEqual(['4000', '5000']);
  });
});

describe('the demo scope catalogue', () => {
  it('lists about a dozen scopes with English and Japanese descriptions', async () => {
    const catalogue = await store.scopeCatalogue();
    expect(catalogue.length).toBeGreaterThanOrEqual(12);
    for (const scope of catalogue) {
      expect(scope.description.tagged.map((t) => t.tag).sort(), scope.name).toEqual(['en', 'ja']);
    }
    expect(catalogue.map((scope) => scope.name)).toEqual(
      expect.arrayContaining([
        'openid',
        'profile',
        'email',
        'offline_access',
        'photos.read',
        'payments.initiate',
      ]),
    );
  });
});

describe('a database file from before a column was added', () => {
  it('gains the new columns when opened, and keeps its rows', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { openDatabase } = await import('@/lib/embedded/database');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ca-old-')), 'old.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE clients (client_id INTEGER PRIMARY KEY, client_name TEXT NOT NULL,
      description TEXT, developer TEXT NOT NULL, logo_uri TEXT, client_uri TEXT, policy_uri TEXT,
      tos_uri TEXT, client_secret TEXT NOT NULL, redirect_uris TEXT NOT NULL DEFAULT '[]',
      requestable_scopes TEXT, created_at INTEGER NOT NULL);
      INSERT INTO clients (client_id, client_name, developer, client_secret, created_at)
      VALUES (7, 'Old App', 'Someone', 's', 0);`);
    old.close();
    const reopened = openDatabase(file);
    const row = reopened
      .prepare('SELECT client_name, client_source, dynamically_registered FROM clients')
      .get();
    expect(row).toEqual({ client_name: 'Old App', client_source: null, dynamically_registered: 0 });
    // Opening again changes nothing more.
    reopened.close();
    openDatabase(file).close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
