'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button } from '@/components/ui/button';

/** The apps page could not be rendered (e.g. the backend is down): say so, and offer a retry. */
export default function AppsError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations('errorPage');
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-10">
      <div
        role="alert"
        className="rounded-2xl border border-red-200 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950"
      >
        <h1 className="text-xl font-semibold text-red-900 dark:text-red-100">{t('title')}</h1>
        <p className="mt-2 text-red-900 dark:text-red-100">{t('body')}</p>
        <Button
          className="mt-4"
          pending={retrying}
          onClick={() =>
            // Re-run the server render, then the boundary's children.
            startRetry(() => {
              router.refresh();
              reset();
            })
          }
        >
          {t('retry')}
        </Button>
      </div>
    </main>
  );
}
