/**
 * What a change the data layer makes looks like to the seam (recorder.ts):
 * the plan (what the person asked for, known before the backend is called)
 * and each app's result (known after).
 */
import type { AppResult, HistoryKind } from '../store/history';

export type { AppResult, HistoryKind } from '../store/history';

/** One app a change touches, with the name the page showed for it. */
export type PlannedApp = {
  clientId: string;
  name: string;
  /** for a narrowing: the scopes the app keeps (what the event announces as left) */
  scopesKept?: readonly string[];
  /** for a narrowing: the scopes taken away */
  scopesRemoved?: readonly string[];
};

export type ChangePlan = {
  /** the data-layer operation, as the audit line's `action` names it (e.g. `updateScopes`) */
  operation: string;
  kind: HistoryKind;
  apps: readonly PlannedApp[];
  /**
   * for a change to one grant (`grant_removed`, `grant_narrowed`, a grant's `renewal_stopped`):
   * the grant as the page labelled it, and its opaque id, by which the crash sweep tells it from
   * the app's other grants (sweep.ts)
   */
  grant?: { label: string; id: string };
};

export type ChangeOutcome<T> = {
  /** what the data layer answers its caller */
  value: T;
  /** each planned app's outcome */
  results: readonly AppResult[];
};

/**
 * The one place a change goes through: it records the history entry and the
 * events before `perform` reaches the backend, settles them after, and writes
 * the audit line. A new kind of change gets all three by passing through here.
 */
export type ChangeRecorder = {
  record<T>(plan: ChangePlan, perform: () => Promise<ChangeOutcome<T>>): Promise<T>;
};
