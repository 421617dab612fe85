/**
 * Runs before account pages: a visitor without a session is sent to the sign-in
 * page with a real redirect (and comes back afterwards). Pages and actions
 * still check the session themselves; this only makes the redirect prompt.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { auth } from './lib/auth';

// next-auth is configured lazily (per request), so wrapping yields a promise of the handler.
const guarded = auth((request) => {
  // A server action call (a POST with `Next-Action`) answers for itself: signed out, the action
  // says `unauthenticated` and the page shows "sign in again". Redirected here instead, the call
  // would reach the page as an answer it cannot read ("unexpected") and never run the action.
  if (request.auth || request.headers.has('next-action')) return NextResponse.next();
  const signIn = new URL('/sign-in', request.nextUrl);
  signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
});

export async function proxy(request: NextRequest) {
  // The wrapper is typed for route handlers; a proxy has no route params.
  return (await guarded)(request, { params: Promise.resolve({}) });
}

export const config = { matcher: ['/apps', '/apps/:path*'] };
