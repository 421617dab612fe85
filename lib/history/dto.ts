/**
 * What the history page shows of one entry, and nothing more: what was done,
 * to which apps, when, from which browser, and how it ended.
 */
import type { HistoryEntry, StoredHistoryKind } from '../store/history';
import type { HistoryOutcome } from '../store/schema';
import type { RemovedScope, ScopeWords } from './scope-words';

export type HistoryItem = {
  id: string;
  kind: StoredHistoryKind;
  /** ISO 8601 */
  createdAt: string;
  /** each app asked about, with its own outcome once the change settled */
  apps: { clientId: string; name: string; outcome: 'done' | 'already_done' | 'failed' | null }[];
  /** each in the words the apps pages show for it (lib/history/scope-words.ts) */
  scopesRemoved: RemovedScope[];
  grantLabel: string | null;
  /** `pending` while the change is under way (or until the sweep settles one a crash left) */
  outcome: HistoryOutcome;
  /** e.g. "Firefox 128 on macOS"; empty when the browser did not say */
  userAgent: string;
};

export function toHistoryItem(entry: HistoryEntry, scopeWords: ScopeWords): HistoryItem {
  const outcomes = new Map(entry.results?.map((result) => [result.clientId, result.outcome]));
  return {
    id: entry.id,
    kind: entry.kind,
    createdAt: new Date(entry.createdAt).toISOString(),
    apps: entry.detail.apps.map((app) => ({
      clientId: app.clientId,
      name: app.name || app.clientId,
      outcome: outcomes.get(app.clientId) ?? null,
    })),
    scopesRemoved: (entry.detail.scopesRemoved ?? []).map(scopeWords),
    grantLabel: entry.detail.grant?.label ?? null,
    outcome: entry.outcome,
    userAgent: entry.userAgent,
  };
}
