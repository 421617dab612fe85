/**
 * Chromium for the bench, as the e2e suite runs it (playwright.config.ts):
 * Debian's build where installed (or CHROMIUM_PATH), else Playwright's own;
 * headless, without the background traffic that has nowhere to go on a closed
 * network. A context can carry a bench person's session.
 */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { Session } from './session';

export function launchChromium(): Promise<Browser> {
  const fromEnv = process.env.CHROMIUM_PATH;
  const executablePath =
    fromEnv ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh context (no cache, no cookies) in English, signed in when a session is given. */
export async function newContext(
  browser: Browser,
  baseUrl: string,
  session: Session | null,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
  });
  if (session) {
    await context.addCookies(
      session.cookies.map(({ name, value }) => ({
        name,
        value,
        url: baseUrl,
        httpOnly: true,
        sameSite: 'Lax' as const,
      })),
    );
  }
  return context;
}
