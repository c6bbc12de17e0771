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

/**
 * Longest query the API accepts: generous, so that whatever a citizen pastes (a procedure's full name copied
 * from a decision, with the text around it) gets an answer rather than an error.
 */
export const MAX_QUERY_LENGTH = 1000;

/**
 * Longest folded query that is searched. Past this, more words only narrow a search that has long since
 * found its procedure (names of 200 characters are rare), while each one costs the trigram stage time.
 */
export const MAX_SEARCHED_LENGTH = 200;

/**
 * A search query folded, then cut to its first whole words within `MAX_SEARCHED_LENGTH` characters: a long
 * pasted name is searched by its beginning. A first word longer than the limit is cut inside itself.
 *
 *     foldQuery('Cấp Phiếu lý lịch tư pháp …(300 characters)')  // 'cap phieu ly lich tu phap …' (≤ 200)
 */
export function foldQuery(text: string): string {
  const folded = foldForSearch(text);
  if (folded.length <= MAX_SEARCHED_LENGTH) return folded;
  // The space that ends the last whole word within the limit (the character after the limit may be one).
  const cut = folded.lastIndexOf(' ', MAX_SEARCHED_LENGTH);
  return cut > 0 ? folded.slice(0, cut) : folded.slice(0, MAX_SEARCHED_LENGTH);
}
