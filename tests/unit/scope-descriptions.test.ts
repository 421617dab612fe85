/**
 * Operator scope descriptions (SCOPE_DESCRIPTIONS_FILE), read as an operator
 * writes them, and the precedence README and docs/design-notes.md promise:
 * the person's language first, wherever it comes from; within a language the
 * operator's words win over the service's catalogue; then any language; then a
 * humanized name. Checked for both languages the page speaks.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removalText } from '@/lib/authlete/endpoints';
import { ConfigError, parseConfig } from '@/lib/env';
import { toAppSummary, type ScopeDescriptionOverrides } from '@/lib/grants/dto';
import type { AuthorizedApp, ScopeDefinition } from '@/lib/grants/grant-store';

const SECRET = { AUTH_SECRET: 'x'.repeat(32) };
const NOW = Date.UTC(2026, 10, 27);

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-descriptions-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function operatorFile(content: string): string {
  const file = path.join(dir, `${fs.readdirSync(dir).length}.json`);
  fs.writeFileSync(file, content);
  return file;
}

/** The configuration read with `content` as the operator's file. */
function configWithFile(content: string) {
  return parseConfig({ ...SECRET, SCOPE_DESCRIPTIONS_FILE: operatorFile(content) });
}

function overridesFrom(json: unknown): ScopeDescriptionOverrides {
  return configWithFile(JSON.stringify(json)).scopeDescriptions;
}

/** The Photo App, holding `scopes` in one live token. */
function photoAppHolding(scopes: string[]): AuthorizedApp {
  return {
    clientId: '4711',
    name: { value: 'Photo App', tagged: [] },
    description: { value: null, tagged: [] },
    logoUri: { value: null, tagged: [] },
    clientUri: { value: null, tagged: [] },
    policyUri: { value: null, tagged: [] },
    tosUri: { value: null, tagged: [] },
    developer: null,
    clientSource: null,
    dynamicallyRegistered: false,
    attributes: [],
    tokens: [
      {
        scopes,
        createdAt: NOW - 1000,
        lastRefreshedAt: 0,
        accessTokenExpiresAt: NOW + 1000,
        refreshTokenExpiresAt: 0,
        grantType: 'AUTHORIZATION_CODE',
      },
    ],
  };
}

const described = (tagged: Record<string, string>): ScopeDefinition['description'] => ({
  value: null,
  tagged: Object.entries(tagged).map(([tag, value]) => ({ tag, value })),
});

/** The service's catalogue, as Authlete's `supportedScopes` gives it. */
const CATALOGUE: ScopeDefinition[] = [
  {
    name: 'photos.read',
    description: described({ en: 'View your photos and albums', ja: '写真とアルバムを見る' }),
  },
  {
    name: 'calendar.read',
    description: described({ en: 'See your calendar', ja: 'カレンダーを見る' }),
  },
  { name: 'contacts.read', description: described({ en: 'See your contacts' }) },
  { name: 'music.read', description: described({ ja: '音楽を聴く' }) },
];

/** The operator's file: each scope exercises one step of the precedence. */
const OPERATOR_FILE = {
  'photos.read': { en: 'Look at your pictures', ja: '写真を見る' },
  'calendar.read': { ja: '予定表を見る' },
  'contacts.read': { 'ja-JP': '連絡先を見る' },
  'files.read': { en: 'Open your files' },
};

function descriptionsFor(locale: string, overrides: ScopeDescriptionOverrides) {
  const app = photoAppHolding([
    ...CATALOGUE.map((scope) => scope.name),
    'files.read',
    'notes.read',
  ]);
  const { scopes } = toAppSummary(app, { catalogue: CATALOGUE, overrides }, locale, NOW);
  return Object.fromEntries(scopes.map((scope) => [scope.name, scope.description]));
}

describe('operator scope descriptions', () => {
  it('reads the file per scope and language', () => {
    expect(overridesFrom(OPERATOR_FILE)).toEqual(OPERATOR_FILE);
  });

  it('refuses a file that is not scope → language → text, naming the variable', () => {
    for (const content of [
      '{"photos.read": "View photos"}',
      '["photos.read"]',
      '{"a": {"en": ""}}',
    ]) {
      expect(() => configWithFile(content)).toThrow(ConfigError);
      expect(() => configWithFile(content)).toThrow(/SCOPE_DESCRIPTIONS_FILE: expected/);
    }
  });

  it('in English: the operator’s English, else the service’s English, else any language, else a humanized name', () => {
    expect(descriptionsFor('en', overridesFrom(OPERATOR_FILE))).toEqual({
      'photos.read': 'Look at your pictures',
      'calendar.read': 'See your calendar',
      'contacts.read': 'See your contacts',
      'music.read': '音楽を聴く',
      'files.read': 'Open your files',
      'notes.read': 'Notes read',
    });
  });

  it('in Japanese: the operator’s Japanese (any region), else the service’s Japanese, else any language, else a humanized name', () => {
    expect(descriptionsFor('ja', overridesFrom(OPERATOR_FILE))).toEqual({
      'photos.read': '写真を見る',
      'calendar.read': '予定表を見る',
      'contacts.read': '連絡先を見る',
      'music.read': '音楽を聴く',
      'files.read': 'Open your files',
      'notes.read': 'Notes read',
    });
  });

  it('without a file, the service’s catalogue speaks for itself in both languages', () => {
    expect(descriptionsFor('en', {})).toMatchObject({
      'photos.read': 'View your photos and albums',
      'calendar.read': 'See your calendar',
    });
    expect(descriptionsFor('ja', {})).toMatchObject({
      'photos.read': '写真とアルバムを見る',
      'calendar.read': 'カレンダーを見る',
      'contacts.read': 'See your contacts',
    });
  });
});

describe('what stops working when a scope is removed (whenRemoved)', () => {
  const FILE_WITH_REMOVAL = {
    'photos.read': {
      en: 'Look at your pictures',
      whenRemoved: {
        en: 'Your photo frame goes blank.',
        ja: 'フォトフレームに何も表示されなくなります。',
      },
    },
    'calendar.read': { ja: '予定表を見る' },
  };

  function removalTextsFor(locale: string, catalogue: ScopeDefinition[] = CATALOGUE) {
    const config = configWithFile(JSON.stringify(FILE_WITH_REMOVAL));
    const app = photoAppHolding(['photos.read', 'calendar.read', 'contacts.read']);
    const wording = {
      catalogue,
      overrides: config.scopeDescriptions,
      removalTexts: config.scopeRemovalTexts,
    };
    const { scopes } = toAppSummary(app, wording, locale, NOW);
    return {
      config,
      texts: Object.fromEntries(scopes.map((scope) => [scope.name, scope.whenRemoved])),
    };
  }

  it('reads whenRemoved beside the languages, and keeps it out of the descriptions', () => {
    const { config } = removalTextsFor('en');
    expect(config.scopeDescriptions['photos.read']).toEqual({ en: 'Look at your pictures' });
    expect(config.scopeRemovalTexts).toEqual({
      'photos.read': FILE_WITH_REMOVAL['photos.read'].whenRemoved,
    });
  });

  it("gives the operator's words in the person's language, and invents none where nobody wrote any", () => {
    expect(removalTextsFor('ja').texts).toEqual({
      'photos.read': 'フォトフレームに何も表示されなくなります。',
      'calendar.read': null,
      'contacts.read': null,
    });
    expect(removalTextsFor('en').texts['photos.read']).toBe('Your photo frame goes blank.');
  });

  it("takes the service's scope attribute where the operator wrote nothing", () => {
    const catalogue: ScopeDefinition[] = [
      ...CATALOGUE.filter((scope) => scope.name !== 'contacts.read'),
      {
        name: 'contacts.read',
        description: described({ en: 'See your contacts' }),
        whenRemoved: removalText([
          { key: 'whenRemoved', value: 'Invitations stop finding your friends.' },
          { key: 'whenRemoved#ja', value: '招待で友だちが見つからなくなります。' },
          { key: 'access_token.duration', value: '3600' },
        ])!,
      },
    ];
    expect(removalTextsFor('ja', catalogue).texts['contacts.read']).toBe(
      '招待で友だちが見つからなくなります。',
    );
    expect(removalTextsFor('en', catalogue).texts['contacts.read']).toBe(
      'Invitations stop finding your friends.',
    );
    expect(removalText([{ key: 'access_token.duration', value: '3600' }])).toBeNull();
    expect(removalText([{ key: 'whenRemoved#', value: 'x' }])).toBeNull();
  });

  it('refuses a whenRemoved that is not language → text, naming the variable', () => {
    for (const content of [
      '{"a": {"whenRemoved": "gone"}}',
      '{"a": {"whenRemoved": {"en": ""}}}',
      '{"a": {"en": {"en": "nested"}}}',
    ]) {
      expect(() => configWithFile(content)).toThrow(/SCOPE_DESCRIPTIONS_FILE: expected/);
    }
  });
});
