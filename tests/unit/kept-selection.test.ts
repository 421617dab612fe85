/**
 * The selection kept across "sign in again" (components/apps/list/kept-selection.ts)
 * comes back once, for the same person, within its time, and only in the shape
 * of a selection: whatever else is in the tab's storage is dropped.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  KEPT_FOR_MS,
  keepSelection,
  takeKeptSelection,
} from '@/components/apps/list/kept-selection';
import { BULK_REVOKE_LIMIT } from '@/lib/grants/bulk-limits';

const storage = new Map<string, string>();
beforeEach(() => {
  storage.clear();
  Object.assign(globalThis, {
    sessionStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
      removeItem: (key: string) => void storage.delete(key),
    },
  });
});

const NOW = Date.UTC(2026, 11, 2, 12);
const APPS = [
  { clientId: '1234567890', name: 'Photo Printer' },
  { clientId: '42', name: 'まちバス', nameLang: 'ja' },
];

function tamper(change: (kept: Record<string, unknown>) => void) {
  const [key, raw] = [...storage.entries()][0]!;
  const kept = JSON.parse(raw) as Record<string, unknown>;
  change(kept);
  storage.set(key, JSON.stringify(kept));
}

describe('the selection kept across a sign-in', () => {
  it('comes back for the same person, once', () => {
    keepSelection('owner-a', APPS, NOW);
    expect(takeKeptSelection('owner-a', NOW + 60_000)).toEqual(APPS);
    expect(takeKeptSelection('owner-a', NOW + 60_000)).toEqual([]);
  });

  it('is not restored for someone else, and is gone for its owner too', () => {
    keepSelection('owner-a', APPS, NOW);
    expect(takeKeptSelection('owner-b', NOW)).toEqual([]);
    expect(takeKeptSelection('owner-a', NOW)).toEqual([]);
  });

  it('is forgotten after its time', () => {
    keepSelection('owner-a', APPS, NOW);
    expect(takeKeptSelection('owner-a', NOW + KEPT_FOR_MS + 1)).toEqual([]);
  });

  it('keeps at most what one removal may name', () => {
    const many = Array.from({ length: BULK_REVOKE_LIMIT + 5 }, (_, i) => ({
      clientId: String(1000 + i),
      name: `App ${i}`,
    }));
    keepSelection('owner-a', many, NOW);
    expect(takeKeptSelection('owner-a', NOW)).toHaveLength(BULK_REVOKE_LIMIT);
  });

  it('drops a stored value that is not a selection', () => {
    const tampered: ((kept: Record<string, unknown>) => void)[] = [
      (kept) => (kept.apps = [{ clientId: '1 OR 1=1', name: 'x' }]),
      (kept) => (kept.apps = [{ clientId: '0123', name: 'x' }]),
      (kept) => (kept.apps = [{ clientId: '7', name: 7 }]),
      (kept) => (kept.apps = [{ clientId: '7', name: 'x', nameLang: '"><script>' }]),
      (kept) =>
        (kept.apps = Array.from({ length: BULK_REVOKE_LIMIT + 1 }, (_, i) => ({
          clientId: String(i + 1),
          name: 'x',
        }))),
      (kept) => (kept.apps = 'all'),
      (kept) => (kept.keptAt = NOW + 60_000),
    ];
    for (const change of tampered) {
      keepSelection('owner-a', APPS, NOW);
      tamper(change);
      expect(takeKeptSelection('owner-a', NOW)).toEqual([]);
    }
    storage.set('connected-apps:kept-selection', '{not json');
    expect(takeKeptSelection('owner-a', NOW)).toEqual([]);
  });

  it('passes on only the fields of a selection', () => {
    keepSelection('owner-a', APPS, NOW);
    tamper((kept) => (kept.apps = [{ ...APPS[0], extra: 'ignored' }]));
    expect(takeKeptSelection('owner-a', NOW)).toEqual([APPS[0]]);
  });
});
