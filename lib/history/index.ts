/**
 * The history page's data layer: one page of the signed-in person's own
 * changes, as DTOs. The subject comes from the session, never from a request,
 * so no parameter can reach anyone else's entries; the DTO carries no subject,
 * no transaction id and no event.
 */
import 'server-only';
import { getLocale } from 'next-intl/server';
import { GrantError } from '../grants/errors';
import { getSessionUser } from '../session';
import { appStore } from '../store';
import type { HistoryEntry } from '../store/history';
import { toHistoryItem, type HistoryItem } from './dto';
import { scopeWordsFor } from './scope-words';

export type { HistoryItem } from './dto';

export type HistoryView = {
  items: HistoryItem[];
  /** the page shown: a page past the end is answered with the last one */
  page: number;
  size: number;
  totalCount: number;
  pageCount: number;
};

export async function historyForSignedInUser({
  page,
  size,
}: {
  page: number;
  size: number;
}): Promise<HistoryView> {
  const user = await getSessionUser();
  if (!user) throw new GrantError('unauthenticated');
  const { history } = appStore();
  let shown = page;
  let result = await history.listForSubject(user.subject, { page, size });
  const pageCount = Math.max(1, Math.ceil(result.totalCount / size));
  if (result.entries.length === 0 && page > pageCount) {
    shown = pageCount;
    result = await history.listForSubject(user.subject, { page: pageCount, size });
  }
  const scopeWords = await scopeWordsFor(await getLocale());
  return {
    items: result.entries.map((entry: HistoryEntry) => toHistoryItem(entry, scopeWords)),
    page: shown,
    size,
    totalCount: result.totalCount,
    pageCount,
  };
}
