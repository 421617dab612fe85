import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { TimeZoneSync } from '@/components/time-zone-sync';
import { clientMessages } from '@/lib/i18n/client-messages';
import { BODY_CLASS } from './body-class';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  return { title: t('productName') };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('common');
  return (
    <html lang={locale}>
      <body className={BODY_CLASS}>
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-slate-800"
        >
          {t('skipToContent')}
        </a>
        <NextIntlClientProvider messages={clientMessages(await getMessages())}>
          <Providers>{children}</Providers>
          <TimeZoneSync />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
