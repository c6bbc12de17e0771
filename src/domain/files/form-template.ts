/**
 * What an uploaded form template (mẫu đơn, tờ khai) really is. Templates are downloaded by the public, so
 * like dossier files they are judged by their bytes, never by their name: the name's extension must agree
 * with what the bytes are. Besides the dossier file types (PDF, DOCX, XLSX, checked by `sniffFileType`),
 * forms come as legacy Word and Excel files (OLE compound files), OpenDocument text and spreadsheets and
 * RTF. Macro-carrying files are refused, as for dossier files.
 *
 * Pure: works on a Uint8Array.
 */
import { AppError } from '../errors.ts';
import { readZipEntries, sniffFileType } from './sniff.ts';

export const formTemplateTypes = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  rtf: 'application/rtf',
} as const;

export type FormTemplateExtension = keyof typeof formTemplateTypes;

/** The extension of a file name when it is one a form template may have, lower-cased. */
export function formTemplateExtension(fileName: string): FormTemplateExtension | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return ext !== undefined && Object.hasOwn(formTemplateTypes, ext)
    ? (ext as FormTemplateExtension)
    : undefined;
}

const RTF = [0x7b, 0x5c, 0x72, 0x74, 0x66]; // {\rtf
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

/** What the bytes of a form template are, or null when none of the accepted types. Never throws. */
export function sniffFormTemplate(bytes: Uint8Array): FormTemplateExtension | null {
  const common = sniffFileType(bytes);
  if (common) {
    const ext = common.extension;
    return ext === 'pdf' || ext === 'docx' || ext === 'xlsx' ? ext : null;
  }
  if (startsWith(bytes, RTF)) return 'rtf';
  if (startsWith(bytes, CFB)) return sniffCompoundFile(bytes);
  return sniffOpenDocument(bytes);
}

/**
 * Checks an upload named `fileName`: an accepted extension, not empty, and bytes of that very type.
 * Returns the media type to store and serve.
 */
export function checkFormTemplate(fileName: string, bytes: Uint8Array): string {
  const ext = formTemplateExtension(fileName);
  if (!ext || /[/\\\0]/.test(fileName)) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'fileName',
      vi: 'Mẫu đơn phải là tệp PDF, Word, Excel, OpenDocument hoặc RTF.',
      en: 'A form template must be a PDF, Word, Excel, OpenDocument or RTF file.',
    });
  }
  if (bytes.length === 0) throw new AppError('FILE_EMPTY', { field: 'body' });
  if (sniffFormTemplate(bytes) !== ext) {
    throw new AppError('FILE_TYPE_NOT_ALLOWED', {
      field: 'body',
      vi: `Nội dung tệp không phải là tệp .${ext} hợp lệ (hoặc có chứa macro).`,
      en: `The file’s content is not a valid .${ext} file (or it contains macros).`,
    });
  }
  return formTemplateTypes[ext];
}

// ---------------------------------------------------------------------------------------------------
// OpenDocument: a ZIP whose first entry is `mimetype`, stored uncompressed, holding the media type.

const LOCAL_SIZE = 30;
const ascii = new TextDecoder('latin1');

function sniffOpenDocument(bytes: Uint8Array): 'odt' | 'ods' | null {
  const entries = readZipEntries(bytes);
  const first = entries?.[0];
  if (!entries || !first || first.name !== 'mimetype') return null;
  // Basic and script macros live under these folders; refused like a VBA project in DOCX.
  if (entries.some((e) => /^(basic|scripts)\//i.test(e.name))) return null;
  const at = first.localHeaderOffset;
  const method = u16(bytes, at + 8);
  const start = at + LOCAL_SIZE + u16(bytes, at + 26) + u16(bytes, at + 28);
  if (method !== 0 || start + first.compressedSize > bytes.length) return null;
  const mime = ascii.decode(bytes.subarray(start, start + first.compressedSize));
  if (mime === formTemplateTypes.odt) return 'odt';
  if (mime === formTemplateTypes.ods) return 'ods';
  return null;
}

// ---------------------------------------------------------------------------------------------------
// OLE compound files ([MS-CFB]): Word 97–2003 has a `WordDocument` stream, Excel a `Workbook` (or the
// older `Book`). Macros live in a `Macros` storage (Word) or `_VBA_PROJECT_CUR` (Excel): refused.

const END_OF_CHAIN = 0xfffffffe;
const MAX_REGULAR_SECTOR = 0xfffffffa;

function u16(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16)) + (b[at + 3] ?? 0) * 0x1000000;
}

function sniffCompoundFile(bytes: Uint8Array): 'doc' | 'xls' | null {
  const names = compoundFileNames(bytes);
  if (!names) return null;
  if (names.has('macros') || names.has('_vba_project_cur') || names.has('_vba_project')) return null;
  const doc = names.has('worddocument');
  const xls = names.has('workbook') || names.has('book');
  if (doc === xls) return null;
  return doc ? 'doc' : 'xls';
}

/**
 * The names (lower-cased) of every directory entry of a compound file, or null when the bytes are not a
 * well-formed one: the directory's sector chain is followed through the FAT, whose sectors the header's
 * DIFAT (and its continuation sectors) list. Bounded by the file's size, so cycles end.
 */
function compoundFileNames(bytes: Uint8Array): Set<string> | null {
  if (bytes.length < 512) return null;
  const shift = u16(bytes, 0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sectorCount = Math.floor((bytes.length - size) / size);
  const offsetOf = (sector: number) => (sector + 1) * size;
  const valid = (sector: number) => sector <= MAX_REGULAR_SECTOR && sector < sectorCount;

  // The FAT sectors: 109 in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = u32(bytes, 0x4c + i * 4);
    if (valid(s)) fatSectors.push(s);
  }
  let difat = u32(bytes, 0x44);
  for (let guard = 0; difat !== END_OF_CHAIN && guard <= sectorCount; guard++) {
    if (!valid(difat)) return null;
    const base = offsetOf(difat);
    for (let i = 0; i < size / 4 - 1; i++) {
      const s = u32(bytes, base + i * 4);
      if (valid(s)) fatSectors.push(s);
    }
    difat = u32(bytes, base + size - 4);
  }
  const next = (sector: number): number => {
    const perSector = size / 4;
    const fat = fatSectors[Math.floor(sector / perSector)];
    return fat === undefined ? END_OF_CHAIN : u32(bytes, offsetOf(fat) + (sector % perSector) * 4);
  };

  const names = new Set<string>();
  let sector = u32(bytes, 0x30);
  for (let guard = 0; sector !== END_OF_CHAIN; guard++) {
    if (!valid(sector) || guard > sectorCount) return null;
    const base = offsetOf(sector);
    for (let at = base; at + 128 <= base + size; at += 128) {
      const type = bytes[at + 0x42];
      const length = u16(bytes, at + 0x40);
      if (type === 0 || length < 2 || length > 64) continue;
      let name = '';
      for (let i = 0; i < length - 2; i += 2) name += String.fromCharCode(u16(bytes, at + i));
      names.add(name.toLowerCase());
    }
    sector = next(sector);
  }
  return names.size > 0 ? names : null;
}
