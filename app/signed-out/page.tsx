import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { PageShell } from '@/components/page-shell';

/** Where the OpenID Provider sends people after sign-out there (lib/provider-logout.ts). Public. */
export default async function SignedOutPage() {
  const t = await getTranslations('session');
  return (
    <PageShell user={null}>
      <div className="mx-auto max-w-sm rounded-2xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-700 dark:bg-slate-900">
        <h1 className="text-2xl font-bold">{t('signedOutTitle')}</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-300">{t('signedOutBody')}</p>
        <p className="mt-6">
          <Link
            href="/sign-in"
            className="inline-block rounded-lg bg-indigo-700 px-4 py-2 font-semibold text-white hover:bg-indigo-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700"
          >
            {t('signInLink')}
          </Link>
        </p>
      </div>
    </PageShell>
  );
}
