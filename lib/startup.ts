/**
 * Start-up checks: bad configuration stops the process with a message naming
 * the variable, instead of failing on a person's first request; the embedded
 * database, when used, is created and seeded before the first request too.
 * From here on every line the process writes is JSON (lib/console-as-log.ts).
 */
import { routeConsoleToLog } from './console-as-log';
import { ConfigError, config } from './env';
import { embeddedDatabase } from './embedded';
import { log } from './log';

export function startServer(): void {
  if (process.env.NODE_ENV === 'production') routeConsoleToLog();
  try {
    config();
  } catch (error) {
    if (error instanceof ConfigError) {
      // The problems name variables, never their values (some are secrets).
      log.fatal('config.invalid', { problems: error.problems });
      process.exit(1);
    }
    throw error;
  }
  const { backend, demoLogin } = config();
  // The embedded database holds the demo people as well as the embedded backend's grants.
  if (backend.kind === 'embedded' || demoLogin) embeddedDatabase();
}
