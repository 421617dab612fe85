/**
 * The signed-in person, read from the server-side session. This is the only
 * source of a subject anywhere in the app.
 */
import 'server-only';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from './auth';
import type { SessionTimes } from './session-rules';

export type SessionUser = { subject: string; name: string | null } & SessionTimes;

/**
 * Read once per request however many layers ask (page, data layer): decrypting the JWT is not
 * free. React's cache is scoped to one request; outside a request it simply calls through.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.subject) return null;
  return {
    subject: session.subject,
    name: session.user?.name ?? null,
    signedInAt: session.signedInAt,
    method: session.method,
    providerAuthAt: session.providerAuthAt,
  };
});

/** For pages: the signed-in person, or a redirect to the sign-in page that comes back here. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
