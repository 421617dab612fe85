/**
 * Start-up checks: bad configuration stops the process with a message naming
 * the variable, instead of failing on a person's first request; the embedded
 * database, when used, is created and seeded before the first request too.
 */
import { ConfigError, config } from './env';
import { embeddedDatabase } from './embedded';

export function startServer(): void {
  try {
    config();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const { backend, demoLogin } = config();
  // The embedded database holds the demo people as well as the embedded backend's grants.
  if (backend.kind === 'embedded' || demoLogin) embeddedDatabase();
}
