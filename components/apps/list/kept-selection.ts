/**
 * The selection kept across the "sign in again" round trip: a bulk removal
 * refused for an old sign-in sends the person to sign in, and they come back
 * to the list with the same apps selected.
 *
 * Kept in sessionStorage, not in the URL: the selection is this tab's passing
 * state, up to 50 client IDs with their names; in the URL it would ride
 * through the sign-in's callbackUrl (and its length cap), the server's access
 * logs and the browser's history, and a shared or bookmarked link would
 * select apps for whoever opened it. sessionStorage stays in this tab and this
 * origin, survives the trip to the sign-in page (and an OpenID Provider) and
 * back, and ends with the tab. The server never reads it: the removal the
 * person then confirms is an ordinary request, checked as always (session,
 * input schema, at most BULK_REVOKE_LIMIT, ownership in the data layer).
 *
 * It is taken once (read and deleted), only within KEPT_FOR_MS, only for the
 * same person (`owner`, lib/kept-selection-owner.ts), and only what still has
 * the shape of a selection: anything else is dropped.
 */
import { BULK_REVOKE_LIMIT } from '@/lib/grants/bulk-limits';
import type { SelectedApp } from './use-selection';

const KEY = 'connected-apps:kept-selection';
/** Long enough to sign in again; short enough that a tab left open forgets it. */
export const KEPT_FOR_MS = 15 * 60 * 1000;

type Kept = { owner: string; keptAt: number; apps: SelectedApp[] };

export function keepSelection(owner: string, apps: readonly SelectedApp[], now = Date.now()) {
  const kept: Kept = { owner, keptAt: now, apps: apps.slice(0, BULK_REVOKE_LIMIT) };
  try {
    sessionStorage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // Storage full or disabled: the person selects again after signing in, as before.
  }
}

/** The selection kept for `owner`, once; empty when there is none (or it is not fit to use). */
export function takeKeptSelection(owner: string, now = Date.now()): SelectedApp[] {
  let raw: string | null;
  try {
    raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
  } catch {
    return [];
  }
  if (!raw) return [];
  try {
    const kept = JSON.parse(raw) as Partial<Kept>;
    if (kept.owner !== owner || typeof kept.keptAt !== 'number') return [];
    if (now - kept.keptAt > KEPT_FOR_MS || now < kept.keptAt) return [];
    if (!Array.isArray(kept.apps) || kept.apps.length > BULK_REVOKE_LIMIT) return [];
    return kept.apps.every(isSelectedApp) ? kept.apps.map(selectedApp) : [];
  } catch {
    return [];
  }
}

/** A client ID as the bulk action accepts it (lib/grants/inputs.ts); a name; a BCP 47 tag. */
function isSelectedApp(value: unknown): value is SelectedApp {
  if (typeof value !== 'object' || value === null) return false;
  const { clientId, name, nameLang, accessWorksUntil } = value as Record<string, unknown>;
  return (
    typeof clientId === 'string' &&
    /^[1-9][0-9]{0,18}$/.test(clientId) &&
    typeof name === 'string' &&
    name.length <= 1000 &&
    (accessWorksUntil === undefined ||
      (typeof accessWorksUntil === 'string' && !Number.isNaN(Date.parse(accessWorksUntil)))) &&
    (nameLang === undefined ||
      (typeof nameLang === 'string' && /^[A-Za-z0-9-]{1,35}$/.test(nameLang)))
  );
}

/** Only the fields a selection has, whatever else the stored object carried. */
function selectedApp({ clientId, name, nameLang, accessWorksUntil }: SelectedApp): SelectedApp {
  return {
    clientId,
    name,
    ...(nameLang ? { nameLang } : {}),
    ...(accessWorksUntil ? { accessWorksUntil } : {}),
  };
}
