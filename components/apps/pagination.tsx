'use client';
/**
 * "Showing 6–10 of 23", previous / next, page numbers and the page size.
 * Each control is a real link (open in a new tab works); a plain click is
 * handled in place by `onNavigate`, which updates the URL without a reload.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import {
  PAGE_SIZES,
  listSearch,
  visiblePages,
  type ListParams,
  type PageSize,
} from '@/lib/list-params';

type Props = {
  /** the list state shown now: search, sort and filters carry over to other pages */
  params: ListParams;
  page: number;
  size: PageSize;
  pageCount: number;
  onNavigate: (params: ListParams) => void;
};

export function Pagination({ params, page, size, pageCount, onNavigate }: Props) {
  const t = useTranslations('pagination');
  const currentRef = useRef<HTMLAnchorElement>(null);
  // The link a keyboard user followed, until its page is shown.
  const followed = useRef<HTMLElement | null>(null);

  useEffect(() => {
    // "Previous" is gone on the first page and "Next" on the last: rather than let focus fall to
    // the top of the page, keep it here, on the page now shown.
    if (followed.current && !followed.current.isConnected) currentRef.current?.focus();
    followed.current = null;
  }, [page]);

  function link(
    target: number,
    label: ReactNode,
    extra: { current?: boolean; ariaLabel?: string } = {},
  ) {
    const destination = { ...params, page: target, size };
    const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0)
        return;
      event.preventDefault();
      followed.current =
        event.currentTarget === document.activeElement ? event.currentTarget : null;
      onNavigate(destination);
    };
    return (
      <a
        ref={extra.current ? currentRef : undefined}
        href={`/apps${listSearch(destination)}`}
        onClick={onClick}
        aria-current={extra.current ? 'page' : undefined}
        aria-label={extra.ariaLabel}
        className={`inline-flex min-h-10 min-w-10 items-center justify-center rounded-lg px-3 text-sm font-medium ${
          extra.current
            ? 'bg-indigo-600 text-white'
            : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-700'
        }`}
      >
        {label}
      </a>
    );
  }

  return (
    <div className="flex flex-col items-center gap-4 sm:flex-row sm:justify-between">
      <nav aria-label={t('label')}>
        <ul className="flex flex-wrap items-center gap-1">
          {page > 1 && <li>{link(page - 1, t('previous'))}</li>}
          {visiblePages(page, pageCount).map((p, index) =>
            p === null ? (
              <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-slate-500">
                …
              </li>
            ) : (
              <li key={p}>
                {link(p, p, { current: p === page, ariaLabel: t('page', { page: p }) })}
              </li>
            ),
          )}
          {page < pageCount && <li>{link(page + 1, t('next'))}</li>}
        </ul>
      </nav>
      <label className="flex items-center gap-2 text-sm text-slate-700 dark:text-slate-200">
        {t('pageSize')}
        <select
          value={size}
          onChange={(event) => {
            const newSize = Number(event.target.value) as PageSize;
            // Keep the first app of the current page in view.
            onNavigate({
              ...params,
              page: Math.floor(((page - 1) * size) / newSize) + 1,
              size: newSize,
            });
          }}
          className="min-h-10 rounded-lg border border-slate-300 bg-white px-2 dark:border-slate-600 dark:bg-slate-800"
        >
          {PAGE_SIZES.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
