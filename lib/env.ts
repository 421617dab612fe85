/**
 * Runtime configuration: the only module in app code that reads `process.env`
 * (next-auth reads its own AUTH_SECRET / AUTH_URL / AUTH_TRUST_HOST; AUTH_URL is read here
 * too, as the Shared Signals issuer when SSF_ISSUER is unset). Parsed
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
import { deriveGrantIdKey } from './grants/grant-ids';
import { DEFAULT_LABEL_PROPERTY } from './grants/grant-records';
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
    // Seconds, like next-auth's own session.maxAge: 12 hours from sign-in, 30 minutes unused.
    AUTH_SESSION_MAX_AGE: integer(60, 31 * 24 * 3600, 12 * 3600),
    AUTH_SESSION_IDLE_SECONDS: integer(60, 31 * 24 * 3600, 30 * 60),
    WRITE_LIMIT_PER_MINUTE: integer(1, 100_000, 30),
    SCOPE_DESCRIPTIONS_FILE: optionalText,
    // The client attribute whose value "true" marks a first-party app (lib/grants/first-party.ts).
    FIRST_PARTY_ATTRIBUTE: z.preprocess(
      unsetIfBlank,
      z.string().trim().min(1).max(100).default('first_party'),
    ),
    TOKEN_LABEL_PROPERTY: optionalText,

    AUTHLETE_BASE_URL: optionalUrl,
    AUTHLETE_API_VERSION: z.enum(['V2', 'V3'], { message: 'must be V2 or V3' }).default('V3'),
    AUTHLETE_SERVICE_APIKEY: optionalText,
    AUTHLETE_SERVICE_APISECRET: optionalText,
    AUTHLETE_SERVICE_ACCESSTOKEN: optionalText,
    AUTHLETE_SERVICEOWNER_APIKEY: optionalText,
    AUTHLETE_SERVICEOWNER_APISECRET: optionalText,
    AUTHLETE_TIMEOUT_MS: integer(100, 120_000, 10_000),

    // Set by lib/zero-config.mjs when unset; next-auth reads it too.
    AUTH_URL: optionalUrl,
    // Security Event Tokens (lib/events). Secrets: the signing key and the push authorization.
    SSF_SIGNING_KEY: optionalText,
    SSF_ISSUER: optionalUrl,
    SSF_AUDIENCE: optionalText,
    SSF_PUSH_ENDPOINT: optionalUrl,
    SSF_PUSH_AUTHORIZATION: optionalText,
    SSF_PUSH_TIMEOUT_MS: integer(100, 120_000, 10_000),

    AUTH_OIDC_ISSUER: optionalUrl,
    AUTH_OIDC_ID: optionalText,
    AUTH_OIDC_SECRET: optionalText,
    AUTH_DEMO_LOGIN: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default('false'),
    // The embedded backend plays a service that issues self-contained (JWT) access tokens.
    DEMO_JWT_ACCESS_TOKENS: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .default('false'),
    READY_CHECK_SECONDS: integer(0, 300, 5),
    // A secret: a scraper sends it as `Authorization: Bearer …`; unset, /api/metrics does not exist.
    METRICS_TOKEN: z.preprocess(
      unsetIfBlank,
      z
        .string()
        .min(16, 'must be at least 16 characters (try `openssl rand -base64 24`)')
        .optional(),
    ),
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
    if (env.SSF_PUSH_ENDPOINT) {
      require('SSF_SIGNING_KEY', 'with SSF_PUSH_ENDPOINT (a private JWK every instance shares)');
      require('SSF_AUDIENCE', "with SSF_PUSH_ENDPOINT (the receiver's audience, the SETs' aud)");
      if (!env.SSF_ISSUER && !env.AUTH_URL)
        require('SSF_ISSUER', "with SSF_PUSH_ENDPOINT (this app's public URL)");
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

/** The Shared Signals transmitter: events are signed and pushed only when `push` is set. */
export type SsfConfig = {
  /** a private JWK as JSON; a secret */
  signingKey: string | null;
  /** our issuer: the SETs' `iss`, where /.well-known/ssf-configuration is served */
  issuer: string | null;
  /** the SETs' `aud`: one value, or several separated by spaces */
  audience: string[];
  /** whose subjects the people's are: the OpenID Provider they sign in with, else our issuer */
  subjectIssuer: string | null;
  push: {
    endpoint: string;
    /** the Authorization header value; a secret */
    authorization: string | null;
    timeoutMs: number;
  } | null;
};

export type OidcConfig = { issuer: string; clientId: string; clientSecret: string };

export type AppConfig = Readonly<{
  backend: BackendConfig;
  /** the app's public URL (AUTH_URL), for the provider's post-logout redirect; null behind AUTH_TRUST_HOST */
  publicUrl: string | null;
  /** sign-in through the operator's OpenID Provider, when configured */
  oidc: OidcConfig | null;
  /** the username/password form over the embedded demo people */
  demoLogin: boolean;
  databasePath: string;
  /**
   * The embedded backend answers as a service issuing self-contained (JWT) access tokens
   * (DEMO_JWT_ACCESS_TOKENS), so removal confirmations say until when one keeps working.
   */
  embeddedJwtAccessTokens: boolean;
  /** the app's own database (history, events, limits): PostgreSQL with DATABASE_URL, else the SQLite file */
  store: StoreTarget;
  historyRetentionDays: number;
  recentSignInMs: number;
  /** a session ends `maxAgeMs` after its sign-in however often used, and `idleMs` after its last use */
  session: Readonly<{ maxAgeMs: number; idleMs: number }>;
  /** changes one person may make per minute, counted across every instance on the same store */
  writeLimitPerMinute: number;
  scopeDescriptions: ScopeDescriptionOverrides;
  /** how long /api/ready reuses its last check of the backend and the store (0: every probe checks) */
  readyCheckMs: number;
  /** the bearer token /api/metrics answers to; null: that endpoint answers 404 */
  metricsToken: string | null;
  ssf: SsfConfig;
  /** the operator's "what stops working" per scope and language (`whenRemoved` in that file) */
  scopeRemovalTexts: ScopeDescriptionOverrides;
  /** the client attribute key whose value "true" marks a first-party app: no bulk action touches it */
  firstPartyAttribute: string;
  /** the token property whose value names the device a grant was made on (TOKEN_LABEL_PROPERTY) */
  tokenLabelProperty: string;
  /** the key grant ids are made with, derived from AUTH_SECRET (lib/grants/grant-ids.ts) */
  grantIdKey: Buffer;
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
    publicUrl: e.AUTH_URL ?? null,
    oidc: e.AUTH_OIDC_ISSUER
      ? { issuer: e.AUTH_OIDC_ISSUER, clientId: e.AUTH_OIDC_ID!, clientSecret: e.AUTH_OIDC_SECRET! }
      : null,
    demoLogin: backend.kind === 'embedded' || e.AUTH_DEMO_LOGIN === 'true',
    databasePath: path.resolve(e.DATABASE_PATH),
    embeddedJwtAccessTokens: e.DEMO_JWT_ACCESS_TOKENS === 'true',
    store: e.DATABASE_URL
      ? { kind: 'postgres' as const, url: e.DATABASE_URL }
      : { kind: 'sqlite' as const, path: path.resolve(e.DATABASE_PATH) },
    historyRetentionDays: e.HISTORY_RETENTION_DAYS,
    recentSignInMs: e.RECENT_SIGNIN_SECONDS * 1000,
    session: Object.freeze({
      maxAgeMs: e.AUTH_SESSION_MAX_AGE * 1000,
      idleMs: e.AUTH_SESSION_IDLE_SECONDS * 1000,
    }),
    writeLimitPerMinute: e.WRITE_LIMIT_PER_MINUTE,
    scopeDescriptions: scopeTexts.descriptions,
    scopeRemovalTexts: scopeTexts.whenRemoved,
    readyCheckMs: e.READY_CHECK_SECONDS * 1000,
    metricsToken: e.METRICS_TOKEN ?? null,
    ssf: ssfConfig(e),
    firstPartyAttribute: e.FIRST_PARTY_ATTRIBUTE,
    tokenLabelProperty: e.TOKEN_LABEL_PROPERTY ?? DEFAULT_LABEL_PROPERTY,
    grantIdKey: deriveGrantIdKey(e.AUTH_SECRET),
  });
}

function ssfConfig(e: z.output<typeof configSchema>): SsfConfig {
  // Without a trailing slash, so `${issuer}/.well-known/…` and `iss` match the metadata exactly.
  const issuer = (e.SSF_ISSUER ?? e.AUTH_URL)?.replace(/\/+$/, '') ?? null;
  return {
    signingKey: e.SSF_SIGNING_KEY ?? null,
    issuer,
    audience: (e.SSF_AUDIENCE ?? '').split(/\s+/).filter(Boolean),
    subjectIssuer: e.AUTH_OIDC_ISSUER ?? issuer,
    push: e.SSF_PUSH_ENDPOINT
      ? {
          endpoint: e.SSF_PUSH_ENDPOINT,
          authorization: e.SSF_PUSH_AUTHORIZATION ?? null,
          timeoutMs: e.SSF_PUSH_TIMEOUT_MS,
        }
      : null,
  };
}

/**
 * LOG_LEVEL as set, unvalidated: the logger must work before (and while) the
 * configuration is checked, to report what is wrong with it. An unknown value
 * logs at `info` until start-up validation stops the server naming it.
 */
export function logLevelSetting(): string | undefined {
  return process.env.LOG_LEVEL;
}

export type TelemetrySettings = Readonly<{
  /** spans go to an OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT or …_TRACES_ENDPOINT) */
  traces: { protocol: OtlpProtocol } | null;
  /** metrics go to an OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT or …_METRICS_ENDPOINT) */
  metrics: { protocol: OtlpProtocol; intervalMs: number } | null;
  /** METRICS_TOKEN is set: /api/metrics serves the Prometheus text (OTEL_SDK_DISABLED aside: it is not an export) */
  prometheus: boolean;
  serviceName: string;
}>;

export type OtlpProtocol = 'http/protobuf' | 'http/json';

/**
 * Which telemetry leaves the process, from OpenTelemetry's standard variables
 * (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/ and
 * https://opentelemetry.io/docs/specs/otel/protocol/exporter/). The OTLP exporters read
 * the endpoint, OTEL_EXPORTER_OTLP_HEADERS, the timeout and compression themselves; this
 * decides only whether each signal is exported, and over which protocol. gRPC is not
 * offered: `http/protobuf` (the default) reaches every collector that speaks OTLP.
 * Read unvalidated and never thrown from: telemetry must not stop a server that is
 * otherwise fine, so a value it cannot use turns that signal off, with a warning.
 */
export function telemetrySettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
): {
  settings: TelemetrySettings;
  warnings: string[];
} {
  const warnings: string[] = [];
  const set = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const disabled = set('OTEL_SDK_DISABLED')?.toLowerCase() === 'true';
  function signal(kind: 'TRACES' | 'METRICS'): { protocol: OtlpProtocol } | null {
    if (disabled) return null;
    const exporter = set(`OTEL_${kind}_EXPORTER`) ?? 'otlp';
    if (exporter === 'none') return null;
    if (exporter !== 'otlp') {
      warnings.push(
        `OTEL_${kind}_EXPORTER: only otlp or none is supported; ${kind.toLowerCase()} are not exported`,
      );
      return null;
    }
    if (!set(`OTEL_EXPORTER_OTLP_${kind}_ENDPOINT`) && !set('OTEL_EXPORTER_OTLP_ENDPOINT'))
      return null;
    const protocolVariable = set(`OTEL_EXPORTER_OTLP_${kind}_PROTOCOL`)
      ? `OTEL_EXPORTER_OTLP_${kind}_PROTOCOL`
      : 'OTEL_EXPORTER_OTLP_PROTOCOL';
    const protocol = set(protocolVariable) ?? 'http/protobuf';
    if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
      warnings.push(
        `${protocolVariable}: only http/protobuf or http/json is supported; ${kind.toLowerCase()} are not exported`,
      );
      return null;
    }
    return { protocol };
  }
  const interval = Number.parseInt(set('OTEL_METRIC_EXPORT_INTERVAL') ?? '', 10);
  const traces = signal('TRACES');
  const metrics = signal('METRICS');
  return {
    settings: Object.freeze({
      traces,
      metrics: metrics && {
        ...metrics,
        intervalMs: Number.isFinite(interval) && interval >= 100 ? interval : 60_000,
      },
      prometheus: Boolean(set('METRICS_TOKEN')),
      serviceName: set('OTEL_SERVICE_NAME') ?? 'connected-apps',
    }),
    warnings,
  };
}

let cached: AppConfig | undefined;

/** The validated configuration; throws ConfigError naming the bad variable. */
export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
