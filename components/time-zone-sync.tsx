'use client';
import { useTimeZone } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { TIME_ZONE_COOKIE } from '@/lib/i18n/locales';

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Tells the server the browser's time zone (a cookie), once, so dates such as
 * "access granted 12 March" fall on the person's own calendar day.
 */
export function TimeZoneSync() {
  const rendered = useTimeZone();
  const router = useRouter();
  useEffect(() => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browser || browser === rendered) return;
    // Told once already: the server may spell the same zone differently, so never loop on it.
    const told = document.cookie
      .split('; ')
      .find((part) => part.startsWith(`${TIME_ZONE_COOKIE}=`));
    if (told && decodeURIComponent(told.slice(TIME_ZONE_COOKIE.length + 1)) === browser) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(browser)}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
    router.refresh();
  }, [rendered, router]);
  return null;
}
