/**
 * Who may read /api/metrics: only a caller presenting `Authorization: Bearer
 * <METRICS_TOKEN>`. The comparison takes the same time whatever the guess
 * (both sides hashed to equal length, then compared with timingSafeEqual), so
 * timing the answers reveals nothing about the token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export function presentsMetricsToken(authorization: string | null, token: string): boolean {
  const match = /^Bearer (\S+)$/.exec(authorization ?? '');
  // A missing or malformed header is compared too, against a value it cannot equal.
  const presented = match?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(token)) && presented.length > 0;
}
