/**
 * What the apps list shows, as it appears in the URL — page, page size,
 * search, sort and filters — shared by the server page and the browser. The
 * URL is the truth, and a bad value falls back to the default rather than
 * failing. Plain code rather than zod: this module runs in the browser, and a
 * validation library there would be ~34 KB (gzip) of script for six fields the
 * server checks again anyway (lib/grants/inputs.ts validates every action's
 * input with zod on the server).
 */

export const PAGE_SIZES = [5, 10, 20] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 5;

/**
 * `service` is the backend's own order, paged by the backend (Authlete documents none); every
 * other sort, `oldest` (by the date access was first granted) included, needs the whole list.
 * `active` orders by the last renewal (the URL key predates the honest wording and is kept so
 * bookmarks still work).
 */
export const SORTS = ['service', 'oldest', 'newest', 'name', 'active'] as const;
export type Sort = (typeof SORTS)[number];

export const MAX_QUERY_LENGTH = 100;
/** Longest publisher name the URL may name (Authlete documents no limit; longer ones match nothing here). */
export const MAX_DEVELOPER_LENGTH = 200;

export type ListParams = {
  page: number;
  size: PageSize;
  /** search in app names; empty for none */
  q: string;
  sort: Sort;
  /** only apps that can act while the person is away */
  offline: boolean;
  /** only apps whose access was not renewed for more than INACTIVE_DAYS (they may still be in use) */
  inactive: boolean;
  /** only apps that registered themselves (dynamic registration, federation, metadata document) */
  selfRegistered: boolean;
  /**
   * only this publisher's apps (Authlete's `developer`, matched exactly by the backend's list
   * filter, which also pages them); empty for every publisher
   */
  developer: string;
};

export const INACTIVE_DAYS = 90;

export const DEFAULT_LIST_PARAMS: ListParams = {
  page: 1,
  size: DEFAULT_PAGE_SIZE,
  q: '',
  sort: 'service',
  offline: false,
  inactive: false,
  selfRegistered: false,
  developer: '',
};

const MAX_PAGE = 1_000_000;

/** A whole number from 1 to MAX_PAGE, read as `Number()` reads it; anything else is page 1. */
function readPage(value: string | undefined): number {
  const page = value === undefined ? Number.NaN : Number(value);
  return Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1;
}

function readSize(value: string | undefined): PageSize {
  const size = Number(value);
  return PAGE_SIZES.find((allowed) => allowed === size) ?? DEFAULT_PAGE_SIZE;
}

/** Exact, not trimmed: it is the key of the backend's filter, copied from what the app card showed. */
function readDeveloper(value: string | undefined): string {
  return value !== undefined && value.length <= MAX_DEVELOPER_LENGTH ? value : '';
}

function readSort(value: string | undefined): Sort {
  return SORTS.find((sort) => sort === value) ?? 'service';
}

type SearchParamValue = string | string[] | null | undefined;

/** Reads the list's state from URL search parameters; invalid values become defaults. */
export function parseListParams(
  params: Partial<Record<keyof ListParams | 'self', SearchParamValue>>,
): ListParams {
  const first = (value: SearchParamValue) => (Array.isArray(value) ? value[0] : value) ?? undefined;
  return {
    page: readPage(first(params.page)),
    size: readSize(first(params.size)),
    q: (first(params.q) ?? '').trim().slice(0, MAX_QUERY_LENGTH),
    sort: readSort(first(params.sort)),
    offline: first(params.offline) === '1',
    inactive: first(params.inactive) === '1',
    selfRegistered: first(params.self) === '1',
    developer: readDeveloper(first(params.developer)),
  };
}

/** Reads the list's state from a URLSearchParams (the browser's `useSearchParams`). */
export function listParamsFromSearch(search: { get(name: string): string | null }): ListParams {
  return parseListParams({
    page: search.get('page'),
    size: search.get('size'),
    q: search.get('q'),
    sort: search.get('sort'),
    offline: search.get('offline'),
    inactive: search.get('inactive'),
    self: search.get('self'),
    developer: search.get('developer'),
  });
}

/** The query string for a list state; defaults are left out to keep URLs short. */
export function listSearch(params: ListParams): string {
  const search = new URLSearchParams();
  if (params.developer) search.set('developer', params.developer);
  if (params.q) search.set('q', params.q);
  if (params.sort !== 'service') search.set('sort', params.sort);
  if (params.offline) search.set('offline', '1');
  if (params.inactive) search.set('inactive', '1');
  if (params.selfRegistered) search.set('self', '1');
  search.set('page', String(params.page));
  if (params.size !== DEFAULT_PAGE_SIZE) search.set('size', String(params.size));
  return `?${search.toString()}`;
}

/**
 * The query string's fields for this list state that the toolbar's form does not hold itself (the
 * publisher and the page size), as hidden fields of that form: submitted by the browser itself
 * (before the page's scripts have loaded), the form then asks for page 1 of the search, sort and
 * filters it shows, with the rest of the view kept.
 */
export function fieldsBesideToolbar(params: ListParams): [name: string, value: string][] {
  const toolbarDefaults = {
    q: '',
    sort: DEFAULT_LIST_PARAMS.sort,
    offline: false,
    inactive: false,
    selfRegistered: false,
  };
  return [...new URLSearchParams(listSearch({ ...params, ...toolbarDefaults, page: 1 }))].filter(
    ([name]) => name !== 'page',
  );
}

/**
 * True when the list needs every app (search, another sort or a filter), not one backend page.
 * A publisher alone does not: the backend's list filters by developer and pages the result.
 */
export function needsWholeList(params: ListParams): boolean {
  return (
    params.q !== '' ||
    params.sort !== 'service' ||
    params.offline ||
    params.inactive ||
    params.selfRegistered
  );
}

export function pageCount(totalCount: number, size: number): number {
  return Math.max(1, Math.ceil(totalCount / size));
}

/** Authlete's range for a 1-based page: start inclusive, end exclusive. */
export function pageRange(page: number, size: number): { start: number; end: number } {
  const start = (page - 1) * size;
  return { start, end: start + size };
}

/** Page numbers to offer: first, last, and the current page with its neighbours; null marks a gap. */
export function visiblePages(page: number, pageCount: number): (number | null)[] {
  const wanted = new Set(
    [1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount),
  );
  const sorted = [...wanted].sort((a, b) => a - b);
  return sorted.flatMap((p, index) => (index > 0 && p - sorted[index - 1]! > 1 ? [null, p] : [p]));
}
