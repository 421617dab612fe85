/**
 * The history page's body: a heading, the entries newest first, and page
 * links. A server component: nothing on it changes without a navigation.
 */
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import type { HistoryItem, HistoryView } from '@/lib/history';
import { PAGE_SIZES, visiblePages } from '@/lib/list-params';

const linkClass =
  'font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900 dark:text-indigo-300 dark:hover:text-indigo-200';

export async function HistoryList({
  view,
  retentionDays,
}: {
  view: HistoryView;
  retentionDays: number;
}) {
  const t = await getTranslations('history');
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <p>
          <Link href="/apps" className={linkClass}>
            {t('back')}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <p className="text-slate-600 dark:text-slate-300">{t('intro', { days: retentionDays })}</p>
      </div>
      {view.totalCount === 0 ? (
        <p className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">{t('empty')}</p>
      ) : (
        <>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {t('showing', {
              from: (view.page - 1) * view.size + 1,
              to: (view.page - 1) * view.size + view.items.length,
              total: view.totalCount,
            })}
          </p>
          <ol className="flex flex-col gap-3">
            {view.items.map((item) => (
              <li key={item.id}>
                <HistoryEntryCard item={item} />
              </li>
            ))}
          </ol>
          <HistoryPagination view={view} />
        </>
      )}
    </div>
  );
}

async function HistoryEntryCard({ item }: { item: HistoryItem }) {
  const t = await getTranslations('history');
  const format = await getFormatter();
  const when = new Date(item.createdAt);
  const first = item.apps[0]?.name ?? '';
  const names = item.apps.map((app) => app.name);
  const notDone = item.apps.filter((app) => app.outcome === 'failed').map((app) => app.name);
  return (
    <article className="flex flex-col gap-2 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      <h2 className="font-medium">
        {item.kind === 'scopes_narrowed' && t('what.scopes_narrowed', { app: first })}
        {item.kind === 'app_removed' && t('what.app_removed', { app: first })}
        {item.kind === 'apps_removed' && t('what.apps_removed', { count: item.apps.length })}
        {item.kind === 'grant_removed' &&
          t('what.grant_removed', { app: first, grant: item.grantLabel ?? '' })}
        {item.kind === 'grant_narrowed' &&
          t('what.grant_narrowed', { app: first, grant: item.grantLabel ?? '' })}
        {item.kind === 'clean_up' && t('what.clean_up', { count: item.apps.length })}
        {item.kind === 'renewal_stopped' &&
          (item.grantLabel === null
            ? t('what.renewal_stopped', { app: first })
            : t('what.grant_renewal_stopped', { app: first, grant: item.grantLabel }))}
        {item.kind === 'other' && t('what.other', { app: first, count: item.apps.length })}
      </h2>
      {(item.kind === 'scopes_narrowed' || item.kind === 'grant_narrowed') &&
        item.scopesRemoved.length > 0 && (
          <p className="text-sm">
            {t.rich('scopesRemoved', {
              scopes: () =>
                format.list(
                  item.scopesRemoved.map((scope) => (
                    <span key={scope.name} lang={scope.lang}>
                      {scope.description}
                    </span>
                  )),
                  { type: 'conjunction' },
                ),
            })}
          </p>
        )}
      {(item.kind === 'apps_removed' ||
        item.kind === 'clean_up' ||
        (item.kind === 'other' && item.apps.length > 1)) && (
        <p className="text-sm">
          {t('apps', { apps: format.list(names, { type: 'conjunction' }) })}
        </p>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-slate-700 dark:text-slate-200">
        <dt className="font-medium">{t('when')}</dt>
        <dd>
          <time dateTime={item.createdAt}>
            {format.dateTime(when, { dateStyle: 'medium', timeStyle: 'short' })}
          </time>
        </dd>
        <dt className="font-medium">{t('from')}</dt>
        <dd>{item.userAgent || t('unknownBrowser')}</dd>
        <dt className="font-medium">{t('outcome')}</dt>
        <dd>
          {item.outcome === 'done' && t('outcomes.done')}
          {item.outcome === 'partial' &&
            t('outcomes.partial', { apps: format.list(notDone, { type: 'conjunction' }) })}
          {item.outcome === 'failed' && t('outcomes.failed')}
          {item.outcome === 'pending' && t('outcomes.pending')}
        </dd>
      </dl>
    </article>
  );
}

async function HistoryPagination({ view }: { view: HistoryView }) {
  const t = await getTranslations('history');
  const href = (page: number, size: number) => `/apps/history?page=${page}&size=${size}`;
  const item = (page: number, label: string | number, ariaLabel?: string) => (
    <Link
      href={href(page, view.size)}
      aria-current={page === view.page && typeof label === 'number' ? 'page' : undefined}
      aria-label={ariaLabel}
      className={`inline-flex min-h-10 min-w-10 items-center justify-center rounded-lg px-3 text-sm font-medium ${
        page === view.page && typeof label === 'number'
          ? 'bg-indigo-600 text-white'
          : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-700'
      }`}
    >
      {label}
    </Link>
  );
  return (
    <div className="flex flex-col items-center gap-4 sm:flex-row sm:justify-between">
      {view.pageCount > 1 ? (
        <nav aria-label={t('pages')}>
          <ul className="flex flex-wrap items-center gap-1">
            {view.page > 1 && <li>{item(view.page - 1, t('previous'))}</li>}
            {visiblePages(view.page, view.pageCount).map((p, index) =>
              p === null ? (
                <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-slate-500">
                  …
                </li>
              ) : (
                <li key={p}>{item(p, p, t('page', { page: p }))}</li>
              ),
            )}
            {view.page < view.pageCount && <li>{item(view.page + 1, t('next'))}</li>}
          </ul>
        </nav>
      ) : (
        <span />
      )}
      <nav aria-label={t('pageSize')} className="flex items-center gap-2 text-sm">
        <span aria-hidden="true" className="text-slate-700 dark:text-slate-200">
          {t('pageSize')}
        </span>
        <ul className="flex items-center gap-1">
          {PAGE_SIZES.map((size) => (
            <li key={size}>
              <Link
                // Keeps the first entry of the page shown in view.
                href={href(Math.floor(((view.page - 1) * view.size) / size) + 1, size)}
                aria-current={size === view.size ? 'true' : undefined}
                aria-label={t('sizeOption', { size })}
                className={`inline-flex min-h-10 min-w-10 items-center justify-center rounded-lg px-3 font-medium ${
                  size === view.size
                    ? 'bg-slate-200 text-slate-900 dark:bg-slate-600 dark:text-white'
                    : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-700'
                }`}
              >
                {size}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
