import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../domain/errors.ts';

export const MIN_PASSWORD_LENGTH = 10;

// Common passwords (NIST SP 800-63B §5.1.1.2: check new passwords against a list of known ones) from the
// list zxcvbn-ts ships (about 49,000 from public breaches), plus Vietnamese ones that list lacks.
const vietnamese = [
  'matkhau',
  'matkhau123',
  'matkhaumoi',
  'anhyeuem',
  'emyeuanh',
  'yeuemnhieu',
  'iloveyou',
  'vietnam',
  'hanoi',
  'saigon',
  'dongthap',
  'motcua',
  'dichvucong',
  'abc123456',
];
// About 70 ms at start-up (the package decompresses its list when loaded) and 5 MB.
const common = new Set([...dictionary['passwords-common'], ...vietnamese]);

const letters = /[\p{L}]/u;
const edges = /^[^\p{L}]+|[^\p{L}]+$/gu;

/** 'abcdefghij', '0123456789', '9876543210': every character one code point from the last, in one direction. */
function isRun(chars: string[]): boolean {
  const step = chars[1]!.codePointAt(0)! - chars[0]!.codePointAt(0)!;
  if (Math.abs(step) !== 1) return false;
  return chars.every((c, i) => i === 0 || c.codePointAt(0)! - chars[i - 1]!.codePointAt(0)! === step);
}

function weak(field: string, vi: string, en: string): AppError {
  return new AppError('WEAK_PASSWORD', { field, vi, en });
}

/**
 * A new password: at least 10 characters, not a common password (also once the digits and signs around a
 * word are taken off: 'Password123!' is 'password'), not a run or a repetition of a few characters, and not
 * containing the account's own login name, personal ID number, tax code, phone number or email address.
 * `personal` holds those values (missing ones as null).
 */
export function checkPassword(
  password: string,
  personal: readonly (string | null | undefined)[],
  field = 'password',
): void {
  const chars = [...password.normalize('NFC')];
  if (chars.length < MIN_PASSWORD_LENGTH) throw new AppError('WEAK_PASSWORD', { field });
  const lower = password.normalize('NFC').toLowerCase();
  const word = letters.test(lower) ? lower.replace(edges, '') : '';
  if (common.has(lower) || (word !== '' && common.has(word))) {
    throw weak(
      field,
      'Mật khẩu này quá phổ biến, dễ bị đoán. Vui lòng chọn mật khẩu khác.',
      'This password is too common and easy to guess. Please choose another one.',
    );
  }
  if (new Set(chars).size < 4 || isRun(chars)) {
    throw weak(
      field,
      'Mật khẩu quá đơn giản (lặp lại hoặc liên tiếp các ký tự). Vui lòng chọn mật khẩu khác.',
      'The password is too simple (repeated or consecutive characters). Please choose another one.',
    );
  }
  for (const value of personal) {
    const own = value?.normalize('NFC').toLowerCase().trim();
    if (!own) continue;
    const parts = own.includes('@') ? [own, own.slice(0, own.indexOf('@'))] : [own];
    if (parts.some((p) => lower === p || (p.length >= 5 && lower.includes(p)))) {
      throw weak(
        field,
        'Mật khẩu không được chứa tên đăng nhập, số định danh, mã số thuế, số điện thoại hoặc thư điện tử.',
        'The password must not contain the login name, ID number, tax code, phone number or email address.',
      );
    }
  }
}
