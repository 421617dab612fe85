/**
 * A real app store on a SQLite file of its own, for the unit tests of one file: migrated before
 * its tests, closed and deleted after them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createAppStore, type AppStore } from '../../lib/store/app-store';

/** Call at the top of a test file; `name` tags the temporary folder the file sits in. */
export function sqliteAppStoreForThisFile(name: string): AppStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `connected-apps-${name}-`));
  const store = createAppStore({ kind: 'sqlite', path: path.join(dir, 'store.sqlite') });
  beforeAll(() => store.migrate());
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return store;
}
