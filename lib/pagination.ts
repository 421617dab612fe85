/**
 * List paging shared by the server page and the browser: the URL
 * (`?page=N&size=S`) is the truth, and a bad value falls back to the default
 * rather than failing.
 */
import { z } from 'zod';

export const PAGE_SIZES = [5, 10, 20] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 5;

export type ListParams = { page: number; size: PageSize };

const pageSchema = z.coerce.number().int().min(1).max(1_000_000).catch(1);
const sizeSchema = z.coerce.number().pipe(z.literal(PAGE_SIZES)).catch(DEFAULT_PAGE_SIZE);

type SearchParamValue = string | string[] | null | undefined;

/** Reads page and size from URL search parameters; invalid values become defaults. */
export function parseListParams(params: {
  page?: SearchParamValue;
  size?: SearchParamValue;
}): ListParams {
  const first = (value: SearchParamValue) => (Array.isArray(value) ? value[0] : value) ?? undefined;
  return { page: pageSchema.parse(first(params.page)), size: sizeSchema.parse(first(params.size)) };
}

/** The query string for a list position; the default size is left out to keep URLs short. */
export function listSearch({ page, size }: ListParams): string {
  const search = new URLSearchParams({ page: String(page) });
  if (size !== DEFAULT_PAGE_SIZE) search.set('size', String(size));
  return `?${search.toString()}`;
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
