import { describe, expect, it } from 'vitest';
import { safeUrl } from '@/lib/grants/safe-url';
import { safeReturnPath } from '@/lib/safe-redirect';

describe('safeReturnPath (where sign-in sends people back to)', () => {
  it.each([
    ['/apps?page=3', '/apps?page=3'],
    ['/apps/123', '/apps/123'],
  ])('keeps a path on this site: %s', (input, expected) => {
    expect(safeReturnPath(input)).toBe(expected);
  });

  it.each([
    'https://evil.example/apps',
    '//evil.example/apps',
    '/\\evil.example',
    'javascript:alert(1)',
    'apps',
    '',
    null,
    42,
  ])('refuses anything that could leave the site: %j', (input) => {
    expect(safeReturnPath(input)).toBe('/apps');
  });
});

describe('safeUrl (links and logos from app metadata)', () => {
  it.each([
    ['https://app.example/privacy', 'https://app.example/privacy'],
    ['http://app.example', 'http://app.example/'],
    ['/logos/app.svg', '/logos/app.svg'],
  ])('keeps http(s) and same-origin paths: %s', (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'data:image/svg+xml,<svg/>',
    '//evil.example/x',
    'ftp://x',
    'vbscript:x',
    '',
    null,
  ])('drops everything else: %j', (input) => {
    expect(safeUrl(input)).toBeNull();
  });
});
