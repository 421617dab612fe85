/**
 * Search, sort and filters over all of a person's apps (not one page of them).
 * Works on DTOs, so it matches the names the person actually sees, in their
 * language.
 */
import { INACTIVE_DAYS, type ListParams } from '../list-params';
import type { AppSummary } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Not renewed for more than INACTIVE_DAYS; never renewed counts from the grant itself. Authlete
 * records renewals, not use (docs/authlete.md#nothing-records-use): such an app may still be in use.
 */
export function isInactive(app: AppSummary, now: number): boolean {
  const lastSeen = Date.parse(app.lastActiveAt ?? app.authorizedAt);
  return now - lastSeen > INACTIVE_DAYS * DAY_MS;
}

/**
 * Whether the view looks at anything but names: the filters and the time sorts need every app's
 * tokens; a name search and a sort by name (or the backend's own order) do not.
 */
export function viewNeedsTokens(params: ListParams): boolean {
  return (
    params.offline ||
    params.inactive ||
    params.selfRegistered ||
    params.sort === 'oldest' ||
    params.sort === 'newest' ||
    params.sort === 'active'
  );
}

/** The name search: a case- and width-insensitive substring of the name the person sees. */
export function nameMatcher(q: string, locale: string): (name: string) => boolean {
  const query = q.normalize('NFKC').toLocaleLowerCase(locale);
  return (name) => !query || name.normalize('NFKC').toLocaleLowerCase(locale).includes(query);
}

export function nameCollator(locale: string): Intl.Collator {
  return new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
}

export function applyListView(
  apps: readonly AppSummary[],
  params: ListParams,
  locale: string,
  now: number,
): AppSummary[] {
  const collator = nameCollator(locale);
  const matchesName = nameMatcher(params.q, locale);
  const matching = apps.filter(
    (app) =>
      matchesName(app.name) &&
      (!params.offline || app.offlineAccess) &&
      (!params.inactive || isInactive(app, now)) &&
      (!params.selfRegistered || app.selfRegistration !== null),
  );
  const time = (iso: string | null) => (iso ? Date.parse(iso) : -Infinity);
  switch (params.sort) {
    case 'name':
      return matching.sort((a, b) => collator.compare(a.name, b.name));
    case 'newest':
      return matching.sort((a, b) => time(b.authorizedAt) - time(a.authorizedAt));
    case 'active':
      return matching.sort((a, b) => time(b.lastActiveAt) - time(a.lastActiveAt));
    case 'oldest':
      return matching.sort((a, b) => time(a.authorizedAt) - time(b.authorizedAt));
    case 'service':
      // The backend's own order, as it came (a search or filter over it keeps it).
      return matching;
  }
}
