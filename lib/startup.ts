/**
 * Start-up checks: bad configuration stops the process with a message naming
 * the variable, instead of failing on a person's first request; the embedded
 * database is created and seeded before the first request too.
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
  embeddedDatabase();
}
