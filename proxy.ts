/**
 * Runs before account pages: a visitor without a session is sent to the sign-in
 * page with a real redirect (and comes back afterwards). Pages and actions
 * still check the session themselves; this only makes the redirect prompt.
 */
import { NextResponse } from 'next/server';
import { auth } from './lib/auth';

export const proxy = auth((request) => {
  if (request.auth) return NextResponse.next();
  const signIn = new URL('/sign-in', request.nextUrl);
  signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
});

export const config = { matcher: ['/apps', '/apps/:path*'] };
