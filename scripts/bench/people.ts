/**
 * The bench's people and apps, written into a backend's database with the
 * seed builders the tests use: sets of apps shared by many people, and people
 * who each hold every app of a set with two tokens apiece (an older grant and
 * a later one with more scopes), as a real account collects them. App names
 * cycle through a few words, so a search for one of them matches a tenth of
 * the list. Names carry a run tag; nothing else in the database is touched.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../lib/embedded/database';
import {
  createClient,
  createToken,
  createUser,
  ensureScopeCatalogue,
} from '../../lib/embedded/seed';

const WORDS = [
  'Notes',
  'Photos',
  'Calendar',
  'Mail',
  'Maps',
  'Music',
  'Tasks',
  'Files',
  'Chat',
  'News',
];
/** Matches one app in ten (every name holds exactly one of WORDS). */
export const SEARCH_WORD = 'photos';

const FIRST_GRANT = ['openid', 'profile', 'email', 'photos.read'];
const SECOND_GRANT = ['openid', 'profile', 'photos.read', 'photos.write', 'offline_access'];
const DAY = 24 * 60 * 60 * 1000;

export type BenchApp = { clientId: string; name: string };
export type BenchPerson = { login: string; password: string; subject: string };

export type BenchWorld = {
  /** `count` new apps, each with a homepage, privacy policy and terms */
  createApps(count: number): BenchApp[];
  /** a new person holding every one of `apps`, oldest authorization first in list order */
  createPerson(apps: readonly BenchApp[]): BenchPerson;
};

/** The bench's builders over `db` (which the caller opens and closes). */
export function createBenchWorld(db: Db): BenchWorld {
  ensureScopeCatalogue(db);
  const tag = randomBytes(3).toString('hex');
  const now = Date.now();
  let apps = 0;
  let people = 0;

  return {
    createApps(count) {
      return db.transaction(() =>
        Array.from({ length: count }, () => {
          apps += 1;
          const name = `${WORDS[apps % WORDS.length]} ${String(apps).padStart(4, '0')} ${tag}`;
          const clientId = createClient(db, {
            name,
            developer: 'Bench Developer',
            description: `The app called ${name}.`,
            clientUri: 'https://bench.example',
            policyUri: 'https://bench.example/privacy',
            tosUri: 'https://bench.example/terms',
          });
          return { clientId, name };
        }),
      )();
    },

    createPerson(held) {
      people += 1;
      const login = `bench-${tag}-${people}`;
      const password = `pw-${randomBytes(6).toString('hex')}`;
      const { subject } = createUser(db, {
        login,
        password,
        displayName: `Bench person ${people}`,
      });
      db.transaction(() => {
        held.forEach((app, index) => {
          // Two days apart per app, so the list's order (oldest authorization first) is stable.
          const firstAt = now - (held.length - index) * 2 * DAY;
          createToken(db, {
            subject,
            clientId: app.clientId,
            scopes: FIRST_GRANT,
            createdAt: firstAt,
          });
          createToken(db, {
            subject,
            clientId: app.clientId,
            scopes: SECOND_GRANT,
            createdAt: firstAt + DAY,
          });
        });
      })();
      return { login, password, subject };
    },
  };
}
