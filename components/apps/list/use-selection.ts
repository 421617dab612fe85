'use client';
/**
 * Selection for bulk removal: the chosen apps by client ID, with their names
 * (the dialog and the result name them even when they are on another page).
 * It holds at most BULK_REVOKE_LIMIT apps, the most one request may name, so
 * a selection can never become a request the server refuses: a tick beyond it
 * is not taken, and the caller says why.
 */
import { useEffect, useState } from 'react';
import { BULK_REVOKE_LIMIT } from '@/lib/grants/bulk-limits';
import { takeKeptSelection } from './kept-selection';

/**
 * A chosen app as the page named it (with the name's language when it is not the page's), and
 * until when an access token it holds keeps working whatever is removed (AppSummary).
 */
export type SelectedApp = {
  clientId: string;
  name: string;
  nameLang?: string;
  accessWorksUntil?: string;
};

export type Selection = {
  /** by client ID */
  selected: ReadonlyMap<string, SelectedApp>;
  /** false when `on` was refused because the selection is full */
  toggle: (app: SelectedApp, on: boolean) => boolean;
  drop: (clientIds: readonly string[]) => void;
  clear: () => void;
};

/** `owner`: whose selection a "sign in again" round trip kept (./kept-selection.ts) to restore. */
export function useSelection(owner: string): Selection {
  const [selected, setSelected] = useState<ReadonlyMap<string, SelectedApp>>(new Map());
  // After hydration, once: the server's HTML knows nothing of this tab's storage, so reading it
  // while rendering would not match it; and the kept selection is taken (deleted) as it is read.
  useEffect(() => {
    const kept = takeKeptSelection(owner);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- one sync from sessionStorage after hydration (above)
    if (kept.length > 0) setSelected(new Map(kept.map((app) => [app.clientId, app])));
  }, [owner]);
  return {
    selected,
    toggle: (app, on) => {
      if (on && !selected.has(app.clientId) && selected.size >= BULK_REVOKE_LIMIT) return false;
      setSelected((current) =>
        on
          ? new Map(current).set(app.clientId, {
              clientId: app.clientId,
              name: app.name,
              ...(app.nameLang ? { nameLang: app.nameLang } : {}),
              ...(app.accessWorksUntil ? { accessWorksUntil: app.accessWorksUntil } : {}),
            })
          : withoutKeys(current, [app.clientId]),
      );
      return true;
    },
    drop: (clientIds) => setSelected((current) => withoutKeys(current, clientIds)),
    clear: () => setSelected(new Map()),
  };
}

function withoutKeys<V>(map: ReadonlyMap<string, V>, keys: readonly string[]): Map<string, V> {
  const next = new Map(map);
  for (const key of keys) next.delete(key);
  return next;
}
