/**
 * Waiting until React has hydrated the page's main column. The server's HTML is on screen before
 * the scripts run, and a click on a button that opens a dialog does nothing until React has taken
 * that button over: a test that clicks as soon as the page shows can lose its click on a busy
 * machine (it did, in CI). React keeps its fiber on every element it has hydrated, under a key
 * that starts `__reactFiber$` (https://github.com/facebook/react/blob/main/packages/react-dom-bindings/src/client/ReactDOMComponentTree.js);
 * the main column is hydrated once every element in it has one, the streamed list included.
 */
import type { Page } from '@playwright/test';

export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const elements = document.querySelectorAll('main, main *');
    return (
      elements.length > 0 &&
      [...elements].every((element) =>
        Object.keys(element).some((key) => key.startsWith('__reactFiber$')),
      )
    );
  });
}
