/**
 * The grant data layer over each backend a unit test runs it on: the embedded store over a fresh
 * in-memory database, or the Authlete adapter over the test server (v2 or v3). Shared by the
 * grant-ending, renewal-stop, narrowing and detail-read tests, which run the same cases on every
 * backend.
 */
import { afterEach } from 'vitest';
import { createEmbeddedStore } from '@/lib/embedded/embedded-store';
import type { Db } from '@/lib/embedded/database';
import type { ChangePlan, ChangeRecorder } from '@/lib/changes/types';
import { deriveGrantIdKey, grantIdOf } from '@/lib/grants/grant-ids';
import type { GrantStore } from '@/lib/grants/grant-store';
import { createGrantService } from '@/lib/grants/grant-service';
import { startAdapterHarness, type AdapterHarness } from './authlete-server/adapter-harness';
import type { ApiVersion } from './authlete-server/routes';
import { freshDatabase } from './memory-db';
import { createWorld, type World } from './world';

export type BackendKind = 'embedded' | ApiVersion;

/** A backend's data and store; `harness` only over Authlete, to watch and fault its wire. */
export type Backend = { db: Db; world: World; store: GrantStore; harness?: AdapterHarness };

/**
 * Call once at the top of a test file: every test server a test starts through what this returns
 * is closed after that test, so no test has to remember to.
 */
export function useGrantBackends() {
  const open: AdapterHarness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((harness) => harness.close()));
  });

  async function harness(version: ApiVersion): Promise<AdapterHarness> {
    const started = await startAdapterHarness(version);
    open.push(started);
    return started;
  }

  async function backend(kind: BackendKind): Promise<Backend> {
    if (kind === 'embedded') {
      const db = freshDatabase();
      return { db, world: createWorld(db), store: createEmbeddedStore(db) };
    }
    const started = await harness(kind);
    return { db: started.db, world: started.world, store: started.store, harness: started };
  }

  return { backend, harness };
}

/**
 * A person holding one app through two grants: a TV signed in by device code five days ago
 * (labelled "Hall TV", able to renew), and a sign-in two days ago.
 */
export function personWithTvAndSignIn(world: World) {
  const user = world.createPerson();
  const app = world.createApp();
  world.grantToken(user, app, {
    scopes: ['photos.read', 'offline_access'],
    createdAt: Date.now() - 5 * 86_400_000,
    grantType: 'DEVICE_CODE',
    properties: [{ key: 'device', value: 'Hall TV' }],
  });
  world.grant(user, app, ['openid', 'profile'], 2);
  return { user, app };
}

/** The grant ids the harness's data layer gives, for a test that must find a grant by one too. */
export const testGrantIdOf = grantIdOf(deriveGrantIdKey('unit-test-secret-unit-test-secret-unit'));
const idOf = testGrantIdOf;

/** The data layer for `subject`, with grant ids, keeping each change's plan in `plans`. */
export function grantService(store: GrantStore, subject: string, plans: ChangePlan[] = []) {
  const changes: ChangeRecorder = {
    record: async (plan, perform) => {
      plans.push(plan);
      return (await perform()).value;
    },
  };
  return createGrantService({
    store,
    subject,
    locale: 'en',
    changes,
    grants: {
      idOf,
      labelProperty: 'device',
      signInLabel: (at) => `A sign-in on ${at.toISOString().slice(0, 10)}`,
    },
  });
}
