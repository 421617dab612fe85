/**
 * A sign-out that a late answer cannot undo. Sessions are stateless JWTs that
 * next-auth re-issues on every use (the idle bound, lib/auth.ts), so a request
 * that read the session before a sign-out and answers after it sets the old
 * cookie again. Sign-out therefore also leaves a marker cookie naming the
 * session it ended (each session gets a random `sessionId` at sign-in); a
 * session whose id the marker names is ended wherever it is read (the jwt
 * callback), on every instance, with no shared state: the marker lives in the
 * same browser as the cookie that came back. It lasts as long as any session
 * can (AUTH_SESSION_MAX_AGE), and carries nothing secret: the id means nothing
 * without the encrypted session. See docs/security.md ("Sessions end").
 */
import type { NextRequest } from 'next/server';
import { cookies } from 'next/headers';
import { config } from './env';

export const SIGNED_OUT_COOKIE = 'connected-apps.signed-out';

/** The id of the session this browser last signed out of, or null. */
export async function signedOutSessionId(request: NextRequest | undefined): Promise<string | null> {
  if (request) return request.cookies?.get(SIGNED_OUT_COOKIE)?.value ?? null;
  try {
    return (await cookies()).get(SIGNED_OUT_COOKIE)?.value ?? null;
  } catch {
    // Outside a request (nothing to sign out of).
    return null;
  }
}

/** Called by the sign-out actions with the session they ended. */
export async function markSignedOut(
  ended: Record<string, unknown> | null,
  appUrl: string,
): Promise<void> {
  const sessionId = ended?.sessionId;
  if (typeof sessionId !== 'string' || !sessionId) return;
  (await cookies()).set(SIGNED_OUT_COOKIE, sessionId, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: appUrl.startsWith('https:'),
    maxAge: Math.ceil(config().session.maxAgeMs / 1000),
  });
}
