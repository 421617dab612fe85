import type { ReactNode } from 'react';
import type { SessionUser } from '@/lib/session';
import { SiteHeader } from './site-header';

/** Header and a centred main column, the frame of every page. */
export function PageShell({ user, children }: { user: SessionUser | null; children: ReactNode }) {
  return (
    <>
      <SiteHeader user={user} />
      <main id="main" className="mx-auto max-w-3xl px-4 py-6 sm:py-10">
        {children}
      </main>
    </>
  );
}
