/**
 * Reshapes a backend's AuthorizedApp into the AppSummary DTO the browser gets.
 * Fields are copied one by one on purpose: whatever else a backend returns
 * (client secrets, redirect URIs, token hashes) has no way through.
 */
import type { AuthorizedApp, LocalizedValue, ScopeDefinition } from './grant-store';
import { DEFAULT_LABEL_PROPERTY, newestGrantLabel } from './grant-records';
import { scopesInPlay } from './live-tokens';
import {
  fallbackLang,
  pickLocalized,
  pickLocalizedText,
  pickSameLanguageText,
  type PickedText,
} from './localize';
import { safeLinkUrl, safeLogoUrl } from './safe-url';
import { byConsequence, scopeKind } from './scope-kind';
import type { AppScope, AppSummary, SelfRegistration } from './types';

/** An operator's own words for scopes (SCOPE_DESCRIPTIONS_FILE): scope → language tag → text. */
export type ScopeDescriptionOverrides = Readonly<Record<string, Readonly<Record<string, string>>>>;

export type ScopeWording = {
  catalogue: readonly ScopeDefinition[];
  overrides: ScopeDescriptionOverrides;
  /** the operator's `whenRemoved` texts; none when absent */
  removalTexts?: ScopeDescriptionOverrides;
};

export function toAppSummary(
  app: AuthorizedApp,
  wording: ScopeWording,
  locale: string,
  now: number,
  labelProperty: string = DEFAULT_LABEL_PROPERTY,
): Omit<
  AppSummary,
  'firstParty' | 'canNoLongerAct' | 'canStopRenewal' | 'renewingGrantCount' | 'offlineAccess'
> {
  const grantedScopes = scopesInPlay(app, now);
  const authorizedAt = Math.min(...app.tokens.map((token) => token.createdAt));
  const lastRefreshedAt = Math.max(0, ...app.tokens.map((token) => token.lastRefreshedAt));
  const name = pickLocalizedText(app.name, locale);
  const description = pickLocalizedText(app.description, locale);
  return {
    clientId: app.clientId,
    name: name?.text ?? app.clientId,
    ...langField('nameLang', name, locale),
    description: description?.text ?? null,
    ...langField('descriptionLang', description, locale),
    logoUrl: safeLogoUrl(pickLocalized(app.logoUri, locale)),
    developer: app.developer,
    homepageUrl: safeLinkUrl(pickLocalized(app.clientUri, locale)),
    privacyPolicyUrl: safeLinkUrl(pickLocalized(app.policyUri, locale)),
    termsUrl: safeLinkUrl(pickLocalized(app.tosUri, locale)),
    scopes: byConsequence(grantedScopes.map((name) => describeScope(name, wording, locale))),
    authorizedAt: new Date(authorizedAt).toISOString(),
    lastActiveAt: lastRefreshedAt > 0 ? new Date(lastRefreshedAt).toISOString() : null,
    selfRegistration: selfRegistration(app),
    tokenCount: app.tokens.length,
    newestGrantLabel: newestGrantLabel(app.tokens, labelProperty),
  };
}

const SELF_REGISTRATION_BY_SOURCE: Readonly<Record<string, SelfRegistration>> = {
  DYNAMIC_REGISTRATION: 'dynamic',
  AUTOMATIC_REGISTRATION: 'federation',
  EXPLICIT_REGISTRATION: 'federation',
  METADATA_DOCUMENT: 'metadata_document',
};

/**
 * How the app registered itself, from Authlete's `clientSource`; a service older than
 * `clientSource` says only `dynamicallyRegistered` (docs/authlete.md#client-get). An unknown
 * source (one Authlete adds later) claims nothing.
 */
export function selfRegistration(
  app: Pick<AuthorizedApp, 'clientSource' | 'dynamicallyRegistered'>,
): SelfRegistration | null {
  if (app.clientSource !== null)
    return Object.hasOwn(SELF_REGISTRATION_BY_SOURCE, app.clientSource)
      ? SELF_REGISTRATION_BY_SOURCE[app.clientSource]!
      : null;
  return app.dynamicallyRegistered ? 'dynamic' : null;
}

/**
 * The person's language first, wherever it comes from; within a language the
 * operator's words win over the service's; a humanized name is the last resort.
 */
export function describeScope(
  name: string,
  { catalogue, overrides, removalTexts = {} }: ScopeWording,
  locale: string,
): AppScope {
  const definition = catalogue.find((scope) => scope.name === name);
  const described = describedScopeText(name, { catalogue, overrides }, locale);
  const operatorRemoval = Object.hasOwn(removalTexts, name)
    ? asLocalized(removalTexts[name]!)
    : null;
  const serviceRemoval = definition?.whenRemoved ?? null;
  // The same precedence as descriptions: the person's language first, the operator's words first.
  const whenRemoved =
    (operatorRemoval && pickSameLanguageText(operatorRemoval, locale)) ??
    (serviceRemoval && pickSameLanguageText(serviceRemoval, locale)) ??
    (operatorRemoval && pickLocalizedText(operatorRemoval, locale)) ??
    (serviceRemoval && pickLocalizedText(serviceRemoval, locale)) ??
    null;
  return {
    name,
    description: described?.text ?? humanizeScope(name),
    ...langField('descriptionLang', described, locale),
    kind: scopeKind(name),
    whenRemoved: whenRemoved?.text ?? null,
    ...langField('whenRemovedLang', whenRemoved, locale),
  };
}

/**
 * `{ [field]: tag }` when the picked text is in another language than the page's (see
 * fallbackLang), else nothing: the DTO names a language only where the page must mark it.
 */
function langField<Field extends string>(
  field: Field,
  picked: PickedText | null,
  locale: string,
): Partial<Record<Field, string>> {
  const lang = fallbackLang(picked, locale);
  return lang ? ({ [field]: lang } as Record<Field, string>) : {};
}

/**
 * The words the operator or the service has for a scope, in that precedence within the person's
 * language first, with the tag they were picked under; null when nobody described it.
 */
export function describedScopeText(
  name: string,
  { catalogue, overrides }: Pick<ScopeWording, 'catalogue' | 'overrides'>,
  locale: string,
): PickedText | null {
  const override = Object.hasOwn(overrides, name) ? asLocalized(overrides[name]!) : null;
  const known = catalogue.find((scope) => scope.name === name)?.description ?? null;
  return (
    (override && pickSameLanguageText(override, locale)) ??
    (known && pickSameLanguageText(known, locale)) ??
    (override && pickLocalizedText(override, locale)) ??
    (known && pickLocalizedText(known, locale)) ??
    null
  );
}

function asLocalized(byTag: Readonly<Record<string, string>>): LocalizedValue {
  return { value: null, tagged: Object.entries(byTag).map(([tag, value]) => ({ tag, value })) };
}

/** Last resort for a scope nobody described: `photos.read` → "Photos read". */
export function humanizeScope(name: string): string {
  const lastSegment = name.replace(/\/+$/, '').split('/').pop() || name;
  const words = lastSegment
    .split(/[._:\-\s]+/)
    .filter(Boolean)
    .join(' ');
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : name;
}
