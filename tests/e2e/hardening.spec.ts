/** Browser hardening, read off real responses: headers, the nonce-based CSP, cookies, and the origin check. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Request } from '@playwright/test';
import { openDatabase } from '../../lib/embedded/database';
import { HSTS } from '../../lib/security-headers';
import { callAction } from '../support/actions';
import { E2E_ALLOWED_ORIGIN_HOST, E2E_AUTH_SECRET } from '../support/e2e-env';
import { expect, test } from '../support/fixtures';
import { freePort } from '../support/free-port';
import { startOwnServer } from '../support/own-server';
import { serverLogLines } from '../support/recording';
import { createWorld } from '../support/world';

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values.join(' ')];
    }),
  );
}

test('every page ships a per-request CSP whose nonce is on its scripts, and the fixed headers', async ({
  page,
  world,
  signIn,
  allowConsoleErrors,
}) => {
  const { user, apps } = world.personWithApps(2);
  const nonces = new Set<string>();
  const check = async (path: string, status = 200) => {
    const response = (await page.goto(path))!;
    expect(response.status(), path).toBe(status);
    const headers = response.headers();
    const csp = directives(headers['content-security-policy'] ?? '');
    const nonce = /'nonce-([^']+)'/.exec(csp.get('script-src') ?? '')?.[1];
    expect(nonce, `${path}: script-src has a nonce`).toBeTruthy();
    expect(csp.get('script-src')).not.toContain('unsafe-inline');
    // Our stylesheet and nothing inline: a style the page needed and lacked would show here as a
    // console error (the fixtures fail a test on any).
    expect(csp.get('style-src')).toBe("'self'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('img-src')).toContain('https:');
    nonces.add(nonce!);
    // Every script tag the server wrote carries this response's nonce (scripts those load
    // later are trusted through 'strict-dynamic').
    const scriptTags = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scriptTags.length).toBeGreaterThan(0);
    expect(
      scriptTags.filter((tag) => !tag.includes(`nonce="${nonce}"`)),
      `${path}: scripts without the nonce`,
    ).toEqual([]);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // Plain http here: no HSTS, which would pin a host to https it may not serve.
    expect(headers['strict-transport-security']).toBeUndefined();
  };

  await check('/sign-in');
  await signIn(user);
  await check('/apps');
  await check(`/apps/${apps[0]!.clientId}`);
  allowConsoleErrors(/status of 404/);
  await check('/apps/123', 404);
  await check('/no-such-page', 404);
  expect(nonces.size).toBe(5);
});

test('the session cookie is HttpOnly and SameSite=Lax; HSTS is sent when the proxy says https', async ({
  page,
  context,
  world,
  signIn,
}) => {
  await signIn(world.createPerson());
  const session = (await context.cookies()).find(
    (cookie) => cookie.name === 'authjs.session-token',
  );
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  // Over plain http a Secure cookie would never come back; over https it is Secure (next test).
  expect(session?.secure).toBe(false);

  const overHttps = await page.request.get('/sign-in', {
    headers: { 'x-forwarded-proto': 'https' },
  });
  expect(overHttps.headers()['strict-transport-security']).toBe(
    'max-age=63072000; includeSubDomains',
  );
  expect(overHttps.headers()['content-security-policy']).toContain('upgrade-insecure-requests');
});

test('deployed at an https URL, the session cookie is __Secure-, Secure, HttpOnly and SameSite=Lax, with HSTS', async () => {
  // An operator's set-up: AUTH_URL is the public https URL, and a proxy in front ends TLS and
  // forwards plain http, saying so with x-forwarded-proto.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connected-apps-https-'));
  const db = openDatabase(path.join(dir, 'app.sqlite'));
  const user = createWorld(db).createPerson();
  const port = await freePort();
  const server = startOwnServer(port, {
    AUTH_URL: `https://localhost:${port}`,
    AUTH_SECRET: E2E_AUTH_SECRET,
    DATABASE_PATH: path.join(dir, 'app.sqlite'),
  });
  const viaProxy = (pathname: string, init: RequestInit = {}) =>
    fetch(`${server.url}${pathname}`, {
      ...init,
      redirect: 'manual',
      headers: { 'x-forwarded-proto': 'https', ...init.headers },
    });
  try {
    await server.ready();
    const csrf = await viaProxy('/api/auth/csrf');
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signedIn = await viaProxy('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { cookie: cookiePairs(csrf).join('; ') },
      body: new URLSearchParams({ csrfToken, login: user.login, password: user.password }),
    });
    expect(signedIn.status).toBe(302);
    const session = signedIn.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith('__Secure-authjs.session-token='));
    expect(session, 'the session cookie carries the __Secure- prefix').toBeDefined();
    const attributes = session!.split(/;\s*/).slice(1);
    expect(attributes).toEqual(
      expect.arrayContaining(['Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax']),
    );
    expect(signedIn.headers.get('strict-transport-security')).toBe(HSTS);

    // The cookie is a working session, and pages over the proxy carry HSTS too.
    const asUser = { headers: { cookie: cookiePairs(signedIn).join('; ') } };
    const current = await viaProxy('/api/auth/session', asUser);
    expect(await current.json()).toMatchObject({ subject: user.subject });
    const apps = await viaProxy('/apps', asUser);
    expect(apps.status).toBe(200);
    expect(apps.headers.get('strict-transport-security')).toBe(HSTS);
  } finally {
    await server.stop();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** The `name=value` parts of a response's Set-Cookie lines, to send back as a Cookie header. */
function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!);
}

test('a server action called from another origin is refused; ALLOWED_ORIGINS, read at start, lets a proxy host in', async ({
  page,
  world,
  signIn,
}) => {
  const { user, app } = world.personWithApp(['openid', 'profile', 'email']);
  await signIn(user);

  let captured: Request | undefined;
  page.on('request', (request) => {
    if (
      request.method() === 'POST' &&
      request.headers()['next-action'] &&
      request.postData()?.includes('"scopes"')
    ) {
      captured = request;
    }
  });
  const card = page.getByRole('article', { name: app.name });
  await card.getByRole('checkbox', { name: /See your email address/ }).uncheck();
  await card.getByRole('button', { name: 'Review changes' }).click();
  await card.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect(captured).toBeDefined();
  const headers = captured!.headers();
  delete headers['cookie'];
  delete headers['content-length'];
  const replay = (origin: string, scopes: string[]) =>
    page.request.post(captured!.url(), {
      headers: { ...headers, origin },
      data: JSON.stringify([{ clientId: app.clientId, scopes }]),
    });

  const forged = await replay('http://evil.example', ['openid']);
  expect(forged.ok()).toBe(false);
  expect(await forged.text()).not.toContain('"ok":true');
  expect(world.tokensOf(user, app)[0]!.scopes).toEqual(['openid', 'profile']);

  const viaProxy = await replay(`https://${E2E_ALLOWED_ORIGIN_HOST}`, ['openid']);
  expect(viaProxy.status()).toBe(200);
  expect(await viaProxy.text()).toContain('"ok":true');
  expect(world.tokensOf(user, app)[0]!.scopes).toEqual(['openid']);
});

test('health and readiness answer without a session and reveal nothing else', async ({
  request,
}) => {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  const ready = await request.get('/api/ready');
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready' });
  expect(ready.headers()['cache-control']).toBe('no-store');
});

test('the icon a browser asks for by default, /favicon.ico, is there without a session', async ({
  request,
}) => {
  // Browsers ask for it on their own (Chromium does when a page's icon link has not been seen
  // yet), so a 404 here would be an error in every such page's console and a line in every log.
  const icon = await request.get('/favicon.ico', { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/x-icon');
  const bytes = await icon.body();
  // An ICO file: reserved 0, type 1 (icon), then how many images it holds.
  expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
  expect(bytes.readUInt16LE(4)).toBeGreaterThan(0);
});

test('an action body over 64 kB is refused with 413 before any action runs', async ({
  page,
  world,
  signIn,
}) => {
  const { user, app } = world.personWithApp(['openid', 'profile']);
  await signIn(user);
  const before = world.tokensOf(user, app);
  const response = await page.request.post('/apps', {
    headers: { 'Next-Action': '0'.repeat(42), 'Content-Type': 'text/plain;charset=UTF-8' },
    data: JSON.stringify([
      { clientId: app.clientId, scopes: ['openid'], padding: 'x'.repeat(70_000) },
    ]),
  });
  expect(response.status()).toBe(413);
  expect(await response.json()).toEqual({ error: 'payload_too_large' });
  expect(world.tokensOf(user, app)).toEqual(before);
});

test('a path that does not decode gets a clear 400, signed in or not, never a 500', async ({
  page,
  world,
  signIn,
}) => {
  const paths = ['/apps/%ZZ', '/apps/%E0%A4%A', '/api/auth/%ZZ', '/%C3'];
  for (const path of paths) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
  }
  await signIn(world.createPerson());
  for (const path of paths) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
    expect(await response.json()).toEqual({ error: 'bad_request' });
  }
});

test('a change writes one audit line that names the request id the response carries', async ({
  page,
  world,
  signIn,
}) => {
  const { user, app } = world.personWithApp(['openid', 'profile']);
  await signIn(user);
  const requestId = `e2e-trace-${world.tag}`;

  const answer = await callAction(
    page.request,
    'updateScopes',
    [{ clientId: app.clientId, scopes: ['openid'] }],
    { headers: { 'x-request-id': requestId } },
  );
  expect(answer.value).toMatchObject({ ok: true });
  expect(answer.headers['x-request-id']).toBe(requestId);

  await expect
    .poll(() => serverLogLines('embedded-app', requestId))
    .toEqual([
      expect.objectContaining({
        requestId,
        msg: 'audit',
        actor: user.subject,
        action: 'updateScopes',
        outcome: 'done',
      }),
    ]);
});
