/**
 * Picks the text for a person's language from Authlete-style tagged values
 * (`clientName` + `clientNames`): exact tag, then the same language, then the
 * untagged default, then any tagged value rather than nothing.
 */
import type { LocalizedValue } from './grant-store';

export function pickLocalized(localized: LocalizedValue, locale: string): string | null {
  const wanted = locale.toLowerCase();
  const language = wanted.split('-')[0];
  const exact = localized.tagged.find((t) => t.tag.toLowerCase() === wanted);
  if (exact) return exact.value;
  const sameLanguage = localized.tagged.find((t) => t.tag.toLowerCase().split('-')[0] === language);
  if (sameLanguage) return sameLanguage.value;
  return localized.value ?? localized.tagged[0]?.value ?? null;
}
