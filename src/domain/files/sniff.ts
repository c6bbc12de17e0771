/**
 * What an uploaded file really is, from its bytes: the name and the Content-Type the browser sent are
 * the user's claims and are never trusted. Only five types are accepted; everything else (executables,
 * HTML, SVG, archives, macro-enabled Office files, encrypted Office files) is refused.
 *
 * Pure: works on a Uint8Array (Node's Buffer is one), so the web app may run the same check before upload.
 */
import { AppError } from '../errors.ts';

export const acceptedTypes = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg' },
  png: { mediaType: 'image/png', extension: 'png' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
} as const;

export type AcceptedKind = keyof typeof acceptedTypes;
/** `extension` has no leading dot. */
export type AcceptedType = (typeof acceptedTypes)[AcceptedKind];
export type AcceptedMediaType = AcceptedType['mediaType'];
export type AcceptedExtension = AcceptedType['extension'];

/**
 * The types a browser may show inside a page (Content-Disposition inline): PDF in its viewer, JPEG and
 * PNG as images. Office files are always downloaded.
 */
const PREVIEWABLE: ReadonlySet<string> = new Set([
  acceptedTypes.pdf.mediaType,
  acceptedTypes.jpeg.mediaType,
  acceptedTypes.png.mediaType,
]);

export const isPreviewable = (mediaType: string): boolean => PREVIEWABLE.has(mediaType);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

/**
 * The type of a whole file, or null when it is not one of the accepted types.
 *
 * Takes the whole file, not a head: PDF, JPEG and PNG are told by their first bytes, but DOCX and XLSX
 * are ZIP packages told apart by their entry names, which live in the central directory at the end.
 * Never throws, whatever the bytes.
 *
 * The PDF signature must be at offset 0 (readers tolerate up to 1 KiB of junk before it; we do not, so
 * an HTML page with "%PDF-" somewhere inside is refused).
 */
export function sniffFileType(bytes: Uint8Array): AcceptedType | null {
  if (startsWith(bytes, PDF)) return acceptedTypes.pdf;
  if (startsWith(bytes, PNG)) return acceptedTypes.png;
  if (startsWith(bytes, JPEG)) return acceptedTypes.jpeg;
  if (startsWith(bytes, ZIP_LOCAL)) return sniffOfficePackage(bytes);
  return null;
}

/**
 * The checks an upload goes through, in order: not empty, not over the limit, an accepted type.
 * Throws FILE_EMPTY, FILE_TOO_LARGE (details: maxBytes, maxMegabytes) or FILE_TYPE_NOT_ALLOWED.
 */
export function checkUpload(bytes: Uint8Array, maxBytes: number, field = 'file'): AcceptedType {
  if (bytes.length === 0) throw new AppError('FILE_EMPTY', { field });
  if (bytes.length > maxBytes) {
    const mb = formatMegabytes(maxBytes);
    throw new AppError('FILE_TOO_LARGE', {
      field,
      vi: `Tệp vượt quá dung lượng cho phép (tối đa ${mb.replace('.', ',')} MB).`,
      en: `The file is larger than allowed (at most ${mb} MB).`,
      details: { maxBytes, maxMegabytes: Number(mb) },
    });
  }
  const type = sniffFileType(bytes);
  if (!type) throw new AppError('FILE_TYPE_NOT_ALLOWED', { field });
  return type;
}

function formatMegabytes(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

const DOCX_MAIN = 'word/document.xml';
const XLSX_MAIN = 'xl/workbook.xml';
const CONTENT_TYPES = '[content_types].xml';

/**
 * DOCX when the package has `word/document.xml`, XLSX when it has `xl/workbook.xml`, each with
 * `[Content_Types].xml`; neither or both is refused. A package carrying a VBA project (a .docm/.xlsm
 * renamed) is refused too. OPC part names compare case-insensitively, so names are lower-cased.
 */
function sniffOfficePackage(bytes: Uint8Array): AcceptedType | null {
  const entries = readZipEntries(bytes);
  if (!entries) return null;
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  if (!names.has(CONTENT_TYPES)) return null;
  for (const name of names) if (name.endsWith('vbaproject.bin')) return null;
  const docx = names.has(DOCX_MAIN);
  const xlsx = names.has(XLSX_MAIN);
  if (docx === xlsx) return null;
  return docx ? acceptedTypes.docx : acceptedTypes.xlsx;
}

// ---------------------------------------------------------------------------------------------------
// A minimal ZIP central-directory reader (APPNOTE.TXT 4.3): names and offsets only, no decompression.

export interface ZipEntry {
  name: string;
  /** Offset of the entry's local header from the start of the file. */
  localHeaderOffset: number;
  compressedSize: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_COMMENT = 0xffff;

const utf8 = new TextDecoder('utf-8', { fatal: false });

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16)) + (b[at + 3] ?? 0) * 0x1000000;
}

/** A 64-bit little-endian value, or NaN past 2^53 (no file we accept comes near). */
function u64(b: Uint8Array, at: number): number {
  const high = u32(b, at + 4);
  return high >= 0x200000 ? NaN : high * 0x100000000 + u32(b, at);
}

/**
 * The entries of a ZIP file from its central directory, or null when the bytes are not a well-formed
 * ZIP (truncated, garbage, inconsistent sizes or offsets). Never throws.
 *
 * The end-of-central-directory record is searched from the end backwards (it may be followed by a
 * comment of up to 64 KiB); a candidate counts only when its comment reaches exactly the end of the file
 * and the directory it points to parses, so a "PK\5\6" inside a comment cannot fool the reader.
 * ZIP64 records are followed when the 32-bit fields are saturated.
 */
export function readZipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const last = bytes.length - EOCD_SIZE;
  const first = Math.max(0, last - MAX_COMMENT);
  for (let at = last; at >= first; at--) {
    if (u32(bytes, at) !== EOCD_SIGNATURE) continue;
    if (at + EOCD_SIZE + u16(bytes, at + 20) !== bytes.length) continue;
    const entries = readDirectory(bytes, at);
    if (entries) return entries;
  }
  return null;
}

function readDirectory(bytes: Uint8Array, eocd: number): ZipEntry[] | null {
  // Multi-disk archives are not files anyone uploads.
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0) return null;
  let count = u16(bytes, eocd + 10);
  let size = u32(bytes, eocd + 12);
  let offset = u32(bytes, eocd + 16);
  let directoryEnd = eocd;
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - ZIP64_LOCATOR_SIZE;
    if (locator < 0 || u32(bytes, locator) !== ZIP64_LOCATOR_SIGNATURE) return null;
    const record = u64(bytes, locator + 8);
    if (!(record >= 0 && record + 56 <= locator) || u32(bytes, record) !== ZIP64_EOCD_SIGNATURE) return null;
    count = u64(bytes, record + 32);
    size = u64(bytes, record + 40);
    offset = u64(bytes, record + 48);
    directoryEnd = record;
  }
  if (!(offset >= 0 && size >= 0 && offset + size <= directoryEnd)) return null;
  // Every entry takes at least 46 bytes: a count the directory cannot hold is a lie.
  if (!(count >= 0 && count * CENTRAL_SIZE <= size)) return null;

  const entries: ZipEntry[] = [];
  let at = offset;
  const end = offset + size;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > end || u32(bytes, at) !== CENTRAL_SIGNATURE) return null;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const next = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > end) return null;
    const name = utf8.decode(bytes.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength));
    let compressedSize = u32(bytes, at + 20);
    let localHeaderOffset = u32(bytes, at + 42);
    if (compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      const wide = zip64Extra(bytes, at + CENTRAL_SIZE + nameLength, extraLength, {
        uncompressed: u32(bytes, at + 24) === 0xffffffff,
        compressed: compressedSize === 0xffffffff,
        offset: localHeaderOffset === 0xffffffff,
      });
      if (!wide) return null;
      compressedSize = wide.compressed ?? compressedSize;
      localHeaderOffset = wide.offset ?? localHeaderOffset;
    }
    if (!(localHeaderOffset + 30 <= offset) || u32(bytes, localHeaderOffset) !== LOCAL_SIGNATURE) return null;
    entries.push({ name, localHeaderOffset, compressedSize });
    at = next;
  }
  return entries;
}

/** The 64-bit sizes and offset of the ZIP64 extra field (id 0x0001), present in a fixed order. */
function zip64Extra(
  bytes: Uint8Array,
  start: number,
  length: number,
  wanted: { uncompressed: boolean; compressed: boolean; offset: boolean },
): { compressed?: number; offset?: number } | null {
  let at = start;
  const end = start + length;
  while (at + 4 <= end) {
    const id = u16(bytes, at);
    const size = u16(bytes, at + 2);
    const data = at + 4;
    if (data + size > end) return null;
    if (id === 0x0001) {
      let p = data;
      const take = (): number => {
        const v = p + 8 <= data + size ? u64(bytes, p) : NaN;
        p += 8;
        return v;
      };
      if (wanted.uncompressed) take();
      const compressed = wanted.compressed ? take() : undefined;
      const offset = wanted.offset ? take() : undefined;
      if (Number.isNaN(compressed) || Number.isNaN(offset)) return null;
      return { compressed, offset };
    }
    at = data + size;
  }
  return null;
}
