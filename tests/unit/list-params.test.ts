import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIST_PARAMS,
  fieldsBesideToolbar,
  listSearch,
  needsWholeList,
  pageCount,
  pageRange,
  parseListParams,
  visiblePages,
} from '@/lib/list-params';

describe('parseListParams', () => {
  it('reads the list state from the URL', () => {
    expect(
      parseListParams({
        page: '3',
        size: '10',
        q: ' photo ',
        sort: 'name',
        offline: '1',
        inactive: '1',
        self: '1',
        developer: ' Lumen Labs',
      }),
    ).toEqual({
      page: 3,
      size: 10,
      q: 'photo',
      sort: 'name',
      offline: true,
      inactive: true,
      selfRegistered: true,
      // The publisher is the backend filter's exact key: not trimmed.
      developer: ' Lumen Labs',
    });
  });

  it.each([
    [{}, {}],
    [{ page: '0' }, {}],
    [{ page: '-2' }, {}],
    [{ page: '2.5' }, {}],
    [{ page: 'abc', size: '7' }, {}],
    [{ page: '1e9' }, {}],
    [{ sort: 'price' }, {}],
    [{ offline: 'yes', inactive: 'true', self: 'on' }, {}],
    [
      { page: ['4', '5'], size: ['20'] },
      { page: 4, size: 20 },
    ],
    [{ q: 'x'.repeat(500) }, { q: 'x'.repeat(100) }],
    [{ developer: 'x'.repeat(201) }, {}],
  ])('falls back to defaults for bad values: %j', (input, expected) => {
    expect(parseListParams(input)).toEqual({ ...DEFAULT_LIST_PARAMS, ...expected });
  });
});

describe('page maths', () => {
  it("turns a 1-based page into Authlete's start (inclusive) and end (exclusive)", () => {
    expect(pageRange(1, 5)).toEqual({ start: 0, end: 5 });
    expect(pageRange(2, 5)).toEqual({ start: 5, end: 10 });
    expect(pageRange(3, 20)).toEqual({ start: 40, end: 60 });
  });

  it('counts pages, with one page even when empty', () => {
    expect(pageCount(23, 5)).toBe(5);
    expect(pageCount(25, 5)).toBe(5);
    expect(pageCount(26, 5)).toBe(6);
    expect(pageCount(0, 5)).toBe(1);
  });

  it('offers first, last and neighbouring page numbers, with gaps', () => {
    expect(visiblePages(1, 1)).toEqual([1]);
    expect(visiblePages(1, 5)).toEqual([1, 2, null, 5]);
    expect(visiblePages(3, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(visiblePages(6, 12)).toEqual([1, null, 5, 6, 7, null, 12]);
  });
});

describe('listSearch', () => {
  it('leaves defaults out of the URL', () => {
    expect(DEFAULT_LIST_PARAMS.sort).toBe('service');
    expect(listSearch({ ...DEFAULT_LIST_PARAMS, page: 2 })).toBe('?page=2');
    expect(listSearch({ ...DEFAULT_LIST_PARAMS, sort: 'oldest' })).toBe('?sort=oldest&page=1');
    expect(listSearch({ ...DEFAULT_LIST_PARAMS, size: 20 })).toBe('?page=1&size=20');
  });

  it('round-trips every field through parseListParams', () => {
    const params = {
      page: 2,
      size: 10 as const,
      q: 'café & co',
      sort: 'active' as const,
      offline: true,
      inactive: true,
      selfRegistered: true,
      developer: 'Lumen & Co/?#',
    };
    const search = new URLSearchParams(listSearch(params));
    expect(parseListParams(Object.fromEntries(search))).toEqual(params);
  });

  it("gives the toolbar's form the view's other choices (publisher, page size), so the browser's own submit keeps them", () => {
    const params = {
      page: 4,
      size: 10 as const,
      q: 'old search',
      sort: 'name' as const,
      offline: true,
      inactive: false,
      selfRegistered: true,
      developer: 'Lumen & Co',
    };
    const fields = fieldsBesideToolbar(params);
    expect(fields).toEqual([
      ['developer', 'Lumen & Co'],
      ['size', '10'],
    ]);
    // What the browser sends: these fields and the toolbar's own as they now stand (the box's new
    // text, the sort, the boxes ticked: an unticked one sends nothing); the server reads page 1.
    const submitted = new URLSearchParams([
      ...fields,
      ['q', 'photos'],
      ['sort', 'newest'],
      ['offline', '1'],
    ]);
    expect(parseListParams(Object.fromEntries(submitted))).toEqual({
      ...params,
      q: 'photos',
      sort: 'newest',
      offline: true,
      selfRegistered: false,
      page: 1,
    });
    // The default order as the select sends it reads as the default.
    expect(parseListParams({ sort: 'service' }).sort).toBe('service');
    expect(fieldsBesideToolbar(DEFAULT_LIST_PARAMS)).toEqual([]);
  });

  it('knows when a view needs the whole list rather than one backend page', () => {
    expect(needsWholeList(DEFAULT_LIST_PARAMS)).toBe(false);
    expect(needsWholeList({ ...DEFAULT_LIST_PARAMS, page: 4, size: 20 })).toBe(false);
    expect(needsWholeList({ ...DEFAULT_LIST_PARAMS, q: 'a' })).toBe(true);
    expect(needsWholeList({ ...DEFAULT_LIST_PARAMS, sort: 'name' })).toBe(true);
    // "Oldest access first" is a real sort by grant date, not the backend's order.
    expect(needsWholeList({ ...DEFAULT_LIST_PARAMS, sort: 'oldest' })).toBe(true);
    expect(needsWholeList({ ...DEFAULT_LIST_PARAMS, inactive: true })).toBe(true);
    expect(needsWholeList({ ...DEFAULT_LIST_PARAMS, selfRegistered: true })).toBe(true);
    // The backend filters by publisher and pages the result itself.
    expect(needsWholeList({ ...DEFAULT_LIST_PARAMS, developer: 'Lumen Labs' })).toBe(false);
  });
});
