/** Which database the app store uses: the SQLite file by default, PostgreSQL when DATABASE_URL is set. */
import 'server-only';

export type StoreTarget =
  | {
      kind: 'sqlite';
      /** absolute path of the file (the embedded backend's, DATABASE_PATH) */ path: string;
    }
  | {
      kind: 'postgres';
      /** a postgres:// or postgresql:// URL; a secret (it may carry a password) */ url: string;
    };

export type Dialect = StoreTarget['kind'];
