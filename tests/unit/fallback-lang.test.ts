/**
 * A text shown in another language than the page's carries that language's
 * tag, so the page can mark it `lang` (issue: "an app named only in Japanese
 * on an English page carries its lang"): names, descriptions, scope
 * descriptions and "what stops working" texts. A text in the page's own
 * language (any region of it), or one stored untagged, claims nothing.
 */
import { describe, expect, it } from 'vitest';
import { toAppSummary } from '@/lib/grants/dto';
import type { AuthorizedApp, LocalizedValue, ScopeDefinition } from '@/lib/grants/grant-store';
import { fallbackLang, pickLocalizedText } from '@/lib/grants/localize';

const NOW = Date.UTC(2026, 10, 27);
const tagged = (byTag: Record<string, string>, value: string | null = null): LocalizedValue => ({
  value,
  tagged: Object.entries(byTag).map(([tag, text]) => ({ tag, value: text })),
});
const none: LocalizedValue = { value: null, tagged: [] };

function app(name: LocalizedValue, description: LocalizedValue = none): AuthorizedApp {
  return {
    clientId: '4711',
    name,
    description,
    logoUri: none,
    clientUri: none,
    policyUri: none,
    tosUri: none,
    developer: null,
    clientSource: null,
    dynamicallyRegistered: false,
    attributes: [],
    tokens: [
      {
        scopes: ['openid', 'music.read', 'photos.read'],
        createdAt: NOW,
        lastRefreshedAt: 0,
        accessTokenExpiresAt: NOW + 1,
        refreshTokenExpiresAt: 0,
        grantType: 'AUTHORIZATION_CODE',
      },
    ],
  };
}

const CATALOGUE: ScopeDefinition[] = [
  {
    name: 'music.read',
    description: tagged({ ja: '音楽を聴く' }),
    whenRemoved: tagged({ ja: 'プレイリストが同期されなくなります' }),
  },
  { name: 'photos.read', description: tagged({ en: 'View your photos', ja: '写真を見る' }) },
];

const summary = (of: AuthorizedApp, locale: string) =>
  toAppSummary(of, { catalogue: CATALOGUE, overrides: {} }, locale, NOW);

describe('the language of a text shown in a fallback language', () => {
  it('an app named and described only in Japanese, on an English page: lang "ja"', () => {
    const shown = summary(app(tagged({ ja: 'まちバス' }), tagged({ ja: '時刻表' })), 'en');
    expect(shown).toMatchObject({
      name: 'まちバス',
      nameLang: 'ja',
      description: '時刻表',
      descriptionLang: 'ja',
    });
  });

  it('the same app on a Japanese page: in the page’s language, no lang of its own', () => {
    const shown = summary(app(tagged({ 'ja-JP': 'まちバス' })), 'ja');
    expect(shown.name).toBe('まちバス');
    expect(shown).not.toHaveProperty('nameLang');
  });

  it('an untagged default claims no language; an English tag on an English page neither', () => {
    expect(summary(app(tagged({ ja: 'まちバス' }, 'Machi Bus')), 'en')).not.toHaveProperty(
      'nameLang',
    );
    expect(summary(app(tagged({ 'en-GB': 'Machi Bus' })), 'en')).not.toHaveProperty('nameLang');
  });

  it('scope descriptions and “what stops working” texts in Japanese only carry "ja"', () => {
    const scopes = summary(app(tagged({ en: 'Music' })), 'en').scopes;
    expect(scopes.find((scope) => scope.name === 'music.read')).toMatchObject({
      description: '音楽を聴く',
      descriptionLang: 'ja',
      whenRemoved: 'プレイリストが同期されなくなります',
      whenRemovedLang: 'ja',
    });
    const photos = scopes.find((scope) => scope.name === 'photos.read')!;
    expect(photos.description).toBe('View your photos');
    expect(photos).not.toHaveProperty('descriptionLang');
    // A humanized name is in no language the service said.
    expect(scopes.find((scope) => scope.name === 'openid')).not.toHaveProperty('descriptionLang');
  });

  it('keeps the tag as the service wrote it', () => {
    expect(fallbackLang(pickLocalizedText(tagged({ 'zh-Hant': '音樂' }), 'en'), 'en')).toBe(
      'zh-Hant',
    );
  });
});
