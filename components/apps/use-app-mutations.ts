'use client';
/**
 * The writes on apps, as React Query mutations over the server actions.
 * Success or failure, every query about apps is refetched afterwards so the
 * page shows what the backend holds, not what we hoped it holds. Returning the
 * invalidation keeps a mutation pending until the refreshed data is in.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { revokeAllApps, revokeApp, revokeApps, updateScopes } from '@/app/apps/actions';
import { unwrap } from '@/lib/action-result';
import { appsKeys } from '@/lib/query';

function useRefreshAfter() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: appsKeys.all });
}

export function useUpdateScopes() {
  const onSettled = useRefreshAfter();
  return useMutation({
    mutationFn: async (input: { clientId: string; scopes: string[] }) =>
      unwrap(await updateScopes(input)),
    onSettled,
  });
}

export function useRevokeApp() {
  const onSettled = useRefreshAfter();
  return useMutation({
    mutationFn: async (input: { clientId: string }) => unwrap(await revokeApp(input)),
    onSettled,
  });
}

/** Revokes the given apps, or every app when `clientIds` is 'all'. */
export function useRevokeMany() {
  const onSettled = useRefreshAfter();
  return useMutation({
    mutationFn: async (clientIds: string[] | 'all') =>
      unwrap(clientIds === 'all' ? await revokeAllApps({}) : await revokeApps({ clientIds })),
    onSettled,
  });
}
