/**
 * next-auth sessions minted by the tests themselves, with the e2e secret: for a session whose
 * sign-in is as old as a test needs, without waiting that long.
 */
import { encode } from 'next-auth/jwt';
import { E2E_AUTH_SECRET } from './e2e-env';
import type { TestUser } from './world';

/** next-auth's session cookie name over plain http. */
export const SESSION_COOKIE = 'authjs.session-token';

/** A session cookie value for `user`, signed in `ageSeconds` ago. */
export function sessionTokenFor(user: TestUser, ageSeconds: number): Promise<string> {
  return encode({
    token: {
      sub: user.subject,
      name: user.displayName,
      signedInAt: Date.now() - ageSeconds * 1000,
    },
    secret: E2E_AUTH_SECRET,
    salt: SESSION_COOKIE,
  });
}
