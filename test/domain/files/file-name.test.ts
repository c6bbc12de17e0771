import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  MAX_FILE_NAME_STEM,
  asciiFileName,
  contentDisposition,
  sanitizeFileName,
} from '../../../src/domain/files/file-name.ts';
import { acceptedTypes } from '../../../src/domain/files/sniff.ts';

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const extensions = Object.values(acceptedTypes).map((t) => t.extension);

describe('sanitizeFileName', () => {
  it.each([
    ['Đơn đề nghị cấp giấy phép.pdf', 'pdf', 'Đơn đề nghị cấp giấy phép.pdf'],
    ['ảnh CCCD mặt trước.pdf', 'png', 'ảnh CCCD mặt trước.png'], // a PNG named .pdf is a PNG
    ['hoa-don.pdf.exe', 'pdf', 'hoa-don.pdf'],
    ['Tờ khai.PDF', 'pdf', 'Tờ khai.pdf'],
    ['a.pdf.pdf.pdf', 'pdf', 'a.pdf'],
    ['Quyết định số 12.2024', 'pdf', 'Quyết định số 12.2024.pdf'],
    ['bang-ke', 'xlsx', 'bang-ke.xlsx'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['..\\..\\Windows\\System32\\cmd.exe', 'docx', 'cmd.docx'],
    ['C:\\Users\\An\\Desktop\\Sổ hộ khẩu.jpg', 'jpg', 'Sổ hộ khẩu.jpg'],
    ['thư mục/', 'pdf', 'tep-dinh-kem.pdf'],
    ['.htaccess', 'pdf', 'tep-dinh-kem.pdf'],
    ['...', 'pdf', 'tep-dinh-kem.pdf'],
    ['', 'png', 'tep-dinh-kem.png'],
    ['   \t\n ', 'png', 'tep-dinh-kem.png'],
    ['..bản sao.pdf', 'pdf', 'bản sao.pdf'],
    ['báo cáo. . .  .docx', 'docx', 'báo cáo.docx'],
    ['a<b>c:d"e|f?g*h.pdf', 'pdf', 'a b c d e f g h.pdf'],
    ['dòng 1\r\ndòng\t2\u0000\u007f\u009b.pdf', 'pdf', 'dòng 1 dòng 2.pdf'],
    ['  nhiều     khoảng   trắng  .pdf', 'pdf', 'nhiều khoảng trắng.pdf'],
    ['hoa-don\u202Efdp.exe', 'pdf', 'hoa-donfdp.pdf'], // right-to-left override gone
    ['\uFEFFbom\u200B.pdf', 'pdf', 'bom.pdf'],
    ['CON.pdf', 'pdf', 'CON_.pdf'],
    ['nul .txt', 'pdf', 'nul_.pdf'],
    ['com1.bản sao.docx', 'docx', 'com1_.bản sao.docx'],
    ['console.pdf', 'pdf', 'console.pdf'],
    ['bad\uD800surrogate.pdf', 'pdf', 'badsurrogate.pdf'],
  ])('%j as .%s → %j', (input, extension, expected) => {
    expect(sanitizeFileName(input, extension)).toBe(expected);
  });

  it('normalises to NFC', () => {
    const decomposed = 'Nguyễn Văn Ánh.pdf'.normalize('NFD');
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    expect(sanitizeFileName(decomposed, 'pdf')).toBe('Nguyễn Văn Ánh.pdf'.normalize('NFC'));
  });

  it('cuts long names at 150 code units on a grapheme boundary', () => {
    const long = 'Giấy chứng nhận quyền sử dụng đất '.repeat(10);
    const result = sanitizeFileName(`${long}.pdf`, 'pdf');
    expect(result.length).toBeLessThanOrEqual(MAX_FILE_NAME_STEM + '.pdf'.length);
    expect(long.startsWith(result.slice(0, -4))).toBe(true);
    expect(result).not.toMatch(/ \.pdf$/);

    const flag = '🇻🇳'; // one grapheme of two regional indicators, 4 code units
    expect(sanitizeFileName(`${'a'.repeat(148)}${flag}.png`, 'png')).toBe(`${'a'.repeat(148)}.png`);
    expect(sanitizeFileName(`${'a'.repeat(146)}${flag}.png`, 'png')).toBe(`${'a'.repeat(146)}${flag}.png`);
    const marks = sanitizeFileName(`${'a'.repeat(149)}e\u0301\u0302\u0303.png`, 'png');
    expect(marks).toBe(`${'a'.repeat(149)}.png`);
  });

  it('refuses an extension that is not a plain lower-case one', () => {
    expect(() => sanitizeFileName('a', '.pdf')).toThrow(TypeError);
    expect(() => sanitizeFileName('a', 'PDF')).toThrow(TypeError);
    expect(() => sanitizeFileName('a', '')).toThrow(TypeError);
    expect(() => sanitizeFileName('a', 'p/df')).toThrow(TypeError);
  });

  const tricky = fc.constantFrom(
    '/',
    '\\',
    '.',
    '..',
    ' ',
    '\t',
    '\n',
    '\u0000',
    '\u007f',
    '\u0085',
    '\u202e',
    '\u200b',
    '\ufeff',
    '\u2028',
    ':',
    '*',
    '?',
    '"',
    '<',
    '|',
    '.pdf',
    '.PDF',
    '.exe',
    '.png',
    'CON',
    'com1',
    'đ',
    'Đ',
    'ệ',
    'e\u0301',
    '\u0301',
    '\ud800',
    '\udc00',
    '😀',
    '👨‍👩‍👧',
    'ﬁ',
    'Ǆ',
    'a',
    'Z',
    '0',
  );
  const names = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.array(tricky, { maxLength: 60 }).map((parts) => parts.join('')),
    fc
      .array(fc.oneof(tricky, fc.string({ unit: 'grapheme', maxLength: 8 })), { maxLength: 80 })
      .map((p) => p.join('')),
  );

  it('always gives a safe name ending with the extension, and is idempotent', () => {
    fc.assert(
      fc.property(names, fc.constantFrom(...extensions), (name, extension) => {
        const result = sanitizeFileName(name, extension);
        expect(result).not.toMatch(/[/\\<>:"|?*\p{Cc}\p{Cf}]/u);
        expect(result.startsWith('.')).toBe(false);
        expect(result.startsWith(' ')).toBe(false);
        expect(result.endsWith(`.${extension}`)).toBe(true);
        expect(result.slice(0, -extension.length - 1)).not.toMatch(/[. ]$/);
        expect(result.slice(0, -extension.length - 1).length).toBeGreaterThan(0);
        expect(result.length).toBeLessThanOrEqual(MAX_FILE_NAME_STEM + 1 + extension.length);
        expect(result).not.toMatch(/\s\s/);
        expect(result).toBe(result.normalize('NFC'));
        expect(result).not.toMatch(LONE_SURROGATES);
        expect(sanitizeFileName(result, extension)).toBe(result);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('contentDisposition', () => {
  it('carries an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Đơn đề nghị.pdf')).toBe(
      `attachment; filename="Don de nghi.pdf"; filename*=UTF-8''%C4%90%C6%A1n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf`,
    );
    expect(contentDisposition('ảnh.png', 'inline')).toBe(
      `inline; filename="anh.png"; filename*=UTF-8''%E1%BA%A3nh.png`,
    );
  });

  it('folds every Vietnamese letter to ASCII', () => {
    expect(asciiFileName('Ư ư Ơ ơ Ă ă Â â Ê ê Ô ô Đ đ Ữ ộ ẫ ỷ')).toBe('U u O o A a A a E e O o D d U o a y');
  });

  it('encodes the characters RFC 5987 does not allow bare', () => {
    expect(contentDisposition("it's (1)*.pdf")).toBe(
      `attachment; filename="it's (1)*.pdf"; filename*=UTF-8''it%27s%20%281%29%2A.pdf`,
    );
    expect(contentDisposition('50% "x" a\\b.pdf')).toBe(
      `attachment; filename="50_ _x_ a_b.pdf"; filename*=UTF-8''50%25%20%22x%22%20a%5Cb.pdf`,
    );
  });

  it('is one line of visible ASCII whatever the name, and the UTF-8 part decodes back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (name) => {
        const header = contentDisposition(name);
        expect(header).toMatch(/^[\x20-\x7E]+$/);
        const match =
          /^attachment; filename="([^"\\]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]*)$/.exec(header);
        expect(match).not.toBeNull();
        expect(decodeURIComponent(match?.[2] ?? '')).toBe(name.replace(LONE_SURROGATES, ''));
      }),
    );
  });
});
