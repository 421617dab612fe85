'use client';
/**
 * The writes on an app, as React Query mutations over the server actions.
 * Success or failure, the list is refetched afterwards so the page shows what
 * the backend holds, not what we hoped it holds.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { revokeApp, updateScopes } from '@/app/apps/actions';
import { unwrap } from '@/lib/action-result';
import { appsKeys } from '@/lib/query';

export function useUpdateScopes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { clientId: string; scopes: string[] }) =>
      unwrap(await updateScopes(input)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: appsKeys.all }),
  });
}

export function useRevokeApp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { clientId: string }) => unwrap(await revokeApp(input)),
    // Returning the promise keeps the mutation pending until the refreshed list is in.
    onSettled: () => queryClient.invalidateQueries({ queryKey: appsKeys.all }),
  });
}
