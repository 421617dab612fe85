/**
 * The English and Japanese catalogues say the same things: every message of one is in the other,
 * and each pair shows the same arguments and rich-text tags, so a page in either language never
 * shows a missing key, drops a name or a date the other language shows, or asks for an argument
 * its caller does not pass.
 */
import {
  isLiteralElement,
  isPluralElement,
  isPoundElement,
  isSelectElement,
  isTagElement,
  parse,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import ja from '@/messages/ja.json';

type Catalogue = { [key: string]: string | Catalogue };

/** Every message by its dotted key. */
function messages(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === 'string') found.set(prefix + key, value);
    else for (const [inner, text] of messages(value, `${prefix}${key}.`)) found.set(inner, text);
  }
  return found;
}

/**
 * What a message shows of its arguments, read by the parser next-intl's formatter uses (so a
 * plural's branches are text, not arguments): `shown`, the arguments printed as they are (`{app}`,
 * `{when, date}`) and the rich-text tags (`<scopes>`); `choosing`, those that only pick a plural
 * or select branch, as English uses `{count}` to choose "it" or "them" where Japanese needs none.
 */
function slots(message: string): { shown: Set<string>; choosing: Set<string> } {
  const shown = new Set<string>();
  const choosing = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (isLiteralElement(element) || isPoundElement(element)) continue;
      if (isTagElement(element)) {
        shown.add(`<${element.value}>`);
        walk(element.children);
      } else if (isPluralElement(element) || isSelectElement(element)) {
        choosing.add(element.value);
        for (const option of Object.values(element.options)) walk(option.value);
      } else {
        shown.add(element.value);
      }
    }
  };
  walk(parse(message));
  for (const name of shown) choosing.delete(name);
  return { shown, choosing };
}

describe('the message catalogues', () => {
  const english = messages(en as Catalogue);
  const japanese = messages(ja as Catalogue);

  it('hold the same keys', () => {
    expect(english.size).toBeGreaterThan(100);
    expect([...japanese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('show the same arguments and tags in both languages, and invent none', () => {
    const differing = [...english].flatMap(([key, text]) => {
      const inEnglish = slots(text);
      const inJapanese = slots(japanese.get(key) ?? '');
      const japaneseUses = new Set([...inJapanese.shown, ...inJapanese.choosing]);
      const englishUses = new Set([...inEnglish.shown, ...inEnglish.choosing]);
      // Every name, date or tag the English shows, the Japanese shows (it may print a count the
      // English only chooses a plural by); and the Japanese uses no argument the English lacks.
      const dropped = [...inEnglish.shown].filter((name) => !japaneseUses.has(name));
      const invented = [...japaneseUses].filter((name) => !englishUses.has(name));
      return dropped.length + invented.length > 0 ? [{ key, dropped, invented }] : [];
    });
    expect(differing).toEqual([]);
  });
});
