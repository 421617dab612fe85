'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { LIST_STALE_TIME_MS } from '@/lib/query';

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab; created in state so re-renders keep the cache.
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            // Next runs one tab's server actions one at a time: avoid reads that would queue ahead of writes.
            staleTime: LIST_STALE_TIME_MS,
            refetchOnWindowFocus: false,
            retry: 1,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
