/**
 * App metadata is written by app developers, not by us: a `javascript:` or
 * `data:` URI in a logo or policy link must never become a link or an image.
 * Links and logos have different rules, because they go to different places.
 */

/**
 * A link to an app's homepage, privacy policy or terms: absolute http(s) only.
 * A same-origin path is refused too: `/sign-in?…` presented as an app's
 * privacy policy would send people to a page of ours the app chose.
 */
export function safeLinkUrl(candidate: string | null | undefined): string | null {
  const url = absoluteUrl(candidate);
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : null;
}

/**
 * An app's logo: a same-origin path (the embedded backend's logos live in
 * public/) or https — what the CSP's `img-src 'self' data: https:` lets load,
 * so a logo that passes here is never blocked into a broken image. `data:`
 * stays out even though the CSP allows it: an app never needs to inline one.
 */
export function safeLogoUrl(candidate: string | null | undefined): string | null {
  const value = candidate?.trim();
  if (!value) return null;
  // A same-origin path such as `/logos/app.svg`, but not a protocol-relative `//host`.
  if (value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')) return value;
  const url = absoluteUrl(value);
  return url?.protocol === 'https:' ? url.href : null;
}

function absoluteUrl(candidate: string | null | undefined): URL | null {
  if (!candidate) return null;
  try {
    return new URL(candidate.trim());
  } catch {
    return null;
  }
}
