/**
 * The embedded backend for this process: one database handle, schema created
 * and demo data seeded on first use.
 */
import { config } from '../env';
import { openDatabase, type Db } from './database';
import { createEmbeddedStore } from './embedded-store';
import { seedDemoData } from './seed';
import type { GrantStore } from '../grants/grant-store';

// Kept on globalThis so `next dev` reloads do not open a new handle each time.
const holder = globalThis as typeof globalThis & {
  __embeddedDb?: Db;
  __embeddedStore?: GrantStore;
};

export function embeddedDatabase(): Db {
  if (!holder.__embeddedDb) {
    const db = openDatabase(config().databasePath);
    seedDemoData(db);
    holder.__embeddedDb = db;
  }
  return holder.__embeddedDb;
}

export function embeddedStore(): GrantStore {
  holder.__embeddedStore ??= createEmbeddedStore(embeddedDatabase(), {
    jwtAccessTokens: config().embeddedJwtAccessTokens,
  });
  return holder.__embeddedStore;
}
