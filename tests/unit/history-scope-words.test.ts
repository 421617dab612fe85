/**
 * The history page names removed permissions as the apps pages do: the
 * operator's words (SCOPE_DESCRIPTIONS_FILE), then the service's catalogue, in
 * the person's language first; a scope nobody described keeps its own name
 * (history invents no humanized words); and an unreachable catalogue still
 * leaves every entry readable.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScopeDefinition } from '@/lib/grants/grant-store';
import { toHistoryItem } from '@/lib/history/dto';
import { scopeWordsFor } from '@/lib/history/scope-words';
import type { HistoryEntry } from '@/lib/store/history';

const scopeCatalogue = vi.fn<() => Promise<readonly ScopeDefinition[]>>();
vi.mock('@/lib/grants', () => ({ grantStore: () => ({ scopeCatalogue }) }));
vi.mock('@/lib/env', () => ({
  logLevelSetting: () => 'silent',
  config: () => ({ scopeDescriptions: { 'photos.read': { ja: '写真を見る（運営者）' } } }),
}));

const tagged = (byTag: Record<string, string>) => ({
  value: null,
  tagged: Object.entries(byTag).map(([tag, value]) => ({ tag, value })),
});

const CATALOGUE: ScopeDefinition[] = [
  { name: 'photos.read', description: tagged({ en: 'View your photos', ja: '写真を見る' }) },
  { name: 'profile', description: tagged({ en: 'See your name' }) },
];

function narrowing(scopesRemoved: string[]): HistoryEntry {
  return {
    id: 'entry-1',
    subject: 'alice',
    createdAt: Date.UTC(2026, 10, 27),
    kind: 'scopes_narrowed',
    detail: { apps: [{ clientId: '1', name: 'Printer' }], scopesRemoved },
    outcome: 'done',
    userAgent: '',
  } as HistoryEntry;
}

describe('removed permissions on the history page', () => {
  beforeEach(() => {
    scopeCatalogue.mockReset();
  });

  it('in English: the catalogue’s words; a scope nobody described keeps its name', async () => {
    scopeCatalogue.mockResolvedValue(CATALOGUE);
    const item = toHistoryItem(narrowing(['photos.read', 'fax.send']), await scopeWordsFor('en'));
    expect(item.scopesRemoved).toEqual([
      { name: 'photos.read', description: 'View your photos' },
      { name: 'fax.send', description: 'fax.send' },
    ]);
  });

  it('in Japanese: the operator’s Japanese over the catalogue’s; else any language', async () => {
    scopeCatalogue.mockResolvedValue(CATALOGUE);
    const item = toHistoryItem(narrowing(['photos.read', 'profile']), await scopeWordsFor('ja'));
    expect(item.scopesRemoved.map((scope) => scope.description)).toEqual([
      '写真を見る（運営者）',
      'See your name',
    ]);
    // The English fallback on a Japanese page says it is English, for the page's `lang`.
    expect(item.scopesRemoved.map((scope) => scope.lang)).toEqual([undefined, 'en']);
  });

  it('with the catalogue unreachable: the operator’s words, else the names', async () => {
    scopeCatalogue.mockRejectedValue(new Error('service down'));
    const item = toHistoryItem(narrowing(['photos.read', 'profile']), await scopeWordsFor('ja'));
    expect(item.scopesRemoved.map((scope) => scope.description)).toEqual([
      '写真を見る（運営者）',
      'profile',
    ]);
  });
});
