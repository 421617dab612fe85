import { describe, expect, it } from 'vitest';
import { safeLinkUrl, safeLogoUrl } from '@/lib/grants/safe-url';

// Hostile or useless in either place: neither a link nor a logo may come from these.
const NEVER = [
  'javascript:alert(1)',
  ' JavaScript:alert(1)',
  'data:image/svg+xml,<svg/>',
  '//evil.example/x',
  '/\\evil.example/x',
  'ftp://x',
  'vbscript:x',
  '',
  '   ',
  null,
  undefined,
];

describe('safeLinkUrl (homepage, privacy policy and terms links)', () => {
  it.each([
    ['https://app.example/privacy', 'https://app.example/privacy'],
    ['http://app.example', 'http://app.example/'],
    ['  https://app.example/terms ', 'https://app.example/terms'],
  ])('keeps absolute http(s) URLs: %s', (input, expected) => {
    expect(safeLinkUrl(input)).toBe(expected);
  });

  it.each(['/sign-in?callbackUrl=/apps', '/logos/app.svg', ...NEVER])(
    'drops same-origin paths and every other scheme: %j',
    (input) => {
      expect(safeLinkUrl(input)).toBeNull();
    },
  );
});

describe('safeLogoUrl (what the CSP img-src lets load)', () => {
  it.each([
    ['https://cdn.app.example/logo.png', 'https://cdn.app.example/logo.png'],
    ['/logos/app.svg', '/logos/app.svg'],
  ])('keeps https URLs and same-origin paths: %s', (input, expected) => {
    expect(safeLogoUrl(input)).toBe(expected);
  });

  it.each(['http://cdn.app.example/logo.png', ...NEVER])(
    'drops plain http, which the CSP would block, and everything else: %j',
    (input) => {
      expect(safeLogoUrl(input)).toBeNull();
    },
  );
});
