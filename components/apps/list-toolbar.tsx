'use client';
/**
 * Search, sort and filters for the apps list. They act on all of the person's
 * apps (the server does the work) and live in the URL, so a view can be
 * bookmarked and the back button restores it.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useScriptsLoaded } from '@/components/ui/use-scripts-loaded';
import {
  DEFAULT_LIST_PARAMS,
  SORTS,
  fieldsBesideToolbar,
  listParamsFromSearch,
  listSearch,
  needsWholeList,
  type ListParams,
  type Sort,
} from '@/lib/list-params';

const SEARCH_DELAY_MS = 300;

/** The list's on/off filters, in the order the toolbar shows them, each with its URL field. */
const FILTERS = [
  { param: 'offline', field: 'offline', label: 'filterOffline' },
  { param: 'inactive', field: 'inactive', label: 'filterInactive' },
  { param: 'selfRegistered', field: 'self', label: 'filterSelfRegistered' },
] as const satisfies ReadonlyArray<{ param: keyof ListParams; field: string; label: string }>;

type Props = {
  params: ListParams;
  onChange: (next: ListParams, history: 'push' | 'replace') => void;
};

export function ListToolbar({ params, onChange }: Props) {
  const t = useTranslations('apps');
  // What the person is typing, until it reaches the URL; otherwise the box shows the URL's query
  // (so the back button and "clear" need no syncing).
  const [typed, setTyped] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const scriptsLoaded = useScriptsLoaded();
  const formRef = useRef<HTMLFormElement>(null);
  const firstCommit = useRef(true);
  if (typed !== null && typed.trim() === params.q) setTyped(null);
  const text = typed ?? params.q;

  // Typing updates the URL after a pause, replacing the history entry rather than adding one per key.
  useEffect(() => {
    if (typed === null) return;
    const timer = window.setTimeout(
      () => onChange({ ...params, q: typed.trim(), page: 1 }, 'replace'),
      SEARCH_DELAY_MS,
    );
    return () => window.clearTimeout(timer);
  }, [typed, params, onChange]);

  // A search, sort or filter chosen in the server's HTML before React took the page over (a slow
  // phone) is in the form's fields but not in the URL. React leaves such input alone while it
  // hydrates, but its next render would put the URL's view back; so at the first commit the view
  // the fields show is applied instead, as if "Apply" had been pressed.
  useLayoutEffect(() => {
    if (!firstCommit.current || !formRef.current) return;
    firstCommit.current = false;
    const fields = [...new FormData(formRef.current)].map(([name, value]) => [name, `${value}`]);
    const shown = { ...listParamsFromSearch(new URLSearchParams(fields)), page: params.page };
    if (listSearch(shown) !== listSearch(params)) onChange({ ...shown, page: 1 }, 'push');
  }, [params, onChange]);

  const change = (patch: Partial<ListParams>) => onChange({ ...params, ...patch, page: 1 }, 'push');
  const inputClass =
    'min-h-10 rounded-lg border border-slate-300 bg-white px-3 text-base sm:text-sm dark:border-slate-600 dark:bg-slate-800';

  return (
    // One GET form of the list for every field, so until the page's scripts have loaded (a slow
    // phone) the browser submits it itself — Enter in the box, or "Apply" — and the server answers
    // page 1 of the view as the fields stand, the publisher and page size kept. Once they have,
    // each field acts at once and the form's submit only skips the search box's pause.
    <form
      ref={formRef}
      role="search"
      action="/apps"
      onSubmit={(event) => {
        event.preventDefault();
        setTyped(null);
        change({ q: text.trim() });
      }}
      className="space-y-3 rounded-2xl border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
    >
      {fieldsBesideToolbar(params).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {params.developer && (
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm font-medium break-words">
            {t('publisherView', { developer: params.developer })}
          </p>
          <Button variant="secondary" onClick={() => change({ developer: '' })}>
            {t('allPublishers')}
          </Button>
        </div>
      )}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <label htmlFor="app-search" className="block text-sm font-medium">
            {t('searchLabel')}
          </label>
          <input
            id="app-search"
            name="q"
            ref={searchRef}
            type="search"
            value={text}
            maxLength={100}
            placeholder={t('searchPlaceholder')}
            onChange={(event) => setTyped(event.target.value)}
            className={`mt-1 w-full ${inputClass}`}
          />
        </div>
        <div>
          <label htmlFor="app-sort" className="block text-sm font-medium">
            {t('sortLabel')}
          </label>
          <select
            id="app-sort"
            name="sort"
            value={params.sort}
            onChange={(event) => change({ sort: event.target.value as Sort })}
            className={`mt-1 w-full sm:w-auto ${inputClass}`}
          >
            {SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`sorts.${sort}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <fieldset className="flex flex-col gap-1 text-sm sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-4">
          <legend className="float-left mr-2 font-medium sm:mb-0">{t('filtersLegend')}</legend>
          {FILTERS.map(({ param, field, label }) => (
            <label key={param} className="flex items-center gap-2">
              <input
                type="checkbox"
                name={field}
                value="1"
                checked={params[param]}
                onChange={(event) => change({ [param]: event.target.checked })}
                className="size-4 accent-indigo-600"
              />
              {t(label)}
            </label>
          ))}
        </fieldset>
        {!scriptsLoaded && (
          <Button type="submit" variant="secondary">
            {t('applyView')}
          </Button>
        )}
        {scriptsLoaded && needsWholeList(params) && (
          <Button
            variant="secondary"
            onClick={() => {
              setTyped(null);
              onChange({ ...DEFAULT_LIST_PARAMS, size: params.size }, 'push');
              // This button goes away with the filters; without a new home, keyboard focus would
              // fall back to the top of the page. The search box is where a new search starts.
              searchRef.current?.focus();
            }}
          >
            {t('clearFilters')}
          </Button>
        )}
      </div>
    </form>
  );
}
