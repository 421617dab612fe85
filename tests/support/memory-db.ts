/** A fresh in-memory embedded database with the scope catalogue, for unit tests. */
import { openDatabase, type Db } from '../../lib/embedded/database';
import { ensureScopeCatalogue } from '../../lib/embedded/seed';

export function freshDatabase(): Db {
  const db = openDatabase(':memory:');
  ensureScopeCatalogue(db);
  return db;
}
