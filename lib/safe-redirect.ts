/**
 * Where to send a person after signing in. Only a path on this site is
 * accepted, so a crafted link cannot bounce someone to another host.
 */
export function safeReturnPath(candidate: unknown, fallback = '/apps'): string {
  if (typeof candidate !== 'string' || !candidate.startsWith('/')) return fallback;
  // `//host` and `/\host` are protocol-relative in browsers.
  if (candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  try {
    const url = new URL(candidate, 'http://localhost');
    return url.host === 'localhost' ? `${url.pathname}${url.search}` : fallback;
  } catch {
    return fallback;
  }
}
