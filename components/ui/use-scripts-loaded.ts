import { useSyncExternalStore } from 'react';

const nothingToWatch = () => () => {};

/**
 * False in the server's HTML and while it is all there is (the page's scripts still loading on a
 * slow phone), true once React has taken the page over: for a control only the HTML's own
 * behaviour needs, such as a submit button for fields that act at once when scripts run.
 */
export function useScriptsLoaded(): boolean {
  return useSyncExternalStore(
    nothingToWatch,
    () => true,
    () => false,
  );
}
