/**
 * The time-zone cookie's value as a zone Intl knows (`knownTimeZone`), kept for the process once
 * resolved: checking it builds an `Intl.DateTimeFormat`, on every request that carries the cookie
 * (every browser's after its first page). Only values that resolved are kept, at most
 * `MAX_RESOLVED` of them: the cookie is the browser's to set. Server-side only, so the browser's
 * bundle does not carry the cache.
 */
import 'server-only';
import { knownTimeZone } from './locales';

export const MAX_RESOLVED = 1_000;
const resolved = new Map<string, string>();

export function cookieTimeZone(value: string | undefined): string | null {
  const kept = value === undefined ? undefined : resolved.get(value);
  if (kept) return kept;
  const zone = knownTimeZone(value);
  if (zone && resolved.size < MAX_RESOLVED) resolved.set(value!, zone);
  return zone;
}
