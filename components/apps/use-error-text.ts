'use client';
import { useTranslations } from 'next-intl';
import { ActionFailure } from '@/lib/action-result';

/** The one place a failure becomes words: action codes map to `errors.<code>` in the catalogue. */
export function useErrorText() {
  const t = useTranslations('errors');
  return (error: unknown) =>
    error instanceof ActionFailure
      ? t(error.error.code, { seconds: error.error.retryAfterSeconds ?? 60 })
      : t('unexpected');
}
