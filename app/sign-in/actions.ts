'use server';
/** Sign-in and sign-out. The password is checked by next-auth's credentials provider in lib/auth.ts. */
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  AuthError,
  OIDC_PROVIDER_ID,
  SignInBusy,
  TooManySignInAttempts,
  signIn,
  signOut,
} from '@/lib/auth';
import { config } from '@/lib/env';
import { endingSession, providerLogoutUrl } from '@/lib/provider-logout';
import { safeReturnPath } from '@/lib/safe-redirect';
import { markSignedOut } from '@/lib/signed-out-marker';

export type SignInState = {
  error?: 'invalidCredentials' | 'missingFields' | 'tooManyAttempts' | 'busy';
  /** echoed so the person need not type it again; the password never is */
  login?: string;
};

const signInFormSchema = z.object({
  login: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(1000),
});

export async function signInWithPassword(
  _previous: SignInState,
  form: FormData,
): Promise<SignInState> {
  // A public endpoint: a script may send anything in place of the form.
  if (!(form instanceof FormData)) return { error: 'missingFields', login: '' };
  const login =
    typeof form.get('login') === 'string' ? String(form.get('login')).slice(0, 200) : '';
  const parsed = signInFormSchema.safeParse({
    login: form.get('login'),
    password: form.get('password'),
  });
  if (!parsed.success) return { error: 'missingFields', login };
  try {
    // On success next-auth redirects by throwing; that must propagate.
    await signIn('credentials', {
      login: parsed.data.login,
      password: parsed.data.password,
      redirectTo: safeReturnPath(form.get('callbackUrl')),
    });
  } catch (error) {
    if (error instanceof TooManySignInAttempts) return { error: 'tooManyAttempts', login };
    if (error instanceof SignInBusy) return { error: 'busy', login };
    if (error instanceof AuthError) return { error: 'invalidCredentials', login };
    throw error;
  }
  return {};
}

/**
 * Sends the person to the operator's OpenID Provider. After a "sign in again"
 * request it asks the provider for a fresh login (`prompt=login`), so an old
 * provider session cannot stand in for a recent sign-in.
 */
export async function signInWithOidc(form: FormData): Promise<void> {
  // Only the sign-in form starts a sign-in; anything else a script sends is ignored.
  if (!(form instanceof FormData)) return;
  const fresh = form.get('reason') === 'reauth';
  await signIn(
    OIDC_PROVIDER_ID,
    { redirectTo: safeReturnPath(form.get('callbackUrl')) },
    fresh ? { prompt: 'login', max_age: '0' } : undefined,
  );
}

/** This app's origin as people reach it: AUTH_URL, else (behind AUTH_TRUST_HOST) the request's host. */
async function appUrl(): Promise<string> {
  const configured = config().publicUrl;
  if (configured) return configured;
  const request = await headers();
  const proto = request.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${proto}://${request.get('x-forwarded-host') ?? request.get('host')}`;
}

/**
 * Ends the session here and, after an OpenID Provider sign-in, at the provider too when it
 * offers RP-initiated logout (lib/provider-logout.ts); the provider sends the person back to
 * the signed-out page.
 */
export async function signOutAndReturn(): Promise<void> {
  const ended = await endingSession(() => signOut({ redirect: false }));
  const url = await appUrl();
  await markSignedOut(ended, url);
  const { oidc } = config();
  const atProvider = oidc ? await providerLogoutUrl(oidc, ended, url) : null;
  redirect(atProvider ?? '/sign-in');
}

/**
 * Ends the session and asks for a fresh sign-in, then comes back to `returnTo` (bulk revocation
 * needs one). Only the session here ends: the provider session stays, and the fresh sign-in
 * asks the provider for a new login (`prompt=login`) instead.
 */
export async function signInAgain(returnTo: string): Promise<void> {
  const back = safeReturnPath(returnTo);
  const ended = await endingSession(() => signOut({ redirect: false }));
  await markSignedOut(ended, await appUrl());
  redirect(`/sign-in?reason=reauth&callbackUrl=${encodeURIComponent(back)}`);
}
