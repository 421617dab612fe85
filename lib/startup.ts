/**
 * Start-up checks: bad configuration stops the process with a message naming
 * the variable, instead of failing on a person's first request; so does an app
 * store that cannot be reached or whose schema is newer than this code. The
 * store's migrations and the embedded database, when used, are applied and
 * seeded before the first request too; event delivery and the sweep of
 * changes a crash left unsettled start with it. From here on every line the
 * process writes is JSON (lib/console-as-log.ts). Telemetry
 * (lib/telemetry/start.ts) starts once the configuration is known to be valid.
 */
import { routeConsoleToLog } from './console-as-log';
import { ConfigError, config, telemetrySettings } from './env';
import { embeddedDatabase } from './embedded';
import { log } from './log';
import { StoreStartError, startAppStore, type AppStore } from './store';
import { startupWarnings } from './startup-warnings';
import { scheduleHistoryRetention } from './store/retention';
import { startTelemetry } from './telemetry/start';
import { scheduleChangeSweep } from './changes/sweep';
import { startDelivery } from './delivery';
import { createAuthleteStore } from './authlete';
import { createEmbeddedStore } from './embedded/embedded-store';
import { grantIdOf } from './grants/grant-ids';

export async function startServer(): Promise<void> {
  if (process.env.NODE_ENV === 'production') routeConsoleToLog();
  let store: AppStore;
  try {
    config();
    // Before anything else serves: Next's first request spans need the tracer registered.
    const { settings, warnings } = telemetrySettings();
    startTelemetry(settings, warnings);
    store = await startAppStore();
  } catch (error) {
    // Both name the variable to fix, never its value (some are secrets, a database URL holds a password).
    if (error instanceof ConfigError) {
      log.fatal('config.invalid', { problems: error.problems });
      process.exit(1);
    }
    if (error instanceof StoreStartError) {
      log.fatal('store.unavailable', { problem: error.message });
      process.exit(1);
    }
    throw error;
  }
  const { backend, demoLogin, historyRetentionDays } = config();
  for (const { msg, why } of startupWarnings(config())) log.warn(msg, { why });
  // The embedded database holds the demo people as well as the embedded backend's grants.
  if (backend.kind === 'embedded' || demoLogin) embeddedDatabase();
  scheduleHistoryRetention(store.history, historyRetentionDays);
  // Events are pushed by every instance (each claims its own); a crash's leftovers are settled too.
  startDelivery();
  // The sweep reads the backend through a store of its own: Next bundles start-up apart from the
  // pages, and the process-wide store (lib/grants) must be made by the pages' bundle, whose
  // error classes the actions test with instanceof.
  const sweepBackend =
    backend.kind === 'embedded'
      ? createEmbeddedStore(embeddedDatabase())
      : createAuthleteStore(backend.options);
  scheduleChangeSweep({
    history: store.history,
    outbox: store.outbox,
    backend: sweepBackend,
    idOf: grantIdOf(config().grantIdKey),
  });
}
