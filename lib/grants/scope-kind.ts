/**
 * How much a permission matters to the person: moving money first, then
 * changing things, then acting while they are away, then everything else
 * (reading and identity). The page lists permissions in this order.
 */
import type { ScopeKind } from './types';

const PAYMENT = /(^|[.:_/-])(payments?|pay|billing|transfers?|funds?|wallet)([.:_/-]|$)/i;
/** Reading payment history moves no money. */
const READ_ONLY = /(^|[.:_/-])(read|readonly|view|list|get|history)([.:_/-]|$)/i;
const WRITE =
  /(^|[.:_/-])(write|manage|delete|admin|edit|modify|create|update|upload|send|post|publish)([.:_/-]|$)/i;

export const OFFLINE_ACCESS = 'offline_access';

export function scopeKind(name: string): ScopeKind {
  if (name === OFFLINE_ACCESS) return 'offline';
  if (PAYMENT.test(name) && !READ_ONLY.test(name)) return 'payment';
  if (WRITE.test(name)) return 'write';
  return 'read';
}

const RANK: Record<ScopeKind, number> = { payment: 0, write: 1, offline: 2, read: 3 };

/** Orders by consequence; within a kind the original order is kept. */
export function byConsequence<T extends { kind: ScopeKind }>(scopes: readonly T[]): T[] {
  return [...scopes].sort((a, b) => RANK[a.kind] - RANK[b.kind]);
}
