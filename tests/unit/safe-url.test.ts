import { describe, expect, it } from 'vitest';
import { safeUrl } from '@/lib/grants/safe-url';

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
