/**
 * Download names for attachments. The name a user's browser sent is kept for display and download
 * only (files are stored by content hash, never by name), but it still travels back in a header and
 * lands on someone's disk: it is cleaned so that it cannot name a directory, hide its real type, break
 * the header or be refused by Windows. Vietnamese letters stay (NFC), diacritics and all.
 */

/** At most this many UTF-16 code units before the extension. */
export const MAX_FILE_NAME_STEM = 150;
/** The name of a file whose own name leaves nothing usable ("tệp đính kèm"). */
export const FALLBACK_FILE_STEM = 'tep-dinh-kem';

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** C0, DEL and C1 controls, and the characters Windows refuses in a name (the slashes are gone already). */
const CONTROL_OR_ILLEGAL = /[\p{Cc}<>:"|?*]/gu;
/** Invisible format characters, bidi overrides among them ("hoa-don\u202Efdp.exe" shows as "…exe.pdf"). */
const FORMAT = /\p{Cf}/gu;
/** A user's extension: up to 10 ASCII letters and digits, at least one letter ("12.2024" has none). */
const USER_EXTENSION = /\.(?=[A-Za-z0-9]{0,9}[A-Za-z])[A-Za-z0-9]{1,10}$/;
const TRAILING_DOTS_SPACES = /[.\s]+$/;
const LEADING_DOTS_SPACES = /^[.\s]+/;
/** Device names Windows reserves whatever follows (CON.pdf, "nul .docx" cannot be saved): add a "_". */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?=\s*(?:\.|$))/i;
const EXTENSION = /^(?=[a-z0-9]{0,9}[a-z])[a-z0-9]{1,10}$/;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A safe download name: `<stem>.<extension>`, where `extension` is the sniffed one without its dot
 * (`AcceptedType.extension`), replacing whatever extension the user's name had. Directory parts (after
 * the last / or \), control and format characters, characters Windows refuses, leading dots and trailing
 * dots and spaces go; whitespace is collapsed; the stem is cut to 150 code units on a grapheme boundary;
 * nothing left gives `tep-dinh-kem.<extension>`. Idempotent.
 *
 *     sanitizeFileName('../../etc/passwd', 'pdf')       // 'passwd.pdf'
 *     sanitizeFileName('Đơn đề nghị.pdf.exe', 'pdf')    // 'Đơn đề nghị.pdf'
 *     sanitizeFileName('ảnh CCCD.pdf', 'png')           // 'ảnh CCCD.png'
 */
export function sanitizeFileName(name: string, extension: string): string {
  if (!EXTENSION.test(extension)) {
    throw new TypeError(
      `sanitizeFileName: extension must be lower-case letters and digits, got "${extension}"`,
    );
  }
  let stem = name.replace(LONE_SURROGATES, '').normalize('NFC');
  stem = stem.slice(Math.max(stem.lastIndexOf('/'), stem.lastIndexOf('\\')) + 1);
  stem = stem.replace(CONTROL_OR_ILLEGAL, ' ').replace(FORMAT, '').normalize('NFC');
  stem = stem.replace(/\s+/g, ' ').trim();
  stem = withoutExtension(stem.replace(TRAILING_DOTS_SPACES, '').replace(USER_EXTENSION, ''), extension);
  stem = stem.replace(LEADING_DOTS_SPACES, '');
  stem = stem.replace(WINDOWS_RESERVED, '$1_');
  stem = withoutExtension(truncate(stem, MAX_FILE_NAME_STEM), extension);
  return `${stem || FALLBACK_FILE_STEM}.${extension}`;
}

/** Drops trailing dots and spaces and every trailing copy of `.extension` ("a.pdf.pdf" → "a"). */
function withoutExtension(stem: string, extension: string): string {
  const suffix = `.${extension}`;
  let s = stem.replace(TRAILING_DOTS_SPACES, '');
  while (s.toLowerCase().endsWith(suffix)) s = s.slice(0, -suffix.length).replace(TRAILING_DOTS_SPACES, '');
  return s;
}

/** The longest prefix of whole graphemes within `max` UTF-16 code units. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { segment, index } of graphemes.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

/**
 * An ASCII rendering of a name for old clients: marks stripped, đ → d, anything else outside printable
 * ASCII (and ", \ and %, which some browsers decode) becomes "_".
 */
export function asciiFileName(name: string): string {
  return name
    .replace(LONE_SURROGATES, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7E]|["\\%]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
}

/** RFC 5987 ext-value: UTF-8, percent-encoding everything outside attr-char. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * A Content-Disposition value (RFC 6266) carrying the name twice: `filename="…"` in ASCII for old
 * clients and `filename*=UTF-8''…` with the real name, which current browsers prefer.
 * Pass a name from sanitizeFileName; whatever is passed, the result is a valid single-line header.
 *
 *     contentDisposition('Đơn đề nghị.pdf')
 *     // attachment; filename="Don de nghi.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf
 */
export function contentDisposition(
  fileName: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): string {
  const utf8Name = fileName.replace(LONE_SURROGATES, '');
  const ascii = asciiFileName(utf8Name) || FALLBACK_FILE_STEM;
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(utf8Name)}`;
}
