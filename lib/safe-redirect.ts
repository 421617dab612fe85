/** Longer than any page of ours needs; a longer one would be echoed into redirect headers clients refuse. */
const MAX_PATH_LENGTH = 2048;

/**
 * Where to send a person after signing in. Only a path on this site is
 * accepted, so a crafted link cannot bounce someone to another host.
 */
export function safeReturnPath(candidate: unknown, fallback = '/apps'): string {
  if (typeof candidate !== 'string' || !candidate.startsWith('/')) return fallback;
  if (candidate.length > MAX_PATH_LENGTH) return fallback;
  // `//host` and `/\host` are protocol-relative in browsers.
  if (candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  try {
    const url = new URL(candidate, 'http://localhost');
    const path = `${url.pathname}${url.search}`;
    // Check what is returned, not only what came in: dot segments collapse, so
    // `/.//evil.example` resolves to the path `//evil.example`, protocol-relative again.
    const onSite = url.host === 'localhost' && !path.startsWith('//');
    return onSite && path.length <= MAX_PATH_LENGTH ? path : fallback;
  } catch {
    return fallback;
  }
}
