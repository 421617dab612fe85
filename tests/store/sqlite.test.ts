/** The app store suite on SQLite: a file of its own per test, as the app uses one beside the embedded backend. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe } from 'vitest';
import type { StoreTarget } from '@/lib/store/target';
import { appStoreContract } from './app-store-contract';

describe('app store on SQLite', () => {
  appStoreContract(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-store-'));
    let files = 0;
    const file = (target: StoreTarget) => {
      if (target.kind !== 'sqlite') throw new Error('a SQLite target');
      return target.path;
    };
    return {
      label: 'SQLite',
      emptyDatabase: async () => ({
        kind: 'sqlite',
        path: path.join(dir, `store-${++files}.sqlite`),
      }),
      query: async (target, statement) => {
        const db = new Database(file(target));
        try {
          const prepared = db.prepare(statement);
          if (prepared.reader) return prepared.all() as Record<string, unknown>[];
          prepared.run();
          return [];
        } finally {
          db.close();
        }
      },
      // A directory cannot be created under a regular file.
      unreachable: async () => {
        const blocker = path.join(dir, 'not-a-directory');
        fs.writeFileSync(blocker, '');
        return {
          target: { kind: 'sqlite', path: path.join(blocker, 'app.sqlite') },
          variable: 'DATABASE_PATH',
        };
      },
      concurrent: false,
      stop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  });
});
