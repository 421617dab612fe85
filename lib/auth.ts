/**
 * Sign-in: the only module that knows next-auth. Sessions are stateless JWTs
 * in an HttpOnly cookie, so several instances can serve the same person. The
 * session carries the subject — the ID token's `sub` from the operator's
 * OpenID Provider, or a demo person's subject on the embedded backend — and
 * the time of the sign-in itself, which refreshes of the JWT do not move.
 * Sessions end: `AUTH_SESSION_MAX_AGE` after the sign-in however often they are
 * used, and `AUTH_SESSION_IDLE_SECONDS` after their last use (next-auth
 * re-issues the cookie, with a fresh expiry, on every request through the
 * proxy and every session read), and a sign-out cannot be undone by a late answer
 * re-issuing the cookie (lib/signed-out-marker.ts). After an OpenID Provider sign-in the JWT also
 * keeps the ID token's `auth_time` (for "recent sign-in") and the ID token
 * itself (the `id_token_hint` of the logout at the provider, lib/provider-logout.ts);
 * neither reaches the browser: the cookie is encrypted and the session object
 * below lists what is exposed.
 * The providers come from the configuration, read per request (lazily), so
 * `next build` needs none of it.
 */
import { skipCSRFCheck } from '@auth/core';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import type { NextRequest } from 'next/server';
import Credentials from 'next-auth/providers/credentials';
import type { Provider } from 'next-auth/providers';
import { z } from 'zod';
import { embeddedDatabase } from './embedded';
import { canonicalLogin, verifyCredentials } from './embedded/users';
import { config } from './env';
import { log } from './log';
import { PasswordChecksBusy, passwordChecks } from './password-checks';
import { noteEndedSession } from './provider-logout';
import { decodeSessionToken, encodeSessionToken } from './session-token-cache';
import {
  endedBySignOut,
  outlivedMaxAge,
  providerAuthTime,
  type SignInMethod,
} from './session-rules';
import { signedOutSessionId } from './signed-out-marker';
import type { Limiter } from './store/limiter';

/** The provider ID, and so the callback path `/api/auth/callback/oidc` operators register. */
export const OIDC_PROVIDER_ID = 'oidc';

const credentialsSchema = z.object({
  login: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1000),
});

declare module 'next-auth' {
  interface Session {
    subject: string;
    /** ms since epoch of the sign-in that started this session */
    signedInAt: number;
    method: SignInMethod;
    /** ms since epoch of the ID token's `auth_time` after a provider sign-in, else null */
    providerAuthAt: number | null;
  }
}

/** Password guesses per login per minute, right or wrong, counted across every instance on the app store. */
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 10;

/** Refused before the password is checked: too many checks running in this process; the form says to retry. */
export class SignInBusy extends CredentialsSignin {
  override code = 'busy';
}

/** Refused before the password is even checked; the form says to wait. */
export class TooManySignInAttempts extends CredentialsSignin {
  override code = 'too_many_attempts';
}

const holder = globalThis as typeof globalThis & { __signInAttempts?: Limiter };

async function signInAttempts(): Promise<Limiter> {
  // Imported here, not at the top: proxy.ts imports this module for `auth()` on every request,
  // and has no use for the database driver.
  const { appStore } = await import('./store');
  holder.__signInAttempts ??= appStore().limiter({
    name: 'sign_in',
    points: SIGN_IN_ATTEMPTS_PER_MINUTE,
    durationSeconds: 60,
  });
  return holder.__signInAttempts;
}

function providers(): Provider[] {
  const { oidc, demoLogin } = config();
  const list: Provider[] = [];
  if (oidc) {
    list.push({
      id: OIDC_PROVIDER_ID,
      name: 'OpenID Connect',
      type: 'oidc',
      issuer: oidc.issuer,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      // `id` becomes account.providerAccountId, which the jwt callback makes the session's subject.
      profile: (claims) => ({
        id: String(claims.sub),
        name: claims.name ?? null,
        email: claims.email ?? null,
      }),
    });
  }
  if (demoLogin) {
    list.push(
      Credentials({
        id: 'credentials',
        credentials: { login: {}, password: {} },
        async authorize(input) {
          const parsed = credentialsSchema.safeParse(input);
          if (!parsed.success) throw new CredentialsSignin();
          const attempt = await (await signInAttempts()).take(canonicalLogin(parsed.data.login));
          if (!attempt.ok) throw new TooManySignInAttempts();
          const user = await passwordChecks()
            .run(() =>
              verifyCredentials(embeddedDatabase(), parsed.data.login, parsed.data.password),
            )
            .catch((error: unknown) => {
              if (error instanceof PasswordChecksBusy) throw new SignInBusy();
              throw error;
            });
          if (!user) throw new CredentialsSignin();
          return { id: user.subject, name: user.displayName };
        },
      }),
    );
  }
  return list;
}

/** `signedOutId`: the session this browser signed out of (lib/signed-out-marker.ts). */
function authConfig(signedOutId: string | null): NextAuthConfig {
  const { session: lifetime } = config();
  return {
    pages: { signIn: '/sign-in' },
    // The JWT and its cookie expire this long after the last request that re-issued them: the
    // idle bound. The absolute bound is checked in the jwt callback.
    session: {
      strategy: 'jwt',
      maxAge: Math.floor(Math.min(lifetime.idleMs, lifetime.maxAgeMs) / 1000),
    },
    // next-auth's own JWE codec, with a verified cookie's decryption and re-issue kept for seconds.
    jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
    // next-auth's own logger prints stacks; ours writes one JSON line, and a wrong password is no error.
    logger: {
      error(error) {
        if (error instanceof CredentialsSignin) log.info('auth.sign_in_refused');
        else log.error('auth.error', { error });
      },
      warn(code) {
        log.warn('auth.warning', { code });
      },
      debug() {},
    },
    providers: providers(),
    events: {
      // The cleared JWT, for the provider logout that sign-out goes on to (app/sign-in/actions.ts).
      signOut(message) {
        noteEndedSession('token' in message ? message.token : null);
      },
    },
    callbacks: {
      jwt({ token, user, account, profile }) {
        // `user` and `account` are present only on the sign-in itself.
        if (user) {
          token.signedInAt = Date.now();
          token.sessionId = crypto.randomUUID();
          token.method = 'password' satisfies SignInMethod;
        }
        if (account?.provider === OIDC_PROVIDER_ID) {
          // Auth.js gives `user.id` a random UUID; the subject Authlete knows is the ID token's
          // `sub`, which Auth.js keeps as the account's providerAccountId.
          token.sub = account.providerAccountId;
          token.method = 'oidc' satisfies SignInMethod;
          // `profile` is the validated ID token's claims.
          token.providerAuthAt = providerAuthTime(profile?.auth_time);
          token.idToken = account.id_token ?? null;
        }
        const signedInAt = typeof token.signedInAt === 'number' ? token.signedInAt : 0;
        // null ends the session: next-auth clears the cookie and the person is signed out.
        if (outlivedMaxAge(signedInAt, config().session.maxAgeMs, Date.now())) return null;
        // Signed out here already: a late answer re-issued this cookie after the sign-out.
        if (endedBySignOut(token.sessionId, signedOutId)) return null;
        return token;
      },
      session({ session, token }) {
        session.subject = token.sub ?? '';
        session.signedInAt = typeof token.signedInAt === 'number' ? token.signedInAt : 0;
        session.method = token.method === 'oidc' ? 'oidc' : 'password';
        session.providerAuthAt =
          typeof token.providerAuthAt === 'number' ? token.providerAuthAt : null;
        return session;
      },
    },
  };
}

/** next-auth's own routes (its default `basePath`): sign-in and sign-out forms post here. */
const AUTH_ROUTES = /^\/api\/auth(\/|$)/;

/**
 * Reading the session — `auth()` in the proxy (given the page's request) and in pages and actions
 * (given none) — changes nothing, yet next-auth checks or mints its CSRF cookie on every call: an
 * asynchronous SHA-256 that cost more than the session's own crypto once that was cached
 * (docs/performance.md). Its routes still check it; server actions have Next's own origin check,
 * and next-auth's `signIn`/`signOut` actions skip this one anyway.
 */
function readsSessionOnly(request: NextRequest | undefined): boolean {
  return !request || !AUTH_ROUTES.test(new URL(request.url).pathname);
}

export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => {
  const settings = authConfig(await signedOutSessionId(request));
  return readsSessionOnly(request) ? { ...settings, skipCSRFCheck } : settings;
});
export { AuthError } from 'next-auth';
