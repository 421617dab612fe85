/**
 * Start-up checks: bad configuration stops the process with a message naming
 * the variable, instead of failing on a person's first request; so does an app
 * store that cannot be reached or whose schema is newer than this code. The
 * store's migrations and the embedded database, when used, are applied and
 * seeded before the first request too.
 */
import { ConfigError, config } from './env';
import { embeddedDatabase } from './embedded';
import { StoreStartError, startAppStore, type AppStore } from './store';
import { scheduleHistoryRetention } from './store/retention';

export async function startServer(): Promise<void> {
  let store: AppStore;
  try {
    config();
    store = await startAppStore();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StoreStartError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { backend, demoLogin, historyRetentionDays } = config();
  // The embedded database holds the demo people as well as the embedded backend's grants.
  if (backend.kind === 'embedded' || demoLogin) embeddedDatabase();
  scheduleHistoryRetention(store.history, historyRetentionDays);
}
