'use client';
/**
 * The writes on apps, as React Query mutations over the server actions. Each
 * write answers with the confirmed new state, which goes straight into the
 * query cache (apps-cache.ts): the mutation settles when the write does, with
 * no refetch in series behind it, and nothing changes on screen before then.
 * A failed write rereads the page in the background, because a write whose
 * answer was lost may still have landed.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale } from 'next-intl';
import {
  cleanUpExpiredApps,
  endGrant,
  endRenewingGrants,
  revokeAllApps,
  revokeApp,
  revokeApps,
  stopRenewing,
  updateScopes,
} from '@/app/apps/actions';
import { unwrap, type ActionResult } from '@/lib/action-result';
import type { AppGrants } from '@/lib/grants/grant-records';
import type { AppSummary } from '@/lib/grants/types';
import { appsKeys } from '@/lib/query';
import { dropRemovedApps, putSavedApp, rereadAfterFailure } from './apps-cache';

function useAppsCache() {
  const client = useQueryClient();
  const locale = useLocale();
  return {
    saved: (app: AppSummary) => putSavedApp(client, locale, app),
    removed: (clientIds: readonly string[]) => dropRemovedApps(client, locale, clientIds),
    failed: () => void rereadAfterFailure(client),
  };
}

export function useUpdateScopes() {
  const cache = useAppsCache();
  const client = useQueryClient();
  const locale = useLocale();
  return useMutation({
    mutationFn: async (input: { clientId: string; scopes: string[] }) =>
      unwrap(await updateScopes(input)),
    onSuccess: (result, input) => {
      cache.saved(result.app);
      // The answer is the app, not its grants: where the page shows them (the detail page), they
      // are read again, or each would still list what it lost.
      void client.invalidateQueries({ queryKey: appsKeys.grants(locale, input.clientId) });
    },
    onError: cache.failed,
  });
}

/**
 * Ends one grant of an app. The answer is the app and its grants as read back: they replace what
 * the page shows, or, when that was the app's last grant, the app leaves every list.
 */
export function useEndGrant() {
  return useGrantsWrite(endGrant);
}

/**
 * A write on an app's grants whose answer is the app and its grants as read back: they replace
 * what the page shows, or, when the app has no access left, it leaves every list.
 */
export function useGrantsWrite<Input extends { clientId: string }, Result extends GrantsReadBack>(
  write: (input: Input) => Promise<ActionResult<Result>>,
) {
  const cache = useAppsCache();
  const client = useQueryClient();
  const locale = useLocale();
  return useMutation({
    mutationFn: async (input: Input) => unwrap(await write(input)),
    onSuccess: (result, input) => {
      client.setQueryData(appsKeys.grants(locale, input.clientId), result.grants);
      if (result.app) cache.saved(result.app);
      else cache.removed([input.clientId]);
    },
    onError: cache.failed,
  });
}

type GrantsReadBack = { app: AppSummary | null; grants: AppGrants };

/**
 * Ends the app's grants that can renew (where the backend cannot stop renewal). The answer is the
 * app and its grants as read back: badge and filter follow it, as after ending one grant.
 */
export function useEndRenewingGrants() {
  return useGrantsWrite(endRenewingGrants);
}

/**
 * Stops an app renewing (where the backend can). The answer is the app and its grants as read
 * back: the badge, the filter and each grant's "renews until" follow it.
 */
export function useStopRenewing() {
  return useGrantsWrite(stopRenewing);
}

export function useRevokeApp() {
  const cache = useAppsCache();
  return useMutation({
    mutationFn: async (input: { clientId: string }) => unwrap(await revokeApp(input)),
    onSuccess: (_outcome, input) => cache.removed([input.clientId]),
    onError: cache.failed,
  });
}

/**
 * Revokes the given apps, every app when `clientIds` is 'all', or the apps that can no longer act
 * when it is 'expired'.
 */
export function useRevokeMany() {
  const cache = useAppsCache();
  return useMutation({
    mutationFn: async (clientIds: string[] | 'all' | 'expired') =>
      unwrap(
        clientIds === 'all'
          ? await revokeAllApps({})
          : clientIds === 'expired'
            ? await cleanUpExpiredApps({})
            : await revokeApps({ clientIds }),
      ),
    // Only apps that no longer have access leave the list: failed and kept ones stay.
    onSuccess: (result) =>
      cache.removed(
        result.items
          .filter((item) => item.outcome === 'revoked' || item.outcome === 'already_revoked')
          .map((item) => item.clientId),
      ),
    onError: cache.failed,
  });
}
