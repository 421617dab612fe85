/**
 * The last-resort page (app/global-error.tsx): what a person sees when the root layout itself
 * failed. It speaks both languages in the catalogues' own words, reloads without needing a
 * script, and needs no inline style, which the Content-Security-Policy no longer allows
 * (lib/security-headers.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import GlobalError from '@/app/global-error';
import { GLOBAL_ERROR_WORDS } from '@/lib/i18n/global-error-words';
import { LOCALES } from '@/lib/i18n/locales';

function catalogue(locale: string): { errorPage: { title: string; body: string } } {
  return JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', '..', 'messages', `${locale}.json`), 'utf8'),
  );
}

describe('the global error page', () => {
  const html = renderToStaticMarkup(createElement(GlobalError));

  it('says what happened in every locale, in the words of the catalogues', () => {
    expect(GLOBAL_ERROR_WORDS.map((words) => words.lang)).toEqual([...LOCALES]);
    for (const words of GLOBAL_ERROR_WORDS) {
      const { title, body } = catalogue(words.lang).errorPage;
      expect({ title: words.title, body: words.body }).toEqual({ title, body });
      const section = new RegExp(
        `<section lang="${words.lang}"><h1[^>]*>${escape(words.title)}</h1><p[^>]*>${escape(words.body)}</p><form[^>]*><button type="submit"[^>]*>${escape(words.reload)}</button></form></section>`,
      );
      expect(html).toMatch(section);
    }
  });

  it('is an alert whose reload is a form that works before any script has loaded', () => {
    expect(html).toMatch(/<div role="alert"/);
    // No action and no method: a GET of this very page.
    expect(html.match(/<form class="[^"]*">/g)).toHaveLength(LOCALES.length);
    expect(html).not.toContain('<script');
  });

  it('carries no inline style: the CSP allows only the stylesheet', () => {
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toContain('<style');
  });
});

/** The text as React writes it into HTML, for a regular expression. */
function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/'/g, '&#x27;')
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
