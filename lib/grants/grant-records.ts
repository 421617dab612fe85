/**
 * One grant (token record) as a person sees it: what it is called, how and when it was made, when
 * it was last renewed, when its access ends, whether it can renew itself and what it may do.
 * Fields are copied one by one, as in dto.ts: no hash or token value has a way through, and the
 * only thing that names the grant is its opaque id (grant-ids.ts).
 */
import type { GrantToken } from './grant-store';
import type { IdentifiedGrant } from './per-grant-store';
import type { AppScope } from './types';

/** Where no operator names one (TOKEN_LABEL_PROPERTY), the token property that names a device. */
export const DEFAULT_LABEL_PROPERTY = 'device';

/**
 * How a grant was made, in the words the page uses for it, from Authlete's `grantType`
 * (docs/authlete.md#token-list). A refresh does not change `grantType`.
 */
export const GRANT_WAYS = [
  /** signed in through the browser: AUTHORIZATION_CODE, IMPLICIT */
  'browser',
  /** a code typed on another device, such as a TV: DEVICE_CODE */
  'device_code',
  /** approved on the phone, the app asking from elsewhere: CIBA */
  'ciba',
  /** the password given to the app itself: PASSWORD */
  'password',
  /** handed over by another app or service: TOKEN_EXCHANGE, JWT_BEARER */
  'exchange',
  /** a wallet's pre-authorized code (OpenID for Verifiable Credential Issuance): PRE_AUTHORIZED_CODE */
  'wallet',
  /** anything else (including grant types Authlete adds later): claims nothing */
  'other',
] as const;
export type GrantWay = (typeof GRANT_WAYS)[number];

const WAY_BY_GRANT_TYPE: Readonly<Record<string, GrantWay>> = {
  AUTHORIZATION_CODE: 'browser',
  IMPLICIT: 'browser',
  DEVICE_CODE: 'device_code',
  CIBA: 'ciba',
  PASSWORD: 'password',
  TOKEN_EXCHANGE: 'exchange',
  JWT_BEARER: 'exchange',
  PRE_AUTHORIZED_CODE: 'wallet',
};

export function grantWay(grantType: string): GrantWay {
  return Object.hasOwn(WAY_BY_GRANT_TYPE, grantType) ? WAY_BY_GRANT_TYPE[grantType]! : 'other';
}

export type GrantSummary = {
  /** opaque and stable while the grant lives (grant-ids.ts) */
  id: string;
  /** the device it was made on, where the token carries one (TOKEN_LABEL_PROPERTY); null: a sign-in */
  label: string | null;
  way: GrantWay;
  /** ISO 8601 */
  grantedAt: string;
  /** ISO 8601; null when never renewed */
  lastRenewedAt: string | null;
  /** ISO 8601: when its current access ends, unless it renews it */
  accessEndsAt: string;
  /** ISO 8601: until when it can renew its access by itself; null when it cannot (any more) */
  renewsUntil: string | null;
  /** what this grant may do, most consequential first */
  scopes: AppScope[];
};

/** The grants of one app, newest first, and what the page may offer for each. */
export type AppGrants = {
  grants: GrantSummary[];
  /** the backend can end one grant (lib/grants/per-grant-store.ts) */
  canEnd: boolean;
  /** the backend can narrow one grant, leaving the app's others as they are */
  canNarrow: boolean;
  /** the backend can stop one grant renewing, leaving the app's others as they are */
  canStopRenewal: boolean;
};

/** The device label: the value of the one property the operator names; never a hidden one (the stores drop those). */
export function grantLabel(token: GrantToken, labelProperty: string): string | null {
  const value = token.properties?.find((property) => property.key === labelProperty)?.value;
  return value?.trim() ? value.trim() : null;
}

/** The label of the newest grant that has one, for the list card. */
export function newestGrantLabel(
  tokens: readonly GrantToken[],
  labelProperty: string,
): string | null {
  const newestFirst = [...tokens].sort((a, b) => b.createdAt - a.createdAt);
  for (const token of newestFirst) {
    const label = grantLabel(token, labelProperty);
    if (label) return label;
  }
  return null;
}

export function toGrantSummary(
  { grantId, token }: IdentifiedGrant,
  scopes: AppScope[],
  labelProperty: string,
  now: number,
): GrantSummary {
  return {
    id: grantId,
    label: grantLabel(token, labelProperty),
    way: grantWay(token.grantType),
    grantedAt: new Date(token.createdAt).toISOString(),
    lastRenewedAt: token.lastRefreshedAt > 0 ? new Date(token.lastRefreshedAt).toISOString() : null,
    accessEndsAt: new Date(token.accessTokenExpiresAt).toISOString(),
    renewsUntil:
      token.refreshTokenExpiresAt > now
        ? new Date(token.refreshTokenExpiresAt).toISOString()
        : null,
    scopes,
  };
}
