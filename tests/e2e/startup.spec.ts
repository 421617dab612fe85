/**
 * Bad configuration stops the server at start-up, not on a person's first
 * request: the built app, started as `npm start` starts it, exits non-zero
 * within seconds with a message that names the variable to fix — and never
 * repeats a value, since several of them are secrets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort, startOwnServer } from '../support/own-server';

const SECRETS = {
  AUTH_SECRET: 'startup-test-auth-secret-0123456789abcdef',
  AUTHLETE_SERVICE_ACCESSTOKEN: 'startup-test-service-access-token',
  AUTH_OIDC_SECRET: 'startup-test-oidc-client-secret',
};

/** A complete Authlete-mode configuration; each test breaks one thing in it. */
const AUTHLETE_V3 = {
  ...SECRETS,
  // Nothing listens there: a server that got past start-up would fail only on a request.
  AUTHLETE_BASE_URL: 'http://localhost:9',
  AUTHLETE_SERVICE_APIKEY: '1001',
  AUTH_OIDC_ISSUER: 'http://localhost:9/oidc',
  AUTH_OIDC_ID: 'connected-apps',
};

const CASES: { name: string; change: Record<string, string>; message: RegExp }[] = [
  {
    name: 'an unknown AUTHLETE_API_VERSION',
    change: { AUTHLETE_API_VERSION: 'v9' },
    message: /AUTHLETE_API_VERSION: must be V2 or V3/,
  },
  {
    name: 'the Authlete backend without an OpenID Provider',
    change: { AUTH_OIDC_ISSUER: '', AUTH_OIDC_ID: '', AUTH_OIDC_SECRET: '' },
    message: /AUTH_OIDC_ISSUER: required with AUTHLETE_BASE_URL/,
  },
  {
    name: 'a v3 service ID that is not a number',
    change: { AUTHLETE_SERVICE_APIKEY: 'my-service' },
    message: /AUTHLETE_SERVICE_APIKEY: must be the numeric service ID/,
  },
];

for (const { name, change, message } of CASES) {
  test(`${name} stops the server at start with a message naming it, and no secret`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-startup-'));
    const server = startOwnServer(await freePort(), {
      ...AUTHLETE_V3,
      DATABASE_PATH: path.join(dir, 'app.sqlite'),
      ...change,
    });
    try {
      // `next start` itself is up in well under a second; the check runs as it starts.
      await expect.poll(server.exitCode, { timeout: 15_000 }).not.toBeNull();
      expect(server.exitCode()).not.toBe(0);
      expect(server.output()).toMatch(message);
      for (const secret of Object.values(SECRETS)) expect(server.output()).not.toContain(secret);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('`npm run dev` serves the demo on a machine where nothing is configured', async () => {
  // `next dev` compiles on first use: slow, but it is what a new contributor runs first.
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-dev-'));
  const server = startOwnServer(
    await freePort(),
    { DATABASE_PATH: path.join(dir, 'app.sqlite') },
    { script: 'dev.mjs', onlyEnv: true },
  );
  try {
    await server.ready();
    const signIn = await fetch(`${server.url}/sign-in`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain('alice');
    // The development secret it made for itself, beside the database and for its owner only.
    expect(fs.statSync(path.join(dir, 'auth-secret')).mode & 0o777).toBe(0o600);
    expect(server.exitCode()).toBeNull();
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
