/** A change's overall outcome from its apps' outcomes. */
import type { SettledOutcome } from '../store/history';
import type { AppResult } from './types';

/** done: nothing failed; failed: nothing was done; partial: some of each. */
export function overallOutcome(results: readonly AppResult[]): SettledOutcome {
  const failed = results.filter((result) => result.outcome === 'failed').length;
  if (failed === 0) return 'done';
  return failed === results.length ? 'failed' : 'partial';
}
