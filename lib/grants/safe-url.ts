/**
 * App metadata is written by app developers, not by us: a `javascript:` or
 * `data:` URI in a logo or policy link must never become a link or an image.
 * Only absolute http(s) URLs and same-origin paths survive.
 */
export function safeUrl(candidate: string | null | undefined): string | null {
  if (!candidate) return null;
  const value = candidate.trim();
  // A same-origin path such as `/logos/app.svg`, but not a protocol-relative `//host`.
  if (value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')) return value;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
