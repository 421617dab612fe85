/**
 * Runtime configuration: the only module in app code that reads `process.env`
 * (next-auth reads its own AUTH_* variables). Parsed with zod on first use and
 * validated at start-up by `instrumentation.ts`, never during `next build`, so a
 * build needs no production secrets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ScopeDescriptionOverrides } from './grants/dto';

const positiveInt = (fallback: number) =>
  z.coerce.number().int().min(0).max(10_000_000).default(fallback);

const configSchema = z.object({
  DATABASE_PATH: z
    .string()
    .min(1)
    .default(path.join(process.cwd(), 'data', 'connected-apps.sqlite')),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (try `openssl rand -base64 32`)'),
  RECENT_SIGNIN_SECONDS: positiveInt(600),
  SCOPE_DESCRIPTIONS_FILE: z.string().min(1).optional(),
});

/** The operator's scope descriptions file: `{ "photos.read": { "en": "…", "ja": "…" } }`. */
const scopeDescriptionsSchema = z.record(
  z.string().min(1),
  z.record(z.string().min(1), z.string().min(1)),
);

export type AppConfig = Readonly<{
  databasePath: string;
  recentSignInMs: number;
  scopeDescriptions: ScopeDescriptionOverrides;
}>;

/** Thrown when a variable is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function fail(problems: string[]): never {
  throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
}

function readScopeDescriptions(file: string | undefined): ScopeDescriptionOverrides {
  if (!file) return {};
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    fail([`SCOPE_DESCRIPTIONS_FILE: cannot read ${file} as JSON (${(error as Error).message})`]);
  }
  const parsed = scopeDescriptionsSchema.safeParse(json);
  if (!parsed.success) {
    fail([
      `SCOPE_DESCRIPTIONS_FILE: expected { "<scope>": { "<language>": "<text>" } } (${parsed.error.issues[0]?.message})`,
    ]);
  }
  return parsed.data;
}

export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success)
    fail(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  return Object.freeze({
    databasePath: path.resolve(parsed.data.DATABASE_PATH),
    recentSignInMs: parsed.data.RECENT_SIGNIN_SECONDS * 1000,
    scopeDescriptions: readScopeDescriptions(parsed.data.SCOPE_DESCRIPTIONS_FILE),
  });
}

let cached: AppConfig | undefined;

/** The validated configuration; throws ConfigError naming the bad variable. */
export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
