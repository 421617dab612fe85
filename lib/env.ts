/**
 * Runtime configuration: the only module in app code that reads `process.env`
 * (next-auth reads its own AUTH_* variables). Parsed with zod on first use and
 * validated at start-up by `instrumentation.ts`, never during `next build`, so a
 * build needs no production secrets.
 */
import path from 'node:path';
import { z } from 'zod';

const configSchema = z.object({
  DATABASE_PATH: z
    .string()
    .min(1)
    .default(path.join(process.cwd(), 'data', 'connected-apps.sqlite')),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (try `openssl rand -base64 32`)'),
});

export type AppConfig = Readonly<{
  databasePath: string;
}>;

/** Thrown when a variable is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return Object.freeze({ databasePath: path.resolve(parsed.data.DATABASE_PATH) });
}

let cached: AppConfig | undefined;

/** The validated configuration; throws ConfigError naming the bad variable. */
export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
