'use client';
/**
 * Before a narrowing is saved: what the app will no longer be able to do. openid and
 * offline_access have built-in words; any other scope only the operator's or the service's
 * (`whenRemoved`, see README "Scope descriptions"). A scope nobody wrote words for gets none:
 * nothing is invented.
 */
import { useTranslations } from 'next-intl';
import type { AppScope } from '@/lib/grants/types';

const BUILT_IN = ['openid', 'offline_access'] as const;
type BuiltIn = (typeof BUILT_IN)[number];

function isBuiltIn(name: string): name is BuiltIn {
  return (BUILT_IN as readonly string[]).includes(name);
}

export function WhatStops({ appName, removed }: { appName: string; removed: AppScope[] }) {
  const t = useTranslations('app');
  const texts = removed.flatMap((scope): { name: string; text: string; lang?: string }[] => {
    if (isBuiltIn(scope.name))
      return [{ name: scope.name, text: t(`whenRemoved.${scope.name}`, { app: appName }) }];
    return scope.whenRemoved
      ? [{ name: scope.name, text: scope.whenRemoved, lang: scope.whenRemovedLang }]
      : [];
  });
  if (texts.length === 0) return null;
  return (
    <>
      <p className="mt-2 text-sm">{t('whatStops')}</p>
      <ul className="mt-1 list-disc pl-5 text-sm">
        {texts.map(({ name, text, lang }) => (
          <li key={name} lang={lang}>
            {text}
          </li>
        ))}
      </ul>
    </>
  );
}
