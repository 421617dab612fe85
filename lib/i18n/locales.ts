/** The languages the UI speaks; shared by the server's negotiation and the browser's switcher. */
export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
/** Set when a person picks a language; wins over the browser's Accept-Language. */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

export function isLocale(value: string | undefined): value is Locale {
  return (LOCALES as readonly string[]).includes(value ?? '');
}

/** The browser's time zone, remembered so server-rendered dates match the person's clock. */
export const TIME_ZONE_COOKIE = 'tz';

/** A time zone Intl knows, else null (the cookie is the browser's to set, so it is checked). */
export function knownTimeZone(value: string | undefined): string | null {
  if (!value || value.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
