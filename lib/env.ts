/**
 * Runtime configuration: the only module in app code that reads `process.env`
 * (next-auth reads its own AUTH_SECRET / AUTH_URL / AUTH_TRUST_HOST). Parsed
 * with zod on first use and validated at start-up by `instrumentation.ts`,
 * never during `next build`, so a build needs no production secrets. Every
 * error names the variable to fix. The defaults a first run lacks (a
 * development secret, absolute paths) and the choice of backend come from
 * `zero-config.mjs`, which every way of starting the server goes through.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AuthleteStoreOptions } from './authlete/options';
import type { ScopeDescriptionOverrides } from './grants/dto';
import { LOG_LEVELS } from './logger.mjs';
import { chooseBackend } from './zero-config.mjs';
import type { StoreTarget } from './store/target';

/** An empty variable (`FOO=` in an env file) counts as unset. */
const unsetIfBlank = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = z.preprocess(unsetIfBlank, z.string().trim().optional());
const optionalUrl = z.preprocess(
  unsetIfBlank,
  z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
);
const integer = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const configSchema = z
  .object({
    DATABASE_PATH: z
      .string()
      .min(1)
      .default(path.join(process.cwd(), 'data', 'connected-apps.sqlite')),
    // A secret (it may carry a password): messages about it never repeat it.
    DATABASE_URL: z.preprocess(
      unsetIfBlank,
      z
        .url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// or postgresql:// URL' })
        .optional(),
    ),
    HISTORY_RETENTION_DAYS: integer(1, 36_500, 365),
    AUTH_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters (try `openssl rand -base64 32`)'),
    RECENT_SIGNIN_SECONDS: integer(0, 10_000_000, 600),
    WRITE_LIMIT_PER_MINUTE: integer(1, 100_000, 30),
    SCOPE_DESCRIPTIONS_FILE: optionalText,

    AUTHLETE_BASE_URL: optionalUrl,
    AUTHLETE_API_VERSION: z.enum(['V2', 'V3'], { message: 'must be V2 or V3' }).default('V3'),
    AUTHLETE_SERVICE_APIKEY: optionalText,
    AUTHLETE_SERVICE_APISECRET: optionalText,
    AUTHLETE_SERVICE_ACCESSTOKEN: optionalText,
    AUTHLETE_SERVICEOWNER_APIKEY: optionalText,
    AUTHLETE_SERVICEOWNER_APISECRET: optionalText,
    AUTHLETE_TIMEOUT_MS: integer(100, 120_000, 10_000),

    AUTH_OIDC_ISSUER: optionalUrl,
    AUTH_OIDC_ID: optionalText,
    AUTH_OIDC_SECRET: optionalText,
    AUTH_DEMO_LOGIN: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default('false'),
    LOG_LEVEL: z.preprocess(
      unsetIfBlank,
      z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
    ),
  })
  .superRefine((env, ctx) => {
    const require = (name: keyof typeof env, why: string) => {
      if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: `required ${why}` });
    };
    if (chooseBackend(env) === 'authlete') {
      require('AUTHLETE_SERVICE_APIKEY', `with AUTHLETE_BASE_URL (the ${env.AUTHLETE_API_VERSION === 'V2' ? 'service API key' : 'service ID'})`);
      if (env.AUTHLETE_API_VERSION === 'V2')
        require('AUTHLETE_SERVICE_APISECRET', 'for AUTHLETE_API_VERSION=V2');
      else require('AUTHLETE_SERVICE_ACCESSTOKEN', 'for AUTHLETE_API_VERSION=V3');
      // v3 puts the service ID in every path (`/api/{serviceId}/…`): anything but a number would
      // only show up as Authlete refusing the first person's request.
      if (
        env.AUTHLETE_API_VERSION === 'V3' &&
        env.AUTHLETE_SERVICE_APIKEY &&
        !/^\d+$/.test(env.AUTHLETE_SERVICE_APIKEY)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['AUTHLETE_SERVICE_APIKEY'],
          message: 'must be the numeric service ID for AUTHLETE_API_VERSION=V3',
        });
      }
      if (!env.AUTH_OIDC_ISSUER && env.AUTH_DEMO_LOGIN !== 'true') {
        require('AUTH_OIDC_ISSUER', 'with AUTHLETE_BASE_URL: people must sign in through your OpenID Provider so their subject is the one Authlete knows (AUTH_DEMO_LOGIN=true allows the demo logins, for trying a sandbox service only)');
      }
    }
    if (
      Boolean(env.AUTHLETE_SERVICEOWNER_APIKEY) !== Boolean(env.AUTHLETE_SERVICEOWNER_APISECRET)
    ) {
      require(env.AUTHLETE_SERVICEOWNER_APIKEY
        ? 'AUTHLETE_SERVICEOWNER_APISECRET'
        : 'AUTHLETE_SERVICEOWNER_APIKEY', 'with its pair');
    }
    if (env.AUTH_OIDC_ISSUER || env.AUTH_OIDC_ID || env.AUTH_OIDC_SECRET) {
      require('AUTH_OIDC_ISSUER', 'with AUTH_OIDC_ID / AUTH_OIDC_SECRET');
      require('AUTH_OIDC_ID', 'with AUTH_OIDC_ISSUER');
      require('AUTH_OIDC_SECRET', 'with AUTH_OIDC_ISSUER');
    }
  });

const WHEN_REMOVED = 'whenRemoved';

const textByLanguageSchema = z.record(z.string().min(1), z.string().min(1));

/**
 * The operator's scope descriptions file: `{ "photos.read": { "en": "…", "ja": "…",
 * "whenRemoved": { "en": "…", "ja": "…" } } }`. `whenRemoved` (optional) says what stops
 * working when the scope is taken away; every other key is a language tag.
 */
const scopeDescriptionsSchema = z
  .record(
    z.string().min(1),
    z.record(z.string().min(1), z.union([z.string().min(1), textByLanguageSchema])),
  )
  .superRefine((file, context) => {
    for (const [scope, entry] of Object.entries(file)) {
      for (const [key, value] of Object.entries(entry)) {
        const wanted = key === WHEN_REMOVED ? 'object' : 'string';
        if (typeof value !== wanted)
          context.addIssue({
            code: 'custom',
            path: [scope, key],
            message:
              key === WHEN_REMOVED
                ? `"${WHEN_REMOVED}" must be { "<language>": "<text>" }`
                : 'a description must be a text',
          });
      }
    }
  })
  .transform((file) => {
    const descriptions: Record<string, Record<string, string>> = {};
    const whenRemoved: Record<string, Record<string, string>> = {};
    for (const [scope, entry] of Object.entries(file)) {
      const { [WHEN_REMOVED]: removal, ...byLanguage } = entry;
      descriptions[scope] = byLanguage as Record<string, string>;
      if (removal) whenRemoved[scope] = removal as Record<string, string>;
    }
    return { descriptions, whenRemoved };
  });

export type BackendConfig =
  { kind: 'embedded' } | { kind: 'authlete'; options: Omit<AuthleteStoreOptions, 'fetch'> };

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string };

export type AppConfig = Readonly<{
  backend: BackendConfig;
  /** sign-in through the operator's OpenID Provider, when configured */
  oidc: OidcConfig | null;
  /** the username/password form over the embedded demo people */
  demoLogin: boolean;
  databasePath: string;
  /** the app's own database (history, events, limits): PostgreSQL with DATABASE_URL, else the SQLite file */
  store: StoreTarget;
  historyRetentionDays: number;
  recentSignInMs: number;
  /** changes one person may make per minute, counted across every instance on the same store */
  writeLimitPerMinute: number;
  scopeDescriptions: ScopeDescriptionOverrides;
  /** the operator's "what stops working" per scope and language (`whenRemoved` in that file) */
  scopeRemovalTexts: ScopeDescriptionOverrides;
}>;

/** Thrown when a variable is missing or malformed; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';

  /** One line per problem, each starting with the variable's name. */
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

function fail(problems: string[]): never {
  throw new ConfigError(problems);
}

function readScopeDescriptions(file: string | undefined): {
  descriptions: ScopeDescriptionOverrides;
  whenRemoved: ScopeDescriptionOverrides;
} {
  if (!file) return { descriptions: {}, whenRemoved: {} };
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    fail([`SCOPE_DESCRIPTIONS_FILE: cannot read ${file} as JSON (${(error as Error).message})`]);
  }
  const parsed = scopeDescriptionsSchema.safeParse(json);
  if (!parsed.success) {
    fail([
      `SCOPE_DESCRIPTIONS_FILE: expected { "<scope>": { "<language>": "<text>", "whenRemoved": { "<language>": "<text>" } } } (${parsed.error.issues[0]?.message})`,
    ]);
  }
  return parsed.data;
}

export function parseConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  const parsed = configSchema.safeParse(env);
  // Messages name the variable, never echo its value: some of them are secrets.
  if (!parsed.success)
    fail(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const e = parsed.data;
  const backend: BackendConfig =
    chooseBackend(e) === 'authlete'
      ? {
          kind: 'authlete',
          options: {
            baseUrl: e.AUTHLETE_BASE_URL!,
            apiVersion: e.AUTHLETE_API_VERSION,
            serviceApiKey: e.AUTHLETE_SERVICE_APIKEY!,
            serviceApiSecret: e.AUTHLETE_SERVICE_APISECRET,
            serviceAccessToken: e.AUTHLETE_SERVICE_ACCESSTOKEN,
            serviceOwnerApiKey: e.AUTHLETE_SERVICEOWNER_APIKEY,
            serviceOwnerApiSecret: e.AUTHLETE_SERVICEOWNER_APISECRET,
            timeoutMs: e.AUTHLETE_TIMEOUT_MS,
          },
        }
      : { kind: 'embedded' };
  const scopeTexts = readScopeDescriptions(e.SCOPE_DESCRIPTIONS_FILE);
  return Object.freeze({
    backend,
    oidc: e.AUTH_OIDC_ISSUER
      ? { issuer: e.AUTH_OIDC_ISSUER, clientId: e.AUTH_OIDC_ID!, clientSecret: e.AUTH_OIDC_SECRET! }
      : null,
    demoLogin: backend.kind === 'embedded' || e.AUTH_DEMO_LOGIN === 'true',
    databasePath: path.resolve(e.DATABASE_PATH),
    store: e.DATABASE_URL
      ? { kind: 'postgres' as const, url: e.DATABASE_URL }
      : { kind: 'sqlite' as const, path: path.resolve(e.DATABASE_PATH) },
    historyRetentionDays: e.HISTORY_RETENTION_DAYS,
    recentSignInMs: e.RECENT_SIGNIN_SECONDS * 1000,
    writeLimitPerMinute: e.WRITE_LIMIT_PER_MINUTE,
    scopeDescriptions: scopeTexts.descriptions,
    scopeRemovalTexts: scopeTexts.whenRemoved,
  });
}

/**
 * LOG_LEVEL as set, unvalidated: the logger must work before (and while) the
 * configuration is checked, to report what is wrong with it. An unknown value
 * logs at `info` until start-up validation stops the server naming it.
 */
export function logLevelSetting(): string | undefined {
  return process.env.LOG_LEVEL;
}

let cached: AppConfig | undefined;

/** The validated configuration; throws ConfigError naming the bad variable. */
export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
