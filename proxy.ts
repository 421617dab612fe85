/**
 * Runs before account pages: a visitor without a session is sent to the sign-in
 * page with a real redirect (and comes back afterwards). Pages and actions
 * still check the session themselves; this only makes the redirect prompt.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { auth } from './lib/auth';

// next-auth is configured lazily (per request), so wrapping yields a promise of the handler.
const guarded = auth((request) => {
  if (request.auth) return NextResponse.next();
  const signIn = new URL('/sign-in', request.nextUrl);
  signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
});

export async function proxy(request: NextRequest) {
  // The wrapper is typed for route handlers; a proxy has no route params.
  return (await guarded)(request, { params: Promise.resolve({}) });
}

export const config = { matcher: ['/apps', '/apps/:path*'] };
