/**
 * The scripts a page makes a browser load, and their bytes as `next start`'s
 * compression sends them (gzip at zlib's default level). Shared by the bench's
 * first-load JS figure (first-load-js.ts) and the JS budget guard in the test
 * suite (tests/e2e/first-load-js.spec.ts), so both count the same bytes.
 */
import { gzipSync } from 'node:zlib';

/** The scripts a module-capable browser loads for this HTML, absolute and without repeats. */
export function scriptsOf(html: string, pageUrl: string): string[] {
  const found = new Set<string>();
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, 'src');
    if (src && !/\snomodule\b/i.test(tag)) found.add(new URL(src, pageUrl).href);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, 'rel')?.toLowerCase();
    const href = attribute(tag, 'href');
    const isScript =
      rel === 'modulepreload' || (rel === 'preload' && attribute(tag, 'as') === 'script');
    if (href && isScript) found.add(new URL(href, pageUrl).href);
  }
  return [...found];
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match ? match[1]!.replaceAll('&amp;', '&') : null;
}

export type ScriptBytes = { count: number; raw: number; gzip: number };

/** Fetches each script once and adds up its bytes, uncompressed and gzipped. */
export async function scriptBytes(urls: readonly string[]): Promise<ScriptBytes> {
  const bodies = await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    }),
  );
  return {
    count: bodies.length,
    raw: bodies.reduce((total, body) => total + body.length, 0),
    gzip: bodies.reduce((total, body) => total + gzipSync(body).length, 0),
  };
}
