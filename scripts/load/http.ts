/**
 * HTTP as a browser does it, for one virtual person: a cookie jar, sign-in
 * through next-auth's credentials endpoint (CSRF token first), and timed
 * requests whose latency includes reading the whole answer.
 */
import { z } from 'zod';

export type Timed = { status: number; location: string | null; body: string; ms: number };

export type Browser = {
  /** One request with this person's cookies; never follows redirects, so they can be checked. */
  request(
    path: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ): Promise<Timed>;
};

const csrfSchema = z.object({ csrfToken: z.string().min(1) });

/** next-auth's cookie; on https it carries the `__Secure-` prefix. */
const SESSION_COOKIE = /(^|\.)authjs\.session-token$/;

/** Signs `login` in as the sign-in form would, and returns a browser holding the session cookie. */
export async function signIn(baseUrl: string, login: string, password: string): Promise<Browser> {
  const browser = createBrowser(baseUrl);
  const csrf = await browser.request('/api/auth/csrf');
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = csrfSchema.parse(JSON.parse(csrf.body));
  const callback = await browser.request('/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      login,
      password,
      csrfToken,
      callbackUrl: `${baseUrl}/apps`,
    }).toString(),
  });
  if (!browser.hasSessionCookie()) {
    throw new Error(
      `sign-in of ${login} refused: ${callback.status} ${callback.location ?? '(no redirect)'}`,
    );
  }
  return browser;
}

function createBrowser(baseUrl: string) {
  const cookies = new Map<string, string>();

  function keepCookies(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      // An expired or emptied cookie is next-auth clearing it.
      if (value === '' || /max-age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
  }

  return {
    hasSessionCookie: () => [...cookies.keys()].some((name) => SESSION_COOKIE.test(name)),

    async request(path, init = {}): Promise<Timed> {
      const started = performance.now();
      const response = await fetch(`${baseUrl}${path}`, {
        method: init.method ?? 'GET',
        redirect: 'manual',
        headers: {
          ...init.headers,
          Cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        },
        body: init.body,
      });
      const body = await response.text();
      const ms = performance.now() - started;
      keepCookies(response.headers);
      return { status: response.status, location: response.headers.get('location'), body, ms };
    },
  } satisfies Browser & { hasSessionCookie(): boolean };
}
