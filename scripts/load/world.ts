/**
 * The load run's own people and apps, written into the instance's embedded
 * database with the seed builders the tests use: a pool of apps that every
 * virtual person has authorized, and re-grants, so a run never runs out of
 * access to narrow or remove. Names carry a run tag; nothing else is touched.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../../lib/embedded/database';
import {
  createClient,
  createToken,
  createUser,
  ensureScopeCatalogue,
} from '../../lib/embedded/seed';

/** As many as the demo's `alice`: five pages of five. */
export const APPS_PER_PERSON = 23;
export const GRANTED_SCOPES: readonly string[] = [
  'openid',
  'profile',
  'email',
  'photos.read',
  'photos.write',
  'offline_access',
];

const DAY = 24 * 60 * 60 * 1000;

export type VirtualPerson = { login: string; password: string; subject: string };

export type LoadWorld = {
  /** every app's name starts with it: a rendered list page must contain it */
  appNamePrefix: string;
  clientIds: readonly string[];
  people: readonly VirtualPerson[];
  /** Authorizes the app again with every scope (a new token, as a fresh consent makes). */
  regrant(person: VirtualPerson, clientId: string): void;
  close(): void;
};

export function createLoadWorld(databasePath: string, peopleCount: number): LoadWorld {
  const db: Db = openDatabase(databasePath);
  ensureScopeCatalogue(db);
  const tag = randomBytes(3).toString('hex');
  const appNamePrefix = `Load app ${tag}`;
  const now = Date.now();

  const clientIds = Array.from({ length: APPS_PER_PERSON }, (_, index) =>
    createClient(db, {
      name: `${appNamePrefix}-${String(index + 1).padStart(2, '0')}`,
      developer: 'Load Test',
      clientUri: 'https://load.example',
    }),
  );
  const people = Array.from({ length: peopleCount }, (_, index) => {
    const login = `load-${tag}-${index + 1}`;
    const password = `pw-${randomBytes(6).toString('hex')}`;
    const { subject } = createUser(db, {
      login,
      password,
      displayName: `Load person ${index + 1}`,
    });
    return { login, password, subject };
  });
  db.transaction(() => {
    for (const person of people) {
      clientIds.forEach((clientId, index) =>
        createToken(db, {
          subject: person.subject,
          clientId,
          scopes: GRANTED_SCOPES,
          // A day apart, so the list's order (oldest authorization first) is stable.
          createdAt: now - (APPS_PER_PERSON - index) * DAY,
        }),
      );
    }
  })();

  return {
    appNamePrefix,
    clientIds,
    people,
    regrant(person, clientId) {
      createToken(db, { subject: person.subject, clientId, scopes: GRANTED_SCOPES });
    },
    close: () => db.close(),
  };
}
