'use client';
/**
 * "N apps can no longer act without asking you again", over the whole list, with the one-step
 * clean-up. The count comes with the page when the page read the whole list anyway; otherwise it
 * is read only when the person asks, because it reads every app's tokens
 * (docs/design-notes.md#clean-up).
 */
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { countExpiredApps } from '@/app/apps/actions';
import { Button } from '@/components/ui/button';
import { unwrap } from '@/lib/action-result';
import { useErrorText } from '../use-error-text';

type Props = {
  /** the count the page brought, when it read the whole list; undefined: ask for it */
  knownCount: number | undefined;
  onCleanUp: (count: number) => void;
};

export function ExpiredNotice({ knownCount, onCleanUp }: Props) {
  const t = useTranslations('apps');
  const errorText = useErrorText();
  const count = useMutation({ mutationFn: async () => unwrap(await countExpiredApps({})) });
  const known = knownCount ?? count.data?.count;

  if (known === undefined) {
    return (
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Button
          variant="ghost"
          onClick={() => count.mutate()}
          pending={count.isPending}
          pendingLabel={t('expiredChecking')}
        >
          {t('expiredCheck')}
        </Button>
        {count.isError && (
          <p role="alert" className="text-red-700 dark:text-red-300">
            {errorText(count.error)}
          </p>
        )}
      </div>
    );
  }
  if (known === 0) {
    // Said only when the person asked: a page that merely knew it stays quiet.
    return count.data ? (
      <p role="status" className="text-sm text-slate-600 dark:text-slate-300">
        {t('expiredNone')}
      </p>
    ) : null;
  }
  return (
    <div
      role="status"
      className="flex flex-col gap-3 rounded-xl border border-sky-300 bg-sky-50 px-4 py-3 text-sky-950 sm:flex-row sm:items-center sm:justify-between dark:border-sky-700 dark:bg-sky-950 dark:text-sky-50"
    >
      <p>{t('expiredNotice', { count: known })}</p>
      <Button variant="secondary" onClick={() => onCleanUp(known)}>
        {t('expiredCleanUp', { count: known })}
      </Button>
    </div>
  );
}
