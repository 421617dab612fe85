/**
 * The browser gets only the message namespaces client code reads (lib/i18n/client-messages.ts):
 * every `useTranslations('…')` in the app's code names one of them, so none reads a namespace
 * the page did not send, and each of them exists in both catalogues.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import ja from '@/messages/ja.json';
import { CLIENT_NAMESPACES, clientMessages } from '@/lib/i18n/client-messages';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** `useTranslations('ns')` and `useTranslations('ns.sub')` read `ns`; a bare one reads them all. */
function namespacesRead(source: string): string[] {
  return [...source.matchAll(/useTranslations(?:<[^>]*>)?\(\s*(?:'([^'.]*)[^']*')?\s*\)/g)].map(
    (match) => match[1] ?? '*',
  );
}

describe('the messages sent to the browser', () => {
  it('reads namespaces from useTranslations calls, and a bare call as all of them', () => {
    expect(namespacesRead("useTranslations('app.kinds'); useTranslations('bulk')")).toEqual([
      'app',
      'bulk',
    ]);
    expect(namespacesRead('const t = useTranslations();')).toEqual(['*']);
  });

  it('hold every namespace a useTranslations in the app reads', () => {
    const read = new Set(
      ['app', 'components', 'lib']
        .flatMap(sourceFiles)
        .flatMap((file) => namespacesRead(readFileSync(file, 'utf8'))),
    );
    expect(read.size).toBeGreaterThan(5);
    for (const namespace of read) expect(CLIENT_NAMESPACES).toContain(namespace);
  });

  it('are namespaces of both catalogues, and leave out the others', () => {
    for (const catalogue of [en, ja]) {
      for (const namespace of CLIENT_NAMESPACES) expect(catalogue).toHaveProperty(namespace);
      const sent = clientMessages(catalogue);
      expect(Object.keys(sent).sort()).toEqual([...CLIENT_NAMESPACES].sort());
      expect(sent).not.toHaveProperty('history');
    }
  });
});
