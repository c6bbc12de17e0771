/**
 * Identifier formats used across the system. Pure checks, shared by the API and the web app.
 */

// Province codes that open a 12-digit personal ID number (Thông tư 59/2021/TT-BCA, Appendix I).
// They stay valid after the 2025 province mergers: numbers already issued keep their prefix.
const PROVINCE_CODES = new Set([
  '001',
  '002',
  '004',
  '006',
  '008',
  '010',
  '011',
  '012',
  '014',
  '015',
  '017',
  '019',
  '020',
  '022',
  '024',
  '025',
  '026',
  '027',
  '030',
  '031',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '040',
  '042',
  '044',
  '045',
  '046',
  '048',
  '049',
  '051',
  '052',
  '054',
  '056',
  '058',
  '060',
  '062',
  '064',
  '066',
  '067',
  '068',
  '070',
  '072',
  '074',
  '075',
  '077',
  '079',
  '080',
  '082',
  '083',
  '084',
  '086',
  '087',
  '089',
  '091',
  '092',
  '093',
  '094',
  '095',
  '096',
]);

/** 12 digits: province of birth registration (3), century and sex (1), year of birth (2), serial (6). */
export function isValidPersonalId(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  if (!PROVINCE_CODES.has(value.slice(0, 3))) return false;
  // Digit 4 encodes century and sex: 0/1 = 20th, 2/3 = 21st, 4/5 = 22nd, 6/7 = 23rd, 8/9 = 24th.
  return true;
}

/** Enterprise tax code: 10 digits, or 10 digits and a 3-digit branch suffix. */
export function isValidTaxCode(value: string): boolean {
  return /^\d{10}(-\d{3})?$/.test(value);
}

/** QCVN 102:2016/BTTTT agency identifier, e.g. 000.00.12.H18 (level-1 code last). */
export function isValidAgencyCode(value: string): boolean {
  return /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/.test(value);
}

/** Normalises a Vietnamese phone number to 0xxxxxxxxx; returns undefined when it is not one. */
export function normalisePhone(value: string): string | undefined {
  const compact = value.replace(/[\s.()-]/g, '');
  const national = compact.startsWith('+84')
    ? '0' + compact.slice(3)
    : compact.startsWith('84') && compact.length === 11
      ? '0' + compact.slice(2)
      : compact;
  // Mobile numbers have 10 digits, fixed lines 11 (0 + 2-digit area + 8 digits).
  return /^0\d{9,10}$/.test(national) ? national : undefined;
}

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}
