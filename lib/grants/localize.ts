/**
 * Picks the text for a person's language from Authlete-style tagged values
 * (`clientName` + `clientNames`): exact tag, then the same language, then the
 * untagged default, then any tagged value rather than nothing.
 */
import type { LocalizedValue } from './grant-store';

/** A text as picked, with the language tag it was stored under (null: the untagged default). */
export type PickedText = { text: string; tag: string | null };

/** The tagged value in the person's language (exact tag, then same language), or null. */
export function pickSameLanguageText(localized: LocalizedValue, locale: string): PickedText | null {
  const wanted = locale.toLowerCase();
  const language = wanted.split('-')[0];
  const picked =
    localized.tagged.find((t) => t.tag.toLowerCase() === wanted) ??
    localized.tagged.find((t) => t.tag.toLowerCase().split('-')[0] === language);
  return picked ? { text: picked.value, tag: picked.tag } : null;
}

export function pickLocalizedText(localized: LocalizedValue, locale: string): PickedText | null {
  const same = pickSameLanguageText(localized, locale);
  if (same) return same;
  if (localized.value !== null) return { text: localized.value, tag: null };
  const any = localized.tagged[0];
  return any ? { text: any.value, tag: any.tag } : null;
}

export function pickSameLanguage(localized: LocalizedValue, locale: string): string | null {
  return pickSameLanguageText(localized, locale)?.text ?? null;
}

export function pickLocalized(localized: LocalizedValue, locale: string): string | null {
  return pickLocalizedText(localized, locale)?.text ?? null;
}

/**
 * The `lang` a picked text must carry on a page in `locale`: its tag when it is in another
 * language (an app named only in Japanese on an English page), so screen readers pronounce it
 * and browsers pick its fonts and hyphenation right; undefined when it is in the page's own
 * language, or when its language is unknown (an untagged default claims nothing).
 */
export function fallbackLang(picked: PickedText | null, locale: string): string | undefined {
  if (!picked?.tag) return undefined;
  const language = (tag: string) => tag.toLowerCase().split('-')[0];
  return language(picked.tag) === language(locale) ? undefined : picked.tag;
}
