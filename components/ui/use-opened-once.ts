import { useState } from 'react';

/**
 * True from the first render in which `open` is true, and ever after. A dialog mounted only once
 * it has been opened costs nothing on the server render and the hydration of a page that shows
 * many of them closed (one per app card), and it cannot open before hydration anyway; staying
 * mounted after that keeps the dialog's own closing behaviour (focus back to its opener).
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  // Derived during render (https://react.dev/reference/react/useState#storing-information-from-previous-renders).
  if (open && !opened) setOpened(true);
  return open || opened;
}
