/** Moving through a page with the keyboard alone, as a keyboard user does. */
import type { Locator, Page } from '@playwright/test';

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would. */
export async function tabTo(
  page: Page,
  target: Locator,
  { backwards = false, maxPresses = 60 } = {},
) {
  // Found once, then compared on each press: resolving a role locator per press is slow.
  const element = await target.elementHandle();
  try {
    for (let i = 0; i < maxPresses; i++) {
      if (await element.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
  } finally {
    await element.dispose();
  }
  throw new Error(`could not reach the element with ${backwards ? 'Shift+Tab' : 'Tab'}`);
}
