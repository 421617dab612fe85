/**
 * The data layer's entry point for pages and actions. It takes the subject
 * from the session itself, so no caller can choose whose apps it touches,
 * and it picks the backend this deployment talks to.
 */
import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import { createAuthleteStore } from '../authlete';
import { changesForRequest } from '../changes';
import { embeddedStore } from '../embedded';
import { config } from '../env';
import { getSessionUser } from '../session';
import { signedInRecently } from '../session-rules';
import { GrantError } from './errors';
import { grantIdOf } from './grant-ids';
import { createGrantService, type GrantService } from './grant-service';
import type { GrantStore } from './grant-store';

// One store per process: the Authlete store's caches (client metadata, scope catalogue) live in it.
const holder = globalThis as typeof globalThis & { __authleteStore?: GrantStore };

/** The backend this deployment talks to: Authlete when AUTHLETE_BASE_URL is set, else the embedded one. */
export function grantStore(): GrantStore {
  const { backend } = config();
  if (backend.kind === 'embedded') return embeddedStore();
  holder.__authleteStore ??= createAuthleteStore(backend.options);
  return holder.__authleteStore;
}

/** The data layer for the signed-in person; `unauthenticated` when there is none. */
export async function grantsForSignedInUser(): Promise<GrantService> {
  const user = await getSessionUser();
  if (!user) throw new GrantError('unauthenticated');
  const {
    recentSignInMs,
    scopeDescriptions,
    scopeRemovalTexts,
    firstPartyAttribute,
    tokenLabelProperty,
    grantIdKey,
  } = config();
  // Independent of one another: read together rather than one after another.
  const [t, locale, changes] = await Promise.all([
    getTranslations('grants'),
    getLocale(),
    changesForRequest(user.subject),
  ]);
  return createGrantService({
    store: grantStore(),
    subject: user.subject,
    locale,
    signedInRecently: () => signedInRecently(user, recentSignInMs, Date.now()),
    scopeOverrides: scopeDescriptions,
    changes,
    scopeRemovalTexts,
    firstPartyAttribute,
    grants: {
      idOf: grantIdOf(grantIdKey),
      labelProperty: tokenLabelProperty,
      signInLabel: (grantedAt) => t('signInOn', { date: grantedAt }),
    },
  });
}

export { GrantError } from './errors';
export type { GrantErrorCode } from './errors';
export type { AppPage, AppSummary, AppScope, BulkRevokeResult, RevokeOutcome } from './types';
