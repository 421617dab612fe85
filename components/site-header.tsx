import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { signOutAndReturn } from '@/app/sign-in/actions';
import type { SessionUser } from '@/lib/session';
import { LocaleSwitcher } from './locale-switcher';
import { SubmitButton } from './ui/submit-button';

export async function SiteHeader({ user }: { user: SessionUser | null }) {
  const t = await getTranslations('common');
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/apps" className="text-base font-bold text-slate-900 dark:text-white">
          {t('productName')}
        </Link>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <LocaleSwitcher />
          {user && (
            <>
              <span className="text-slate-600 dark:text-slate-300">
                {t('signedInAs', { name: user.name ?? user.subject })}
              </span>
              <form action={signOutAndReturn}>
                <SubmitButton variant="secondary" pendingLabel={t('signingOut')}>
                  {t('signOut')}
                </SubmitButton>
              </form>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
