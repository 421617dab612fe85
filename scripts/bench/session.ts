/**
 * Signing a bench person in through the app itself, as the sign-in form does
 * (next-auth's CSRF token, then the credentials callback), so the session is
 * whatever the app makes it; and timed page requests with that session.
 */
import { z } from 'zod';

export type Session = {
  /** the `Cookie` header a browser would send */
  cookieHeader: string;
  cookies: ReadonlyArray<{ name: string; value: string }>;
};

const csrfSchema = z.object({ csrfToken: z.string().min(1) });
const SESSION_COOKIE = /(^|\.)authjs\.session-token$/;

export async function signIn(baseUrl: string, login: string, password: string): Promise<Session> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(jar, csrf.headers);
  const { csrfToken } = csrfSchema.parse(await csrf.json());
  const callback = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: cookieHeader(jar),
    },
    body: new URLSearchParams({ login, password, csrfToken, callbackUrl: `${baseUrl}/apps` }),
  });
  await callback.arrayBuffer();
  keep(jar, callback.headers);
  if (![...jar.keys()].some((name) => SESSION_COOKIE.test(name))) {
    throw new Error(`sign-in of ${login} refused (${callback.status})`);
  }
  return {
    cookieHeader: cookieHeader(jar),
    cookies: [...jar].map(([name, value]) => ({ name, value })),
  };
}

export type Answer = { status: number; body: string; ms: number };

/** GET with the session; `ms` runs until the whole answer has been read. Never follows redirects. */
export async function timedGet(url: string, session: Session | null): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, {
    redirect: 'manual',
    headers: session ? { Cookie: session.cookieHeader } : {},
  });
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

/** Throws unless the answer is a 200 that shows `expected` (so a redirect to sign-in is no figure). */
export function expectPage(answer: Answer, url: string, expected: string): void {
  if (answer.status !== 200 || !answer.body.includes(expected)) {
    throw new Error(`GET ${url} answered ${answer.status} without "${expected}"`);
  }
}

function keep(jar: Map<string, string>, headers: Headers) {
  for (const line of headers.getSetCookie()) {
    const [pair = ''] = line.split(';');
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    const value = pair.slice(separator + 1).trim();
    const name = pair.slice(0, separator).trim();
    if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}
