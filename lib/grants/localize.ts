/**
 * Picks the text for a person's language from Authlete-style tagged values
 * (`clientName` + `clientNames`): exact tag, then the same language, then the
 * untagged default, then any tagged value rather than nothing.
 */
import type { LocalizedValue } from './grant-store';

/** The tagged value in the person's language (exact tag, then same language), or null. */
export function pickSameLanguage(localized: LocalizedValue, locale: string): string | null {
  const wanted = locale.toLowerCase();
  const language = wanted.split('-')[0];
  const exact = localized.tagged.find((t) => t.tag.toLowerCase() === wanted);
  if (exact) return exact.value;
  return (
    localized.tagged.find((t) => t.tag.toLowerCase().split('-')[0] === language)?.value ?? null
  );
}

export function pickLocalized(localized: LocalizedValue, locale: string): string | null {
  return (
    pickSameLanguage(localized, locale) ?? localized.value ?? localized.tagged[0]?.value ?? null
  );
}
