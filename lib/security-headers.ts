/**
 * The per-request browser-hardening headers (set by proxy.ts): the Content-
 * Security-Policy around a fresh nonce — Next puts the nonce on its own
 * scripts, so no inline script runs without it — and HSTS over https. The
 * headers that never vary are in next.config.js.
 */

export type CspOptions = {
  nonce: string;
  /** served over https: upgrade any stray http subresource */
  https: boolean;
  /** where sign-in forms may send people (the OpenID Provider), besides this site */
  formActionOrigins: readonly string[];
  development: boolean;
};

export function contentSecurityPolicy({
  nonce,
  https,
  formActionOrigins,
  development,
}: CspOptions): string {
  const directives = [
    "default-src 'self'",
    // Only scripts carrying this response's nonce, and what they load ('strict-dynamic').
    // React's dev build needs eval for its debugging aids; production does not.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    // Styles: our stylesheet only. No component sets an inline style, and app/global-error.tsx
    // replaces Next's built-in page, whose inline styles were the last ones, so markup injected
    // through some future bug cannot bring its own styles either (a CSS selector with a
    // background image can leak an attribute's value to any https host img-src allows).
    // Development keeps the <style> elements Next injects there.
    `style-src 'self'${development ? " 'unsafe-inline'" : ''}`,
    // App logos live on each app's own host, which no list can name in advance.
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${formActionOrigins.map((origin) => ` ${origin}`).join('')}`,
    // No one may frame this page (clickjacking a "remove access" button).
    "frame-ancestors 'none'",
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** Two years, subdomains included: sent only over https. */
export const HSTS = 'max-age=63072000; includeSubDomains';
