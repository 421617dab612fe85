/**
 * safeReturnPath decides where a person lands after signing in (and where a
 * signed-in visitor of /sign-in is redirected straight away), so whatever it
 * returns must stay on this site the way a browser reads a Location header.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeReturnPath } from '@/lib/safe-redirect';
// The crafted return paths the e2e fuzz sends to the sign-in actions and page.
import { returnPath } from '../e2e/security/arbitraries';

const SITE = 'https://connected-apps.example';

/** Where a browser goes for `Location: <path>` on our site. */
function browserTarget(path: string): URL {
  return new URL(path, `${SITE}/sign-in`);
}

describe('safeReturnPath', () => {
  it('keeps paths on this site, normalized', () => {
    expect(safeReturnPath('/apps?page=2')).toBe('/apps?page=2');
    expect(safeReturnPath('/apps/3100000000017')).toBe('/apps/3100000000017');
    expect(safeReturnPath('/apps/../sign-in')).toBe('/sign-in');
  });

  it.each([
    ['https://evil.example/'],
    ['//evil.example'],
    ['/\\evil.example'],
    ['/\t/evil.example'],
    ['javascript:alert(1)'],
    // Dot segments that collapse into a protocol-relative path.
    ['/.//evil.example/phish'],
    ['/..//evil.example'],
    ['/./\\evil.example'],
    ['/%2e//evil.example'],
    ['/apps/..//evil.example'],
  ])('sends %j to the fallback', (candidate) => {
    expect(safeReturnPath(candidate)).toBe('/apps');
  });

  it('refuses a path longer than any page needs, rather than echo it into a redirect header', () => {
    expect(safeReturnPath(`/apps?q=${'x'.repeat(1000)}`)).toBe(`/apps?q=${'x'.repeat(1000)}`);
    expect(safeReturnPath(`/${'x'.repeat(5000)}`)).toBe('/apps');
    // Percent-encoding grows a path: the limit holds for what is returned.
    expect(safeReturnPath(`/${'é'.repeat(400)}`)).toBe('/apps');
  });

  it('never returns anything a browser would take off the site', () => {
    fc.assert(
      fc.property(
        fc.oneof(returnPath, fc.string({ unit: 'binary' }), fc.anything()),
        (candidate) => {
          const path = safeReturnPath(candidate);
          expect(path).toMatch(/^\/(?![/\\])/);
          expect(path.length).toBeLessThanOrEqual(2048);
          expect(browserTarget(path).origin).toBe(SITE);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
