/** The GrantStore contract against the embedded SQLite backend. */
import { createEmbeddedStore } from '@/lib/embedded/embedded-store';
import { freshDatabase } from '../support/memory-db';
import { grantStoreContract } from './grant-store-contract';

grantStoreContract('embedded', async () => {
  const db = freshDatabase();
  return {
    db,
    store: createEmbeddedStore(db),
    close: async () => {
      db.close();
    },
  };
});
