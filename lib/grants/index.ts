/**
 * The data layer's entry point for pages and actions. It takes the subject
 * from the session itself, so no caller can choose whose apps it touches.
 */
import 'server-only';
import { getLocale } from 'next-intl/server';
import { embeddedStore } from '../embedded';
import { config } from '../env';
import { getSessionUser } from '../session';
import { GrantError } from './errors';
import { createGrantService, type GrantService } from './grant-service';
import type { GrantStore } from './grant-store';

/** The backend this deployment talks to. */
function grantStore(): GrantStore {
  return embeddedStore();
}

/** The data layer for the signed-in person; `unauthenticated` when there is none. */
export async function grantsForSignedInUser(): Promise<GrantService> {
  const user = await getSessionUser();
  if (!user) throw new GrantError('unauthenticated');
  const { recentSignInMs, scopeDescriptions } = config();
  return createGrantService({
    store: grantStore(),
    subject: user.subject,
    locale: await getLocale(),
    signedInAt: user.signedInAt,
    recentSignInMs,
    scopeOverrides: scopeDescriptions,
  });
}

export { GrantError } from './errors';
export type { GrantErrorCode } from './errors';
export type { AppPage, AppSummary, AppScope, BulkRevokeResult, RevokeOutcome } from './types';
