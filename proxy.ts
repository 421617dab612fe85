/**
 * Runs in front of every request (but Next's static files):
 * - gives it a request id (kept from a sane incoming `x-request-id`, else new),
 *   passed to the app and echoed in the response, so log lines can be joined;
 * - sets a per-request Content-Security-Policy around a fresh nonce, which
 *   Next puts on its scripts (pages therefore render per request);
 * - sends signed-out visitors of account pages to sign in with a real
 *   redirect. Pages and actions still check the session themselves;
 * - refuses paths that do not decode (400) and server action calls with oversized
 *   bodies (413).
 */
import { NextResponse, type NextRequest } from 'next/server';
import { auth } from './lib/auth';
import { config as appConfig } from './lib/env';
import { ACTION_BODY_LIMIT_BYTES } from './lib/limits';
import { REQUEST_ID_HEADER, acceptRequestId } from './lib/request-id';
import { HSTS, contentSecurityPolicy } from './lib/security-headers';

const ACCOUNT_PATH = /^\/apps(\/|$)/;

function servedOverHttps(request: NextRequest): boolean {
  return (
    request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https'
  );
}

/** Passes the request on with its nonce and request id, and hardens the response. */
function secured(request: NextRequest, redirectTo?: URL): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const requestId = acceptRequestId(request.headers.get(REQUEST_ID_HEADER));
  const https = servedOverHttps(request);
  const { oidc } = appConfig();
  const csp = contentSecurityPolicy({
    nonce,
    https,
    formActionOrigins: oidc ? [new URL(oidc.issuer).origin] : [],
    development: process.env.NODE_ENV === 'development',
  });

  const forwarded = new Headers(request.headers);
  forwarded.set('x-nonce', nonce);
  forwarded.set('content-security-policy', csp);
  forwarded.set(REQUEST_ID_HEADER, requestId);
  const response = redirectTo
    ? NextResponse.redirect(redirectTo)
    : NextResponse.next({ request: { headers: forwarded } });
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  if (https) response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

// next-auth is configured lazily (per request), so wrapping yields a promise of the handler.
const accountGate = auth((request) => {
  // A server action call (a POST with `Next-Action`) answers for itself: signed out, the action
  // says `unauthenticated` and the page shows "sign in again". Redirected here instead, the call
  // would reach the page as an answer it cannot read ("unexpected") and never run the action.
  if (request.auth || request.headers.has('next-action')) return secured(request);
  const signIn = new URL('/sign-in', request.nextUrl);
  signIn.searchParams.set('callbackUrl', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return secured(request, signIn);
});

/**
 * A path that is not valid percent-encoding (`/apps/%ZZ`): no page or handler can serve it,
 * and Next's router would answer 500 when it fails to decode the route's parameters.
 */
function undecodablePath(request: NextRequest): boolean {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return false;
  } catch {
    return true;
  }
}

/** A server action call whose declared body is over the limit: refused here with a clear 413. */
function oversizedAction(request: NextRequest): boolean {
  if (request.method !== 'POST' || !request.headers.has('next-action')) return false;
  return Number(request.headers.get('content-length') ?? 0) > ACTION_BODY_LIMIT_BYTES;
}

export async function proxy(request: NextRequest) {
  if (undecodablePath(request)) {
    return Response.json({ error: 'bad_request' }, { status: 400 });
  }
  if (oversizedAction(request)) {
    return Response.json({ error: 'payload_too_large' }, { status: 413 });
  }
  if (!ACCOUNT_PATH.test(request.nextUrl.pathname)) return secured(request);
  // The wrapper is typed for route handlers; a proxy has no route params.
  return (await accountGate)(request, { params: Promise.resolve({}) });
}

export const config = {
  matcher: ['/((?!_next/static|_next/image).*)'],
};
