/**
 * An axe analysis of the page as it settles. Buttons fade between colours (Tailwind's
 * `transition-colors`, 150 ms): a dialog that turns from one state into another, such as removal
 * into "sign in again", has its button halfway between red and indigo for a moment, and axe's
 * contrast check measured that blend in a CI run. So the analysis waits until no CSS transition or
 * animation is running (https://developer.mozilla.org/en-US/docs/Web/API/Document/getAnimations).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running'),
  );
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe on ${label}`).toEqual([]);
}
