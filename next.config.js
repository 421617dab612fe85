// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

// next-intl reads its request configuration (locale + message catalogue) from i18n/request.ts.
// `precompile` turns the catalogues' ICU messages into data at build time, so the browser gets a
// tiny formatter instead of an ICU parser (docs/performance.md, "First-load JS after issue 9").
const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: {
    messages: { path: './messages', format: 'json', locales: 'infer', precompile: true },
  },
});

/**
 * Headers for every response, static files included. The Content-Security-
 * Policy and HSTS vary per request and are set in proxy.ts.
 */
const securityHeaders = [
  // Never guess a content type: a JSON answer must not be run as a script.
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Links out (app homepages) learn nothing about where the person came from.
  { key: 'Referrer-Policy', value: 'same-origin' },
  // The page needs none of these powers; deny them to anything embedded or injected.
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=()',
  },
  // For browsers that predate CSP frame-ancestors: no framing of a "remove access" button.
  { key: 'X-Frame-Options', value: 'DENY' },
  // Keep windows this page opens (app homepages) from scripting it.
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A native addon: bundling it breaks its binary lookup, so Node loads it at run time.
  output: 'standalone',
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  experimental: {
    serverActions: {
      // Server actions refuse requests whose Origin is not this host. The extra hosts a proxy
      // presents (ALLOWED_ORIGINS) are added at every start by scripts/standalone.mjs, not here:
      // a standalone build fixes this file's values at build time.
      allowedOrigins: [],
      // Every action input is a few hundred bytes. proxy.ts refuses larger declared bodies with a
      // 413 (lib/limits.ts, the same 64 kB); this catches bodies that declare no length.
      bodySizeLimit: '64kb',
    },
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

module.exports = withNextIntl(nextConfig);
