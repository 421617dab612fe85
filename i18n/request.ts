/**
 * next-intl's per-request configuration: the person's language (a chosen
 * language cookie, else the browser's Accept-Language, else English) and its
 * message catalogue.
 */
import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import {
  DEFAULT_LOCALE,
  LOCALES,
  LOCALE_COOKIE,
  TIME_ZONE_COOKIE,
  isLocale,
  type Locale,
} from '../lib/i18n/locales';
import { cookieTimeZone } from '../lib/i18n/time-zone-cookie';

async function negotiateLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const acceptLanguage = (await headers()).get('accept-language') ?? '';
  const requested = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages();
  try {
    const matched = match(requested, LOCALES, DEFAULT_LOCALE);
    return isLocale(matched) ? matched : DEFAULT_LOCALE;
  } catch {
    // A malformed Accept-Language tag makes the matcher throw; fall back rather than fail the page.
    return DEFAULT_LOCALE;
  }
}

export default getRequestConfig(async () => {
  const locale = await negotiateLocale();
  return {
    locale,
    messages: (await import(`../messages/${locale}.json`)).default,
    // Dates render on the server and in the browser: one zone keeps both identical. The browser
    // reports its own (TimeZoneSync); until it has, UTC.
    timeZone: cookieTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value) ?? 'UTC',
  };
});
