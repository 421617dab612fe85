import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-16 text-center">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">{t('body')}</p>
      <Link
        href="/apps"
        className="mt-6 inline-block text-indigo-700 underline dark:text-indigo-300"
      >
        {t('back')}
      </Link>
    </main>
  );
}
