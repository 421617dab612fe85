import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { PageShell } from '@/components/page-shell';
import { SignInForm } from '@/components/sign-in-form';
import { SubmitButton } from '@/components/ui/submit-button';
import { DEMO_PASSWORD, DEMO_USERS } from '@/lib/embedded/demo-data';
import { config } from '@/lib/env';
import { safeReturnPath } from '@/lib/safe-redirect';
import { getSessionUser } from '@/lib/session';
import { signInWithOidc } from './actions';

export default async function SignInPage({ searchParams }: PageProps<'/sign-in'>) {
  const { callbackUrl, reason } = await searchParams;
  const returnTo = safeReturnPath(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl);
  if (await getSessionUser()) redirect(returnTo);
  const t = await getTranslations('signIn');
  const { oidc, demoLogin, backend } = config();

  return (
    <PageShell user={null}>
      <div className="mx-auto max-w-sm space-y-8">
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-700 dark:bg-slate-900">
          <h1 className="text-2xl font-bold">{t('title')}</h1>
          <p className="mt-1 mb-6 text-slate-600 dark:text-slate-300">
            {reason === 'reauth' ? t('reauthNotice') : t('intro')}
          </p>
          {oidc && (
            <form action={signInWithOidc}>
              <input type="hidden" name="callbackUrl" value={returnTo} />
              <input type="hidden" name="reason" value={reason === 'reauth' ? 'reauth' : ''} />
              <SubmitButton className="w-full" pendingLabel={t('pending')}>
                {t('withProvider')}
              </SubmitButton>
            </form>
          )}
          {oidc && demoLogin && (
            <p className="my-4 text-center text-sm text-slate-500">{t('or')}</p>
          )}
          {demoLogin && <SignInForm callbackUrl={returnTo} />}
        </div>
        {backend.kind === 'embedded' && demoLogin && (
          <section
            aria-labelledby="demo-accounts"
            className="rounded-2xl border border-indigo-200 bg-indigo-50 p-5 text-sm dark:border-indigo-900 dark:bg-indigo-950"
          >
            <h2 id="demo-accounts" className="font-semibold">
              {t('demoTitle')}
            </h2>
            <p className="mt-1">
              {t.rich('demoIntro', {
                password: DEMO_PASSWORD,
                pw: (chunks) => <code className="font-semibold">{chunks}</code>,
              })}
            </p>
            <ul className="mt-3 space-y-1">
              {DEMO_USERS.map((user) => (
                <li key={user.login}>
                  <code className="font-semibold">{user.login}</code> —{' '}
                  {t('demoAccount', { appCount: user.apps.length })}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </PageShell>
  );
}
