/** Configuration: every mistake is reported with the variable's name, and never with a secret's value. */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/env';

const SECRET = { AUTH_SECRET: 'x'.repeat(32) };
const V3 = {
  ...SECRET,
  AUTHLETE_BASE_URL: 'https://us.authlete.com',
  AUTHLETE_SERVICE_APIKEY: '715948317',
  AUTHLETE_SERVICE_ACCESSTOKEN: 'service-access-token-value',
  AUTH_OIDC_ISSUER: 'https://id.example.com',
  AUTH_OIDC_ID: 'connected-apps',
  AUTH_OIDC_SECRET: 'oidc-client-secret-value',
};

function problems(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('runs on the embedded backend with demo logins when nothing but the secret is set', () => {
    const config = parseConfig(SECRET);
    expect(config.backend).toEqual({ kind: 'embedded' });
    expect(config.demoLogin).toBe(true);
    expect(config.oidc).toBeNull();
    expect(config.recentSignInMs).toBe(600_000);
    // Hours from sign-in, not next-auth's 30 days; half an hour left unused.
    expect(config.session).toEqual({ maxAgeMs: 12 * 3_600_000, idleMs: 30 * 60_000 });
  });

  it('takes the session bounds in seconds and names a bad one', () => {
    const config = parseConfig({
      ...SECRET,
      AUTH_SESSION_MAX_AGE: '3600',
      AUTH_SESSION_IDLE_SECONDS: '300',
    });
    expect(config.session).toEqual({ maxAgeMs: 3_600_000, idleMs: 300_000 });
    expect(problems({ ...SECRET, AUTH_SESSION_MAX_AGE: '30d' })).toContain('AUTH_SESSION_MAX_AGE');
    expect(problems({ ...SECRET, AUTH_SESSION_IDLE_SECONDS: '0' })).toContain(
      'AUTH_SESSION_IDLE_SECONDS',
    );
  });

  it('builds V3 Authlete options with the OpenID Provider', () => {
    const config = parseConfig({ ...V3, AUTHLETE_TIMEOUT_MS: '2500' });
    expect(config.backend).toEqual({
      kind: 'authlete',
      options: expect.objectContaining({
        baseUrl: 'https://us.authlete.com',
        apiVersion: 'V3',
        serviceApiKey: '715948317',
        serviceAccessToken: 'service-access-token-value',
        timeoutMs: 2500,
      }),
    });
    expect(config.oidc).toEqual({
      issuer: 'https://id.example.com',
      clientId: 'connected-apps',
      clientSecret: 'oidc-client-secret-value',
    });
    expect(config.demoLogin).toBe(false);
  });

  it('names each missing variable per API generation', () => {
    expect(problems({ ...V3, AUTHLETE_SERVICE_ACCESSTOKEN: '' })).toMatch(
      /AUTHLETE_SERVICE_ACCESSTOKEN: required for AUTHLETE_API_VERSION=V3/,
    );
    const v2 = problems({ ...V3, AUTHLETE_API_VERSION: 'V2' });
    expect(v2).toMatch(/AUTHLETE_SERVICE_APISECRET: required for AUTHLETE_API_VERSION=V2/);
    expect(problems({ ...V3, AUTHLETE_API_VERSION: 'v4' })).toMatch(
      /AUTHLETE_API_VERSION: must be V2 or V3/,
    );
    expect(problems({ ...V3, AUTHLETE_BASE_URL: 'ftp://x' })).toMatch(
      /AUTHLETE_BASE_URL: must be an http\(s\) URL/,
    );
    expect(problems({ ...V3, AUTHLETE_SERVICEOWNER_APIKEY: '1' })).toMatch(
      /AUTHLETE_SERVICEOWNER_APISECRET/,
    );
    expect(problems({ ...V3, AUTHLETE_TIMEOUT_MS: 'soon' })).toMatch(/AUTHLETE_TIMEOUT_MS/);
    expect(problems({ ...V3, AUTHLETE_SERVICE_APIKEY: 'my-service' })).toMatch(
      /AUTHLETE_SERVICE_APIKEY: must be the numeric service ID for AUTHLETE_API_VERSION=V3/,
    );
    // v2 sends the key as a Basic credential: this app assumes no shape for it.
    expect(
      parseConfig({
        ...V3,
        AUTHLETE_API_VERSION: 'V2',
        AUTHLETE_SERVICE_APIKEY: 'my-service',
        AUTHLETE_SERVICE_APISECRET: 'api-secret-value',
      }).backend,
    ).toMatchObject({ options: { serviceApiKey: 'my-service' } });
    expect(problems({ AUTH_SECRET: 'short' })).toMatch(
      /AUTH_SECRET: must be at least 32 characters/,
    );
  });

  it('refuses the Authlete backend without an OpenID Provider, unless demo logins are asked for', () => {
    const env = { ...V3, AUTH_OIDC_ISSUER: '', AUTH_OIDC_ID: '', AUTH_OIDC_SECRET: '' };
    expect(problems(env)).toMatch(/AUTH_OIDC_ISSUER: required with AUTHLETE_BASE_URL/);
    const sandbox = parseConfig({ ...env, AUTH_DEMO_LOGIN: 'true' });
    expect(sandbox.demoLogin).toBe(true);
    expect(sandbox.oidc).toBeNull();
    expect(problems({ ...V3, AUTH_OIDC_SECRET: '' })).toMatch(
      /AUTH_OIDC_SECRET: required with AUTH_OIDC_ISSUER/,
    );
  });

  it('keeps the app store in the SQLite file unless DATABASE_URL names a PostgreSQL database', () => {
    const sqlite = parseConfig({ ...SECRET, DATABASE_PATH: 'data/app.sqlite' });
    expect(sqlite.store).toEqual({ kind: 'sqlite', path: sqlite.databasePath });
    expect(sqlite.historyRetentionDays).toBe(365);
    for (const url of [
      'postgres://app:pw@db.internal:5432/apps',
      'postgresql://db.internal/apps',
    ]) {
      expect(parseConfig({ ...V3, DATABASE_URL: url }).store).toEqual({ kind: 'postgres', url });
    }
    expect(parseConfig({ ...SECRET, HISTORY_RETENTION_DAYS: '30' }).historyRetentionDays).toBe(30);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, without repeating it', () => {
    for (const url of ['mysql://app:db-password-value@db/apps', 'not a url db-password-value']) {
      const message = problems({ ...SECRET, DATABASE_URL: url });
      expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
      expect(message).not.toContain('db-password-value');
    }
    expect(problems({ ...SECRET, HISTORY_RETENTION_DAYS: '0' })).toMatch(/HISTORY_RETENTION_DAYS/);
  });

  it('pushes events only with a key and an audience, and takes the issuer from AUTH_URL', () => {
    expect(parseConfig(SECRET).ssf.push).toBeNull();
    const message = problems({
      ...SECRET,
      SSF_PUSH_ENDPOINT: 'https://receiver.example.com/events',
      SSF_PUSH_AUTHORIZATION: 'Bearer push-secret-value',
    });
    expect(message).toMatch(/SSF_SIGNING_KEY: required with SSF_PUSH_ENDPOINT/);
    expect(message).toMatch(/SSF_AUDIENCE: required with SSF_PUSH_ENDPOINT/);
    expect(message).toMatch(/SSF_ISSUER: required with SSF_PUSH_ENDPOINT/);
    expect(message).not.toContain('push-secret-value');
    const { ssf } = parseConfig({
      ...SECRET,
      AUTH_URL: 'https://apps.example.com/',
      SSF_SIGNING_KEY: '{"kty":"EC"}',
      SSF_AUDIENCE: 'https://receiver.example.com',
      SSF_PUSH_ENDPOINT: 'https://receiver.example.com/events',
    });
    expect(ssf).toMatchObject({
      issuer: 'https://apps.example.com',
      subjectIssuer: 'https://apps.example.com',
      audience: ['https://receiver.example.com'],
      push: { endpoint: 'https://receiver.example.com/events', authorization: null },
    });
  });

  it('never repeats a secret value in its messages', () => {
    const message = problems({ ...V3, AUTHLETE_API_VERSION: 'V2', AUTH_OIDC_ID: '' });
    for (const secret of [V3.AUTHLETE_SERVICE_ACCESSTOKEN, V3.AUTH_OIDC_SECRET, V3.AUTH_SECRET]) {
      expect(message).not.toContain(secret);
    }
  });

  it('reads and checks the operator scope descriptions file', () => {
    expect(problems({ ...SECRET, SCOPE_DESCRIPTIONS_FILE: '/no/such/file.json' })).toMatch(
      /SCOPE_DESCRIPTIONS_FILE: cannot read/,
    );
  });
});
