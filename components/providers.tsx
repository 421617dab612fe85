'use client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ActionFailure } from '@/lib/action-result';
import { LIST_STALE_TIME_MS } from '@/lib/query';
import { SessionEndedNotice } from './session-ended-notice';

const sessionEnded = (error: unknown) =>
  error instanceof ActionFailure && error.error.code === 'unauthenticated';

export function Providers({ children }: { children: ReactNode }) {
  const [ended, setEnded] = useState(false);
  // One client per browser tab; created in state so re-renders keep the cache.
  const [client] = useState(() => {
    const onError = (error: unknown) => {
      if (sessionEnded(error)) setEnded(true);
    };
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      defaultOptions: {
        queries: {
          // Next runs one tab's server actions one at a time: avoid reads that would queue ahead of writes.
          staleTime: LIST_STALE_TIME_MS,
          refetchOnWindowFocus: false,
          retry: 1,
        },
      },
    });
  });
  return (
    <QueryClientProvider client={client}>
      {children}
      <SessionEndedNotice ended={ended} />
    </QueryClientProvider>
  );
}
