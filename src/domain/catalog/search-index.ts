/**
 * The public catalog search, in memory: the same rules as the SQL search (features/catalog/search-procedures.ts)
 * over a snapshot of the procedures in force on one day, giving the same results in the same order.
 *
 * - A query of one or two characters matches word starts; a longer one matches names (and codes) holding all
 *   its words, ranked: exact code, holding the phrase as typed, earliest occurrence, shortest text, then the
 *   name and code as PostgreSQL sorts them (the snapshot arrives in that order).
 * - Only when nothing matches: typo tolerance by pg_trgm's word similarity (`q <% search_text`, nearest
 *   first, at most FUZZY_LIMIT), reproduced here bit for bit for ASCII text (what foldForSearch makes of
 *   Vietnamese). Which non-ASCII characters make words depends on the database's locale, so with any
 *   non-ASCII text the index answers `undefined` for that stage and the caller asks PostgreSQL.
 *
 * - Without a query (browsing) the most used procedures come first (`uses`: dossiers received in the year
 *   before the snapshot's day, read from the daily statistics when the snapshot is built), then the names in
 *   Vietnamese alphabetical order (Intl.Collator 'vi': "Đăng ký…" after every "D…"), then the code
 *   (`compareForBrowse`, which the SQL search applies too).
 *
 * Pure: no I/O, no clock.
 */
import type { Duration, OnlineLevel, ProcedureLevel } from './model.ts';

export interface IndexedProcedure {
  versionId: number;
  code: string;
  name: string;
  /** foldForSearch(code + name), as stored in procedure_versions.search_text. */
  searchText: string;
  field: { code: string; name: string };
  level: ProcedureLevel;
  onlineLevel: OnlineLevel;
  deadline: Duration;
  /** Implementing agencies, in the database's order of their codes. */
  agencies: { code: string; name: string }[];
  /** Dossiers received for the procedure in the year before the snapshot's day (0 when absent). */
  uses?: number;
}

const vietnamese = new Intl.Collator('vi');

/**
 * The browse order (no query): most used first, then the name in Vietnamese alphabetical order, then the
 * code (code points: codes are ASCII), so that the order is total.
 */
export function compareForBrowse(
  a: { uses?: number | undefined; name: string; code: string },
  b: { uses?: number | undefined; name: string; code: string },
): number {
  return (
    (b.uses ?? 0) - (a.uses ?? 0) ||
    vietnamese.compare(a.name, b.name) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

export interface IndexQuery {
  /** Already folded with foldForSearch. */
  q: string;
  field?: string | undefined;
  level?: ProcedureLevel | undefined;
  agency?: string | undefined;
  online?: OnlineLevel | undefined;
  page: number;
  pageSize: number;
}

export interface IndexResult {
  items: IndexedProcedure[];
  total: number;
}

/** At most this many approximate (typo-tolerant) matches are returned, over all pages. */
export const FUZZY_LIMIT = 50;

/** Any UTF-16 unit above U+007F (surrogates included). */
const NON_ASCII = /[\u0080-\uffff]/;
const isAscii = (s: string) => !NON_ASCII.test(s);
const LONE_SURROGATE = /\p{Cs}/u;
/** CALCSML in single precision, as PostgreSQL computes it. */
function calcSml(count: number, len1: number, len2: number): number {
  return Math.fround(count / (len1 + len2 - count));
}

/**
 * pg_trgm's positional trigrams of an ASCII text (generate_trgm_only), packed into numbers, in order: each
 * run of letters and digits, lower-cased, padded with two spaces before and one after, cut into every three
 * consecutive characters.
 */
function packedTrigrams(text: string, out: number[]): void {
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && !isWordChar(text.charCodeAt(i))) i++;
    if (i >= n) break;
    // "  w": the two leading pads and the first character, then every window inside the word, then "x ".
    let a = 32;
    let b = 32;
    while (i < n && isWordChar(text.charCodeAt(i))) {
      const c = lower(text.charCodeAt(i));
      out.push((a << 16) | (b << 8) | c);
      a = b;
      b = c;
      i++;
    }
    out.push((a << 16) | (b << 8) | 32);
  }
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Trigram structures of an all-ASCII snapshot, numbered densely: each text as a sequence of trigram ids, and
 * for each trigram the texts holding it (compressed rows).
 */
class TrigramIndex {
  readonly ids = new Map<number, number>();
  /** Text i's trigram ids are seq[seqStart[i] .. seqStart[i + 1]). */
  readonly seq: Int32Array;
  readonly seqStart: Int32Array;
  /** Texts holding trigram t are postings[postStart[t] .. postStart[t + 1]), each once. */
  readonly postings: Int32Array;
  readonly postStart: Int32Array;
  /** Scratch, kept at -1 / 0 between uses. */
  readonly lastpos: Int32Array;
  readonly inQuery: Uint8Array;
  readonly shared: Int32Array;

  constructor(texts: readonly string[]) {
    const packed: number[] = [];
    const starts = [0];
    for (const t of texts) {
      packedTrigrams(t, packed);
      starts.push(packed.length);
    }
    this.seq = new Int32Array(packed.length);
    for (let k = 0; k < packed.length; k++) {
      let id = this.ids.get(packed[k]!);
      if (id === undefined) this.ids.set(packed[k]!, (id = this.ids.size));
      this.seq[k] = id;
    }
    this.seqStart = Int32Array.from(starts);
    const distinct = this.ids.size;
    const counts = new Int32Array(distinct + 1);
    const seen = new Int32Array(distinct).fill(-1);
    for (let i = 0; i < texts.length; i++) {
      for (let k = this.seqStart[i]!; k < this.seqStart[i + 1]!; k++) {
        const id = this.seq[k]!;
        if (seen[id] !== i) {
          seen[id] = i;
          counts[id + 1]!++;
        }
      }
    }
    for (let t = 0; t < distinct; t++) counts[t + 1]! += counts[t]!;
    this.postStart = counts;
    this.postings = new Int32Array(counts[distinct]!);
    const fill = counts.slice(0, distinct);
    seen.fill(-1);
    for (let i = 0; i < texts.length; i++) {
      for (let k = this.seqStart[i]!; k < this.seqStart[i + 1]!; k++) {
        const id = this.seq[k]!;
        if (seen[id] !== i) {
          seen[id] = i;
          this.postings[fill[id]!++] = i;
        }
      }
    }
    this.lastpos = new Int32Array(distinct).fill(-1);
    this.inQuery = new Uint8Array(distinct);
    this.shared = new Int32Array(texts.length);
  }

  /**
   * iterate_word_similarity of contrib/pg_trgm/trgm_op.c for text i, step for step, in float4, with the
   * query's trigrams marked in `inQuery` and `ulen1` its number of distinct trigrams (known to any text or not).
   */
  similarity(i: number, ulen1: number): number {
    const { seq, lastpos, inQuery } = this;
    const from = this.seqStart[i]!;
    const to = this.seqStart[i + 1]!;
    let ulen2 = 0;
    let count = 0;
    let upper: number;
    let lower = -1;
    let smlrMax = 0;
    for (let p = from; p < to; p++) {
      const t = seq[p]!;
      const found = inQuery[t] === 1;
      if (lower >= 0 || found) {
        if (lastpos[t]! < 0) {
          ulen2++;
          if (found) count++;
        }
        lastpos[t] = p;
      }
      if (!found) continue;
      upper = p;
      if (lower === -1) {
        lower = p;
        ulen2 = 1;
      }
      let smlrCur = calcSml(count, ulen1, ulen2);
      let tmpCount = count;
      let tmpUlen2 = ulen2;
      const prevLower = lower;
      for (let tmpLower = lower; tmpLower <= upper; tmpLower++) {
        const smlrTmp = calcSml(tmpCount, ulen1, tmpUlen2);
        if (smlrTmp > smlrCur) {
          smlrCur = smlrTmp;
          ulen2 = tmpUlen2;
          lower = tmpLower;
          count = tmpCount;
        }
        const tt = seq[tmpLower]!;
        if (lastpos[tt] === tmpLower) {
          tmpUlen2--;
          if (inQuery[tt] === 1) tmpCount--;
        }
      }
      if (smlrCur > smlrMax) smlrMax = smlrCur;
      for (let tmpLower = prevLower; tmpLower < lower; tmpLower++) {
        const tt = seq[tmpLower]!;
        if (lastpos[tt] === tmpLower) lastpos[tt] = -1;
      }
    }
    for (let p = from; p < to; p++) lastpos[seq[p]!] = -1;
    return smlrMax;
  }
}

/** `word_similarity(query, text)` of pg_trgm, for ASCII strings (undefined for any other). */
export function wordSimilarity(query: string, text: string): number | undefined {
  if (!isAscii(query) || !isAscii(text)) return undefined;
  const index = new TrigramIndex([text]);
  const packed: number[] = [];
  packedTrigrams(query, packed);
  const distinct = new Set(packed);
  for (const t of distinct) {
    const id = index.ids.get(t);
    if (id !== undefined) index.inQuery[id] = 1;
  }
  return distinct.size === 0 ? 0 : index.similarity(0, distinct.size);
}

export class SearchIndex {
  private readonly procedures: readonly IndexedProcedure[];
  private readonly texts: string[];
  /** Every text, each preceded by a newline (which no folded text holds), for one indexOf over all. */
  private readonly all: string;
  private readonly starts: Int32Array;
  private readonly lengths: Int32Array;
  private readonly ascii: Uint8Array;
  private readonly codesLower: string[];
  private readonly trigramIndex: TrigramIndex | undefined;
  /** Indexes of the procedures in browse order (compareForBrowse). */
  private readonly browse: Int32Array;

  /**
   * @param procedures in `ORDER BY name, code` as the database sorts them (the tie-break of ranked matches).
   * @param wordSimilarityThreshold the database's `pg_trgm.word_similarity_threshold`.
   */
  constructor(
    procedures: readonly IndexedProcedure[],
    private readonly wordSimilarityThreshold: number,
  ) {
    this.procedures = procedures;
    this.texts = procedures.map((p) => p.searchText);
    this.codesLower = procedures.map((p) => p.code.toLowerCase());
    this.starts = new Int32Array(procedures.length + 1);
    this.lengths = new Int32Array(procedures.length);
    this.ascii = new Uint8Array(procedures.length);
    let offset = 0;
    this.texts.forEach((t, i) => {
      this.starts[i] = offset + 1;
      offset += t.length + 1;
      const ascii = isAscii(t);
      this.ascii[i] = ascii ? 1 : 0;
      this.lengths[i] = ascii ? t.length : codePoints(t);
    });
    this.starts[procedures.length] = offset + 1;
    this.all = this.texts.map((t) => '\n' + t).join('');
    this.trigramIndex = this.ascii.every((a) => a === 1) ? new TrigramIndex(this.texts) : undefined;
    this.browse = Int32Array.from(procedures.keys()).sort((a, b) =>
      compareForBrowse(procedures[a]!, procedures[b]!),
    );
  }

  get size(): number {
    return this.procedures.length;
  }

  private passes(i: number, q: IndexQuery): boolean {
    const p = this.procedures[i]!;
    return (
      (!q.field || p.field.code === q.field) &&
      (!q.level || p.level === q.level) &&
      (!q.online || p.onlineLevel === q.online) &&
      (!q.agency || p.agencies.some((a) => a.code === q.agency))
    );
  }

  /** The text holding position `at` of `all`. */
  private textAt(at: number): number {
    let lo = 0;
    let hi = this.procedures.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Texts holding `needle`, in order, each once. `accept` judges each occurrence (its position in the text):
   * 1 the text matches, -1 it does not, 0 look at its next occurrence.
   */
  private scan(needle: string, accept: (i: number, at: number) => -1 | 0 | 1): number[] {
    const out: number[] = [];
    let from = 0;
    for (;;) {
      const at = this.all.indexOf(needle, from);
      if (at < 0) break;
      const i = this.textAt(at);
      const verdict = accept(i, at - this.starts[i]!);
      if (verdict === 1) out.push(i);
      from = verdict === 0 ? at + 1 : this.starts[i + 1]!;
    }
    return out;
  }

  /** strpos(search_text, q): 1-based position in characters, 0 when absent. */
  private strpos(i: number, q: string): number {
    const text = this.texts[i]!;
    const at = text.indexOf(q);
    if (at < 0) return 0;
    return (this.ascii[i] === 1 ? at : codePoints(text.slice(0, at))) + 1;
  }

  /**
   * The page and the total, or undefined when the answer needs PostgreSQL (typo tolerance over non-ASCII
   * text, a threshold of 0).
   */
  search(query: IndexQuery): IndexResult | undefined {
    const q = query.q;
    if (LONE_SURROGATE.test(q)) return undefined;
    const offset = (query.page - 1) * query.pageSize;
    const page = (indexes: readonly number[]): IndexResult => ({
      items: indexes.slice(offset, offset + query.pageSize).map((i) => this.procedures[i]!),
      total: indexes.length,
    });

    if (q === '') {
      const all: number[] = [];
      for (const i of this.browse) if (this.passes(i, query)) all.push(i);
      return page(all);
    }

    let hits: number[];
    if (q.length < 3) {
      // Word starts: right after a space, or at the start of a text (after the newline before it in `all`).
      const accept = (i: number) => (this.passes(i, query) ? 1 : -1);
      const inside = this.scan(' ' + q, accept);
      const first = this.scan('\n' + q, accept);
      hits = [...new Set([...inside, ...first])].sort((a, b) => a - b);
    } else {
      // All words, found by the longest one.
      const words = q.split(' ').filter((w) => w.length > 0);
      const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
      hits = this.scan(longest, (i) => {
        const text = this.texts[i]!;
        return words.every((w) => w === longest || text.includes(w)) && this.passes(i, query) ? 1 : -1;
      });
    }
    if (hits.length > 0) {
      const keyed = hits.map((i) => ({
        i,
        exact: this.codesLower[i] === q ? 0 : 1,
        pos: this.strpos(i, q),
        length: this.lengths[i]!,
      }));
      keyed.sort(
        (a, b) =>
          a.exact - b.exact ||
          Number(a.pos === 0) - Number(b.pos === 0) ||
          a.pos - b.pos ||
          a.length - b.length ||
          a.i - b.i,
      );
      return page(keyed.map((k) => k.i));
    }
    if (q.length < 3) return page([]);
    const near = this.nearest(q, query);
    return near === undefined ? undefined : page(near);
  }

  /** `q <% search_text ORDER BY q <<-> search_text, name, code LIMIT FUZZY_LIMIT`. */
  private nearest(q: string, query: IndexQuery): number[] | undefined {
    const threshold = this.wordSimilarityThreshold;
    const index = this.trigramIndex;
    if (!index || !isAscii(q) || !(threshold > 0)) return undefined;
    const packed: number[] = [];
    packedTrigrams(q, packed);
    const distinct = new Set(packed);
    const ulen1 = distinct.size;
    if (ulen1 === 0) return [];
    const known: number[] = [];
    for (const t of distinct) {
      const id = index.ids.get(t);
      if (id !== undefined) known.push(id);
    }
    // A text can only reach the threshold if it holds that share of the query's trigrams: count them first.
    const shared = index.shared;
    const touched: number[] = [];
    for (const id of known) {
      for (let k = index.postStart[id]!; k < index.postStart[id + 1]!; k++) {
        const i = index.postings[k]!;
        if (shared[i] === 0) touched.push(i);
        shared[i]!++;
      }
    }
    for (const id of known) index.inQuery[id] = 1;
    const found: { i: number; distance: number }[] = [];
    try {
      for (const i of touched) {
        if (Math.fround(shared[i]! / ulen1) < threshold || !this.passes(i, query)) continue;
        const similarity = index.similarity(i, ulen1);
        if (similarity >= threshold) found.push({ i, distance: Math.fround(1 - similarity) });
      }
    } finally {
      for (const id of known) index.inQuery[id] = 0;
      for (const i of touched) shared[i] = 0;
    }
    found.sort((a, b) => a.distance - b.distance || a.i - b.i);
    return found.slice(0, FUZZY_LIMIT).map((f) => f.i);
  }
}
