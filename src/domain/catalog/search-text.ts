/**
 * The one normaliser of catalog search: the stored search column and every query go through it, so
 * "Đăng ký khai sinh", "dang ky khai sinh" and "ĐĂNG KÝ KHAI SINH" meet on "dang ky khai sinh".
 * Done in application code rather than with PostgreSQL's unaccent() (which is not IMMUTABLE and whose
 * dictionary can differ between servers): the column and the query can never disagree.
 */
const MARKS = /\p{M}/gu;
/** Anything that is not a letter, a digit or a dot (kept for codes like 1.001193) becomes a space. */
const SEPARATORS = /[^\p{L}\p{N}.]+/gu;

export function foldForSearch(text: string): string {
  // Marks are stripped before and after lower-casing: some capitals lower-case into a letter plus a mark.
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(/đ/g, 'd')
    .replace(SEPARATORS, ' ')
    .replace(/(^|\s)\.+|\.+(?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The search column of a version: its code and its name. */
export function searchTextOf(code: string, name: string): string {
  return foldForSearch(`${code} ${name}`);
}

/** Longest query the API accepts (longer ones are refused with 400 on field `q`). */
export const MAX_QUERY_LENGTH = 200;
