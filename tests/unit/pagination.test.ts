import { describe, expect, it } from 'vitest';
import { listSearch, pageCount, pageRange, parseListParams, visiblePages } from '@/lib/pagination';

describe('parseListParams', () => {
  it('reads page and size from the URL', () => {
    expect(parseListParams({ page: '3', size: '10' })).toEqual({ page: 3, size: 10 });
  });

  it.each([
    [{}, { page: 1, size: 5 }],
    [{ page: '0' }, { page: 1, size: 5 }],
    [{ page: '-2' }, { page: 1, size: 5 }],
    [{ page: '2.5' }, { page: 1, size: 5 }],
    [
      { page: 'abc', size: '7' },
      { page: 1, size: 5 },
    ],
    [{ page: '1e9' }, { page: 1, size: 5 }],
    [
      { page: ['4', '5'], size: ['20'] },
      { page: 4, size: 20 },
    ],
  ])('falls back to defaults for bad values: %j', (input, expected) => {
    expect(parseListParams(input)).toEqual(expected);
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

  it('writes the default size out of the URL', () => {
    expect(listSearch({ page: 2, size: 5 })).toBe('?page=2');
    expect(listSearch({ page: 1, size: 20 })).toBe('?page=1&size=20');
  });
});
