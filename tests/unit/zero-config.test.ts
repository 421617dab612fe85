/**
 * The zero-configuration defaults every start goes through (lib/zero-config.mjs):
 * what a first run on the embedded backend gets, what is never generated for
 * a real deployment, and the one place the backend is chosen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/env';
import { chooseBackend, withZeroConfigDefaults } from '@/lib/zero-config.mjs';

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'zero-config-'));
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('chooseBackend', () => {
  it('is Authlete exactly when AUTHLETE_BASE_URL is set, and blank counts as unset', () => {
    expect(chooseBackend({})).toBe('embedded');
    expect(chooseBackend({ AUTHLETE_BASE_URL: '  ' })).toBe('embedded');
    expect(chooseBackend({ AUTHLETE_BASE_URL: 'https://us.authlete.com' })).toBe('authlete');
  });

  it('is the choice the validated configuration makes too', () => {
    const secret = { AUTH_SECRET: 'x'.repeat(32) };
    expect(parseConfig({ ...secret, AUTHLETE_BASE_URL: '' }).backend.kind).toBe('embedded');
    expect(
      parseConfig({
        ...secret,
        AUTHLETE_BASE_URL: 'https://us.authlete.com',
        AUTHLETE_SERVICE_APIKEY: '1001',
        AUTHLETE_SERVICE_ACCESSTOKEN: 'token',
        AUTH_DEMO_LOGIN: 'true',
      }).backend.kind,
    ).toBe('authlete');
  });
});

describe('withZeroConfigDefaults', () => {
  it('gives a fresh checkout everything the embedded demo needs', () => {
    const { env, backend, notices } = withZeroConfigDefaults({}, { root });
    expect(backend).toBe('embedded');
    expect(env.DATABASE_PATH).toBe(path.join(root, 'data', 'connected-apps.sqlite'));
    expect(env.AUTH_URL).toBe('http://localhost:3000');
    expect(env.AUTH_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(notices.join('\n')).toContain(path.join(root, 'data', 'auth-secret'));
    // The result passes start-up validation as it is.
    expect(() => parseConfig(env)).not.toThrow();
  });

  it('keeps the development secret beside the database, owner-only, and reuses it', () => {
    const first = withZeroConfigDefaults({ DATABASE_PATH: 'db/app.sqlite' }, { root, cwd: root });
    const file = path.join(root, 'db', 'auth-secret');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(first.env.AUTH_SECRET);
    const second = withZeroConfigDefaults({ DATABASE_PATH: 'db/app.sqlite' }, { root, cwd: root });
    expect(second.env.AUTH_SECRET).toBe(first.env.AUTH_SECRET);
  });

  it('generates the event signing key beside the database, owner-only, reused, and a private P-256 JWK', async () => {
    const first = withZeroConfigDefaults({}, { root });
    const file = path.join(root, 'data', 'ssf-signing-key.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const jwk = JSON.parse(first.env.SSF_SIGNING_KEY!);
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', d: expect.any(String) });
    expect(first.notices.join('\n')).toContain(file);
    expect(withZeroConfigDefaults({}, { root }).env.SSF_SIGNING_KEY).toBe(
      first.env.SSF_SIGNING_KEY,
    );
    expect(
      withZeroConfigDefaults({ SSF_SIGNING_KEY: '{"kty":"EC"}' }, { root }).env.SSF_SIGNING_KEY,
    ).toBe('{"kty":"EC"}');
  });

  it('never generates a secret for a real Authlete deployment', () => {
    const { env, notices } = withZeroConfigDefaults(
      { AUTHLETE_BASE_URL: 'https://us.authlete.com' },
      { root },
    );
    expect(env.AUTH_SECRET).toBeUndefined();
    expect(env.SSF_SIGNING_KEY).toBeUndefined();
    expect(notices).toEqual([]);
    expect(fs.existsSync(path.join(root, 'data', 'auth-secret'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'data', 'ssf-signing-key.json'))).toBe(false);
  });

  it('never replaces what the operator set', () => {
    const { env } = withZeroConfigDefaults(
      { AUTH_SECRET: 'operator-secret', AUTH_URL: 'https://apps.example.com', PORT: '8080' },
      { root },
    );
    expect(env).toMatchObject({
      AUTH_SECRET: 'operator-secret',
      AUTH_URL: 'https://apps.example.com',
    });
  });

  it('makes relative paths absolute, since the standalone server changes directory', () => {
    const { env } = withZeroConfigDefaults(
      { DATABASE_PATH: './mine.sqlite', SCOPE_DESCRIPTIONS_FILE: 'scopes.json', PORT: '4000' },
      { root, cwd: '/srv/app' },
    );
    expect(env.DATABASE_PATH).toBe('/srv/app/mine.sqlite');
    expect(env.SCOPE_DESCRIPTIONS_FILE).toBe('/srv/app/scopes.json');
    expect(env.AUTH_URL).toBe('http://localhost:4000');
  });
});
