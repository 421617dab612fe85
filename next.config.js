// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

// next-intl reads its request configuration (locale + message catalogue) from this file.
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A native addon: bundling it breaks its binary lookup, so Node loads it at run time.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
};

module.exports = withNextIntl(nextConfig);
