/** Shares and percentages as the reports print them. Pure. */

/** part ÷ whole in [0, 1] rounded to 4 places (0.9322 = 93.22%); null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** "93,22%" (vi, decimal comma) or "93.22%" (en); "–" for null. At most two decimals, trailing zeros dropped. */
export function percentText(rate: number | null, lang: 'vi' | 'en' = 'vi'): string {
  if (rate === null) return '–';
  const text = String(Math.round(rate * 10_000) / 100);
  return `${lang === 'vi' ? text.replace('.', ',') : text}%`;
}

/** Points with two decimals (half away from zero), so that a table of them adds up as printed. */
export function roundPoints(points: number): number {
  return Math.round((points + Number.EPSILON) * 100) / 100;
}
