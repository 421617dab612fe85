'use client';
import { useRef } from 'react';

/**
 * For Radix dialogs opened without a Trigger (from state): remembers what had
 * focus when the dialog opened and puts focus back there when it closes, if
 * that element is still on the page.
 */
export function useReturnFocus() {
  const opener = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus: () => {
      opener.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    onCloseAutoFocus: (event: Event) => {
      if (opener.current?.isConnected) {
        event.preventDefault();
        opener.current.focus();
      }
    },
  };
}
