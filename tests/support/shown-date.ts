/**
 * A date and time as the apps pages show it (`dateStyle: 'medium', timeStyle: 'short'`), as a
 * regular expression source: in UTC until the browser has reported its own time zone, then in
 * the browser's, so either may be on screen.
 */
import type { Page } from '@playwright/test';

export async function shownDateTime(page: Page, at: Date | number): Promise<string> {
  const zones = await page.evaluate(
    (iso) =>
      [undefined, 'UTC'].reverse().map((timeZone) =>
        new Intl.DateTimeFormat('en', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone,
        }).format(new Date(iso)),
      ),
    new Date(at).toISOString(),
  );
  return `(${zones.map(escapeRegExp).join('|')})`;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
