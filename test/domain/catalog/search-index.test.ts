import { describe, expect, it } from 'vitest';
import {
  FUZZY_LIMIT,
  SearchIndex,
  wordSimilarity,
  type IndexedProcedure,
} from '../../../src/domain/catalog/search-index.ts';
import { foldForSearch, searchTextOf } from '../../../src/domain/catalog/search-text.ts';

// The rules of the in-memory search. That it agrees with PostgreSQL on real data is checked in
// test/server/catalog-search-cache.test.ts.

function procedure(code: string, name: string, extra: Partial<IndexedProcedure> = {}): IndexedProcedure {
  return {
    versionId: Number(code.replace(/\D/g, '')),
    code,
    name,
    searchText: searchTextOf(code, name),
    field: { code: 'HO_TICH', name: 'Hộ tịch' },
    level: 'commune',
    onlineLevel: 'full',
    deadline: { amount: 3, unit: 'working_days' },
    agencies: [{ code: '000.21.31.H20', name: 'UBND phường' }],
    ...extra,
  };
}

/** In browse order, as the database would send them (name, then code). */
function index(rows: IndexedProcedure[]): SearchIndex {
  const sorted = [...rows].sort((a, b) =>
    a.name === b.name ? (a.code < b.code ? -1 : 1) : a.name < b.name ? -1 : 1,
  );
  return new SearchIndex(sorted, 0.6);
}

const codes = (ix: SearchIndex, q: string, extra: Record<string, unknown> = {}) =>
  ix.search({ q: foldForSearch(q), page: 1, pageSize: 20, ...extra })?.items.map((p) => p.code);

describe('pg_trgm word similarity', () => {
  it('matches PostgreSQL’s documented values', () => {
    // https://www.postgresql.org/docs/current/pgtrgm.html: word_similarity('word', 'two words') = 0.8
    expect(wordSimilarity('word', 'two words')).toBe(Math.fround(0.8));
    expect(wordSimilarity('word', 'word')).toBe(1);
    expect(wordSimilarity('', 'word')).toBe(0);
    expect(wordSimilarity('xyz', 'word')).toBe(0);
  });
  it('is left to PostgreSQL for non-ASCII text', () => {
    expect(wordSimilarity('khai sinh', 'đăng ký khai sinh')).toBeUndefined();
  });
});

describe('in-memory search rules', () => {
  const ix = index([
    procedure('1.001193', 'Đăng ký khai sinh'),
    procedure('1.004859', 'Đăng ký lại khai sinh', { level: 'province', onlineLevel: 'partial' }),
    procedure('1.001695', 'Đăng ký khai sinh có yếu tố nước ngoài'),
    procedure('1.000656', 'Đăng ký khai tử'),
    procedure('2.000001', 'Cấp giấy phép xây dựng', {
      agencies: [{ code: '000.00.10.H20', name: 'Sở Xây dựng' }],
      field: { code: 'HOAT_DONG_XAY_DUNG', name: 'Hoạt động xây dựng' },
    }),
    procedure('2.000002', 'Cấp giấy phép xây dựng'),
    procedure('2.000003', 'Gia hạn giấy phép xây dựng'),
  ]);

  it('puts the phrase as typed first, then the earliest and the shortest, then name and code', () => {
    // The phrase as typed (the shorter name first), then a name holding every word apart.
    expect(codes(ix, 'dang ky khai sinh')).toEqual(['1.001193', '1.001695', '1.004859']);
    // Words in any order, with words between them, match too; without the phrase, the shortest first.
    expect(codes(ix, 'khai sinh dang ky')).toEqual(['1.001193', '1.004859', '1.001695']);
    expect(codes(ix, 'giay phep xay dung')).toEqual(['2.000001', '2.000002', '2.000003']);
  });

  it('puts an exact code first', () => {
    expect(codes(ix, '1.001695')?.[0]).toBe('1.001695');
    expect(codes(ix, '1.0016')).toEqual(['1.001695']);
  });

  it('matches word starts for one or two letters', () => {
    expect(codes(ix, 'ga')).toEqual([]);
    expect(codes(ix, 'gi')).toEqual(['2.000003', '2.000001', '2.000002']);
    expect(codes(ix, 'kh')).toHaveLength(4);
    expect(codes(ix, 'đ')).toHaveLength(7);
  });

  it('filters and paginates, counting every match', () => {
    expect(codes(ix, 'khai sinh', { level: 'province' })).toEqual(['1.004859']);
    expect(codes(ix, 'khai', { online: 'partial' })).toEqual(['1.004859']);
    expect(codes(ix, 'xay dung', { agency: '000.00.10.H20' })).toEqual(['2.000001']);
    expect(codes(ix, 'xay dung', { field: 'HOAT_DONG_XAY_DUNG' })).toEqual(['2.000001']);
    const page = ix.search({ q: 'dang ky', page: 2, pageSize: 3 });
    expect(page).toMatchObject({ total: 4 });
    expect(page?.items).toHaveLength(1);
    expect(ix.search({ q: '', page: 1, pageSize: 100 })?.total).toBe(7);
  });

  it('tolerates typos only when nothing matches', () => {
    expect(codes(ix, 'dang ki khai sinh')?.[0]).toBe('1.001193');
    expect(codes(ix, 'giay phap xay dunh')).toEqual(['2.000001', '2.000002', '2.000003']);
    expect(codes(ix, 'zzzz qqqq')).toEqual([]);
  });

  it('returns at most FUZZY_LIMIT approximate matches', () => {
    const many = index(
      Array.from({ length: 120 }, (_, i) => procedure(`3.${100000 + i}`, `Cấp giấy phép số ${i}`)),
    );
    const found = many.search({ q: 'cap giay phap', page: 1, pageSize: 200 });
    expect(found?.total).toBe(FUZZY_LIMIT);
    expect(found?.items).toHaveLength(FUZZY_LIMIT);
  });

  it('leaves typo tolerance to PostgreSQL once any text is not ASCII, but still matches words', () => {
    const mixed = index([procedure('1.001193', 'Đăng ký khai sinh'), procedure('1.000001', 'Đăng ký 東京')]);
    expect(codes(mixed, 'khai sinh')).toEqual(['1.001193']);
    expect(codes(mixed, '東京')).toEqual(['1.000001']);
    expect(mixed.search({ q: 'dang ki khai sinh', page: 1, pageSize: 20 })).toBeUndefined();
  });
});
