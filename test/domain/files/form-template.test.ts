import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../src/domain/errors.ts';
import { checkFormTemplate, sniffFormTemplate } from '../../../src/domain/files/form-template.ts';
import { bytesOf, makeDocx, makeXlsx, makeZip, minimalPdf, minimalPng } from './helpers.ts';

// Written by LibreOffice 7 (Calc): a real Excel 97–2003 workbook and a real OpenDocument spreadsheet.
const xls = new Uint8Array(readFileSync(new URL('fixtures/form.xls', import.meta.url)));
const ods = new Uint8Array(readFileSync(new URL('fixtures/form.ods', import.meta.url)));

/** The compound file with its directory entry `from` renamed `to` (a Word file, a macro storage…). */
function renamedEntry(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const out = Uint8Array.from(bytes);
  const buffer = Buffer.from(out.buffer);
  const at = buffer.indexOf(Buffer.from(`${from}\0`, 'utf16le'));
  expect(at).toBeGreaterThan(0);
  buffer.fill(0, at, at + 64);
  buffer.write(`${to}\0`, at, 'utf16le');
  buffer.writeUInt16LE((to.length + 1) * 2, at + 0x40);
  return out;
}

const odt = makeZip([
  { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
  { name: 'content.xml', data: '<office:document-content/>' },
  { name: 'META-INF/manifest.xml', data: '<manifest:manifest/>' },
]);
const rtf = bytesOf('{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 T\\u7901? khai\\par}');

describe('form templates are judged by their bytes', () => {
  it('knows each accepted type', async () => {
    expect(sniffFormTemplate(minimalPdf)).toBe('pdf');
    expect(sniffFormTemplate(makeDocx())).toBe('docx');
    expect(sniffFormTemplate(await makeXlsx())).toBe('xlsx');
    expect(sniffFormTemplate(xls)).toBe('xls');
    expect(sniffFormTemplate(renamedEntry(xls, 'Workbook', 'WordDocument'))).toBe('doc');
    expect(sniffFormTemplate(ods)).toBe('ods');
    expect(sniffFormTemplate(odt)).toBe('odt');
    expect(sniffFormTemplate(rtf)).toBe('rtf');
  });

  it('refuses other types, macros and damaged files', () => {
    expect(sniffFormTemplate(minimalPng)).toBeNull();
    expect(sniffFormTemplate(bytesOf('<html><body>%PDF-1.4</body></html>'))).toBeNull();
    expect(sniffFormTemplate(renamedEntry(xls, 'Workbook', '_VBA_PROJECT_CUR'))).toBeNull();
    expect(sniffFormTemplate(xls.subarray(0, 1024))).toBeNull();
    const scripted = makeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' },
      { name: 'Basic/Standard/Module1.xml', data: '<script:module/>' },
    ]);
    expect(sniffFormTemplate(scripted)).toBeNull();
    const otherMime = makeZip([{ name: 'mimetype', data: 'application/epub+zip' }]);
    expect(sniffFormTemplate(otherMime)).toBeNull();
  });

  it('never throws on arbitrary bytes', () => {
    for (let n = 0; n < 300; n++) {
      const junk = Uint8Array.from({ length: 512 + n * 7 }, (_, i) => (i * 131 + n * 17) & 0xff);
      junk.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      expect(() => sniffFormTemplate(junk)).not.toThrow();
      expect(sniffFormTemplate(junk.subarray(0, n))).toBeNull();
    }
  });

  it('the name’s extension must agree with the bytes', () => {
    expect(checkFormTemplate('to-khai.pdf', minimalPdf)).toBe('application/pdf');
    expect(checkFormTemplate('TO-KHAI.XLS', xls)).toBe('application/vnd.ms-excel');
    const refusal = (name: string, bytes: Uint8Array) => {
      try {
        checkFormTemplate(name, bytes);
      } catch (err) {
        return (err as AppError).code;
      }
      return null;
    };
    expect(refusal('to-khai.pdf', bytesOf('<script>alert(1)</script>'))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(refusal('to-khai.doc', xls)).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(refusal('to-khai.pdf', new Uint8Array())).toBe('FILE_EMPTY');
    expect(refusal('to-khai.exe', minimalPdf)).toBe('VALIDATION_FAILED');
  });
});
