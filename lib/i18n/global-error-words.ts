/**
 * The words of app/global-error.tsx, in every locale. They live here rather than in
 * messages/*.json because that page stands in for the root layout that loads the catalogue:
 * importing the catalogues into a client component would ship both, whole, to every page. The
 * title and body are the catalogues' `errorPage` ones (tests/unit/global-error.test.ts keeps
 * them equal).
 */
import type { Locale } from './locales';

export type GlobalErrorWords = { lang: Locale; title: string; body: string; reload: string };

export const GLOBAL_ERROR_WORDS: readonly GlobalErrorWords[] = [
  {
    lang: 'en',
    title: 'Something went wrong',
    body: "We couldn't show this page. Your apps and their access have not changed.",
    reload: 'Reload the page',
  },
  {
    lang: 'ja',
    title: '問題が発生しました',
    body: 'このページを表示できませんでした。アプリとそのアクセスは変更されていません。',
    reload: 'ページを再読み込み',
  },
];
