'use client';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { signInWithPassword, type SignInState } from '@/app/sign-in/actions';
import { SubmitButton } from './ui/submit-button';

const inputClass =
  'mt-1 block w-full min-h-11 rounded-lg border border-slate-300 bg-white px-3 text-base dark:border-slate-600 dark:bg-slate-800';

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations('signIn');
  const [state, formAction] = useActionState<SignInState, FormData>(signInWithPassword, {});
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div>
        <label htmlFor="login" className="block text-sm font-medium">
          {t('login')}
        </label>
        <input
          id="login"
          name="login"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          defaultValue={state.login}
          aria-describedby={state.error ? 'sign-in-error' : undefined}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          {t('password')}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={state.error ? 'sign-in-error' : undefined}
          className={inputClass}
        />
      </div>
      <div
        id="sign-in-error"
        role="alert"
        className="text-sm font-medium text-red-700 empty:hidden dark:text-red-300"
      >
        {state.error ? t(state.error) : null}
      </div>
      <SubmitButton className="w-full" pendingLabel={t('pending')}>
        {t('submit')}
      </SubmitButton>
    </form>
  );
}
