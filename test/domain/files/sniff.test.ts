import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../../../src/domain/errors.ts';
import {
  acceptedTypes,
  checkUpload,
  readZipEntries,
  sniffFileType,
} from '../../../src/domain/files/sniff.ts';
import {
  bytesOf,
  docxEntries,
  makeDocx,
  makeXlsx,
  makeZip,
  minimalJpeg,
  minimalPdf,
  minimalPng,
} from './helpers.ts';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('sniffFileType: signatures', () => {
  it('recognises PDF, PNG and JPEG by their first bytes', () => {
    expect(sniffFileType(minimalPdf)).toEqual({ mediaType: 'application/pdf', extension: 'pdf' });
    expect(sniffFileType(minimalPng)).toEqual({ mediaType: 'image/png', extension: 'png' });
    expect(sniffFileType(minimalJpeg)).toEqual({ mediaType: 'image/jpeg', extension: 'jpg' });
  });

  it('accepts a Node Buffer as well as a Uint8Array', () => {
    expect(sniffFileType(Buffer.from(minimalPng))).toBe(acceptedTypes.png);
  });

  it('refuses executables, HTML, SVG, text and empty files whatever their name claims', () => {
    const refused = [
      bytesOf('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0], 'This program cannot be run in DOS mode'),
      bytesOf([0x7f], 'ELF', [2, 1, 1, 0]),
      bytesOf('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'),
      bytesOf('<html>%PDF-1.4</html>'),
      bytesOf(' %PDF-1.4\n'),
      bytesOf('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      bytesOf('GIF89a'),
      bytesOf('Họ và tên: Nguyễn Văn A'),
      bytesOf([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), // OLE: .doc, .xls, encrypted OOXML
      new Uint8Array(0),
    ];
    for (const bytes of refused) expect(sniffFileType(bytes)).toBeNull();
  });

  it('needs the whole signature', () => {
    expect(sniffFileType(bytesOf('%PDF'))).toBeNull();
    expect(sniffFileType(bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a]))).toBeNull();
    expect(sniffFileType(bytesOf([0xff, 0xd8]))).toBeNull();
    expect(sniffFileType(bytesOf('PK', [3]))).toBeNull();
  });
});

describe('sniffFileType: Office packages', () => {
  it('recognises a DOCX by word/document.xml and [Content_Types].xml', () => {
    expect(sniffFileType(makeDocx())).toEqual({ mediaType: DOCX_TYPE, extension: 'docx' });
  });

  it('recognises an XLSX written by exceljs (deflated entries, data descriptors)', async () => {
    const xlsx = await makeXlsx();
    const names = readZipEntries(xlsx)?.map((e) => e.name);
    expect(names).toContain('xl/workbook.xml');
    expect(sniffFileType(xlsx)).toEqual({ mediaType: XLSX_TYPE, extension: 'xlsx' });
  });

  it('finds the directory behind an archive comment, even one that contains a fake end record', () => {
    expect(sniffFileType(makeDocx({ comment: 'Tạo bởi Một cửa' }))).toBe(acceptedTypes.docx);
    const fake = 'PK\u0005\u0006' + '\u0000'.repeat(18);
    expect(sniffFileType(makeDocx({ comment: `trước ${fake} sau` }))).toBe(acceptedTypes.docx);
    expect(sniffFileType(makeDocx({ comment: 'x'.repeat(0xffff) }))).toBe(acceptedTypes.docx);
  });

  it('follows ZIP64 end records and extra fields', () => {
    const zip = makeDocx({ zip64: true });
    expect(readZipEntries(zip)?.map((e) => e.name)).toEqual(docxEntries.map((e) => e.name));
    expect(sniffFileType(zip)).toBe(acceptedTypes.docx);
  });

  it('refuses a ZIP that is neither, or both, or lacks [Content_Types].xml, or carries macros', () => {
    const [types, rels, doc] = docxEntries;
    if (!types || !rels || !doc) throw new Error('helpers changed');
    const cases = [
      makeZip([{ name: 'readme.txt', data: 'xin chào' }]),
      makeZip([]),
      makeZip([rels, doc]),
      makeZip([types, rels, doc, { name: 'xl/workbook.xml', data: '<workbook/>' }]),
      makeZip([types, rels, doc, { name: 'word/vbaProject.bin', data: 'Attribute VB_Name' }]),
      makeZip([types, { name: 'word/document.xml.exe', data: 'MZ' }]),
    ];
    for (const zip of cases) {
      expect(readZipEntries(zip)).not.toBeNull();
      expect(sniffFileType(zip)).toBeNull();
    }
  });

  it('refuses truncated, padded or garbage ZIPs without throwing', () => {
    const docx = makeDocx();
    expect(sniffFileType(docx.subarray(0, docx.length - 1))).toBeNull();
    expect(sniffFileType(docx.subarray(0, docx.length >> 1))).toBeNull();
    expect(sniffFileType(bytesOf(docx, [0]))).toBeNull();
    expect(sniffFileType(bytesOf('PK', [3, 4], 'garbage'.repeat(20)))).toBeNull();
    expect(sniffFileType(bytesOf('PK', [3, 4], 'PK', [5, 6], new Uint8Array(18)))).toBeNull();
    // An executable with a ZIP appended (self-extracting archive) does not start with a ZIP entry.
    expect(sniffFileType(bytesOf('MZ', docx))).toBeNull();
  });

  it('refuses a directory that points outside itself', () => {
    const docx = makeDocx();
    const eocd = docx.length - 22;
    const broken = Uint8Array.from(docx);
    broken[eocd + 19] = 0x7f; // central directory offset far past the end record
    expect(sniffFileType(broken)).toBeNull();
    const count = Uint8Array.from(docx);
    count[eocd + 10] = 200; // more entries than the directory can hold
    expect(sniffFileType(count)).toBeNull();
  });

  it('never throws, on random bytes or damaged packages', async () => {
    const xlsx = await makeXlsx();
    const docx = makeDocx({ comment: 'ghi chú' });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const type = sniffFileType(bytesOf('PK', [3, 4], bytes));
        expect(type === null || type === acceptedTypes.docx || type === acceptedTypes.xlsx).toBe(true);
        sniffFileType(bytes);
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(docx, xlsx),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        (file, flips, cut) => {
          const damaged = Uint8Array.from(file);
          for (const [at, value] of flips) damaged[at % damaged.length] = value;
          sniffFileType(damaged);
          sniffFileType(damaged.subarray(0, cut % damaged.length));
          sniffFileType(damaged.subarray(cut % damaged.length));
        },
      ),
    );
  });
});

describe('checkUpload', () => {
  const MB = 1024 * 1024;

  it('returns the sniffed type', () => {
    expect(checkUpload(minimalPdf, 20 * MB)).toBe(acceptedTypes.pdf);
  });

  it('refuses an empty file, a file over the limit and a type that is not accepted, in that order', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        if (err instanceof AppError) return err;
      }
      throw new Error('expected an AppError');
    };
    expect(codeOf(() => checkUpload(new Uint8Array(0), MB)).code).toBe('FILE_EMPTY');
    const tooLarge = codeOf(() => checkUpload(new Uint8Array(MB + 1), MB, 'attachment'));
    expect(tooLarge.code).toBe('FILE_TOO_LARGE');
    expect(tooLarge.field).toBe('attachment');
    expect(tooLarge.details).toEqual({ maxBytes: MB, maxMegabytes: 1 });
    expect(tooLarge.messageVi).toBe('Tệp vượt quá dung lượng cho phép (tối đa 1 MB).');
    expect(tooLarge.messageEn).toBe('The file is larger than allowed (at most 1 MB).');
    expect(codeOf(() => checkUpload(bytesOf('<html>'), MB)).code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(codeOf(() => checkUpload(bytesOf('<html>'), MB)).messageVi).toBe(
      'Chỉ chấp nhận tệp PDF, JPEG, PNG, DOCX hoặc XLSX.',
    );
  });
});
