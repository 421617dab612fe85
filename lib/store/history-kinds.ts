/**
 * The kinds of change the history records, apart from the store itself (history.ts is
 * server-only; the CAEP mapping and the tests that check events read these too).
 */
export const HISTORY_KINDS = [
  /** permissions removed from one app */
  'scopes_narrowed',
  /** one app's access removed */
  'app_removed',
  /** several apps' access removed at once */
  'apps_removed',
  /** one grant (of an app's several) ended */
  'grant_removed',
  /** permissions removed from one grant of an app; its other grants keep theirs */
  'grant_narrowed',
  /** a clean-up: access removed by a sweep over the person's apps */
  'clean_up',
  /** one app's renewal stopped: it keeps the access it holds until that ends */
  'renewal_stopped',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/**
 * A kind as read back: one of these, or `other` for a kind this code does not know — written by a
 * newer instance during a rolling upgrade, which this one shows in general words and leaves for
 * the newer code to settle (docs/design-notes.md, "History across a rolling upgrade").
 */
export type StoredHistoryKind = HistoryKind | 'other';

/** The kinds that take permissions away rather than access: their detail names what was kept and removed. */
export function isNarrowing(kind: HistoryKind): boolean {
  return kind === 'scopes_narrowed' || kind === 'grant_narrowed';
}
