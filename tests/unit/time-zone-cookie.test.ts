/**
 * The time-zone cookie's check (lib/i18n/time-zone-cookie.ts): a zone Intl knows comes back as
 * Intl names it, anything else is refused, and answers stay right once it has stopped keeping new
 * values.
 */
import { describe, expect, it } from 'vitest';
import { MAX_RESOLVED, cookieTimeZone } from '@/lib/i18n/time-zone-cookie';

describe('cookieTimeZone', () => {
  it('names a zone Intl knows as Intl does, again and again, and refuses anything else', () => {
    for (let i = 0; i < 2; i++) {
      expect(cookieTimeZone('Asia/Tokyo')).toBe('Asia/Tokyo');
      expect(cookieTimeZone('asia/tokyo')).toBe('Asia/Tokyo');
      expect(cookieTimeZone('Mars/Olympus_Mons')).toBeNull();
      expect(cookieTimeZone('')).toBeNull();
      expect(cookieTimeZone(undefined)).toBeNull();
      expect(cookieTimeZone(`Europe/${'x'.repeat(64)}`)).toBeNull();
    }
  });

  it('answers right past the number of values it keeps', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    // Case variants are distinct cookie values Intl accepts: more than are kept.
    for (const zone of zones) {
      cookieTimeZone(zone.toLowerCase());
      cookieTimeZone(zone.toUpperCase());
      cookieTimeZone(zone);
    }
    expect(zones.length * 3).toBeGreaterThan(MAX_RESOLVED);
    expect(cookieTimeZone('PACIFIC/chatham')).toBe('Pacific/Chatham');
    expect(cookieTimeZone('pacific/nowhere')).toBeNull();
  });
});
