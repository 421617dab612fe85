/**
 * The app store of this process: opened and migrated once at start-up
 * (lib/startup.ts), then shared by every request. Kept on globalThis because
 * Next bundles this module more than once (instrumentation, pages and actions,
 * route handlers) and they must share one pool.
 */
import 'server-only';
import { config } from '../env';
import { log } from '../log';
import { createAppStore, type AppStore } from './app-store';
import { describeError, withoutSecrets } from './errors';

export type { AppStore } from './app-store';
export { StoreStartError } from './errors';

const holder = globalThis as typeof globalThis & { __appStore?: AppStore };

/** Opens the store and applies its migrations; throws StoreStartError with an operator's message. */
export async function startAppStore(): Promise<AppStore> {
  if (holder.__appStore) return holder.__appStore;
  const target = config().store;
  const store = createAppStore(target, {
    onIdleError: (error) =>
      log.warn('store.connection_lost', { reason: withoutSecrets(describeError(error), target) }),
  });
  try {
    const { applied } = await store.migrate();
    if (applied.length > 0) log.info('store.migrated', { dialect: store.dialect, applied });
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  holder.__appStore = store;
  return store;
}

/** The store opened at start-up. */
export function appStore(): AppStore {
  if (!holder.__appStore)
    throw new Error('the app store is opened at start-up (startServer in lib/startup.ts), not yet');
  return holder.__appStore;
}
