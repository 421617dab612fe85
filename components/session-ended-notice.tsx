'use client';
import { useTranslations } from 'next-intl';

/**
 * Shown once any action answers `unauthenticated` (the session ended while the page was open:
 * its maximum age, idle time, or a sign-out in another tab). It stays at the foot of the page
 * (a confirmation dialog that is still open says why nothing changed; once it is closed this is
 * what remains) and links to sign-in with this page as the way back.
 */
export function SessionEndedNotice({ ended }: { ended: boolean }) {
  const t = useTranslations('session');
  // `ended` is only ever set in the browser (by a failed action), so `window` is there.
  const returnTo = ended ? `${window.location.pathname}${window.location.search}` : '';
  return (
    <div role="alert" className="empty:hidden">
      {ended && (
        <div className="fixed inset-x-0 bottom-0 z-40 border-t border-amber-300 bg-amber-50 p-4 text-amber-950 shadow-lg dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50">
          <p className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3">
            <span>{t('ended')}</span>
            <a
              href={`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`}
              className="rounded-lg bg-indigo-700 px-4 py-2 font-semibold text-white hover:bg-indigo-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700"
            >
              {t('signInAgain')}
            </a>
          </p>
        </div>
      )}
    </div>
  );
}
