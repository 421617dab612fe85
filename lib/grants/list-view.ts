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

export function applyListView(
  apps: readonly AppSummary[],
  params: ListParams,
  locale: string,
  now: number,
): AppSummary[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const query = params.q.normalize('NFKC').toLocaleLowerCase(locale);
  const matching = apps.filter(
    (app) =>
      (!query || app.name.normalize('NFKC').toLocaleLowerCase(locale).includes(query)) &&
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
