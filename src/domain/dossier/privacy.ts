/**
 * Public tracking (tra cứu hồ sơ): anyone with the dossier code sees its progress, but the applicant's
 * personal data only when they are the applicant or prove the last four digits of the phone number or of
 * the ID number.
 */

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

function maskWord(word: string): string {
  const parts = Array.from(graphemes.segment(word), (s) => s.segment);
  return parts.length === 0 ? '' : parts[0] + '*'.repeat(parts.length - 1);
}

/**
 * 'Nguyễn Văn An' → 'Nguyễn V** A*': the first word (the family name) stays, every other word keeps its
 * first letter and each further letter becomes '*'. Works on grapheme clusters, so 'ễ' counts as one letter
 * whether it is one code point or several (the result is NFC). A one-word name keeps only its first letter.
 */
export function maskName(name: string): string {
  const words = name
    .normalize('NFC')
    .trim()
    .split(/\s+/u)
    .filter((w) => w !== '');
  if (words.length === 0) return '';
  if (words.length === 1) return maskWord(words[0]!);
  return [words[0]!, ...words.slice(1).map(maskWord)].join(' ');
}

export interface ApplicantPersonalData {
  /** Account id when the applicant has one. */
  userId?: string | null;
  name: string;
  phone?: string | null;
  personalId?: string | null;
  email?: string | null;
  address?: string | null;
}

export interface TrackingViewer {
  /** The logged-in user's id, if any. */
  userId?: string | null;
  /** Last four digits of the phone number or of the ID number, as typed by the viewer. */
  lastFour?: string | null;
}

export type PublicTrackingView<T extends { applicant: ApplicantPersonalData }> = Omit<T, 'applicant'> & {
  applicant: { name: string };
  /** false: personal data was removed and the name masked. */
  personalData: boolean;
};

function lastFourDigits(value: string | null | undefined): string | undefined {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : undefined;
}

/** Whether the viewer may see the applicant's personal data. */
export function mayViewPersonalData(applicant: ApplicantPersonalData, viewer: TrackingViewer): boolean {
  if (applicant.userId && viewer.userId && applicant.userId === viewer.userId) return true;
  const proof = viewer.lastFour?.trim();
  if (!proof || !/^\d{4}$/.test(proof)) return false;
  return proof === lastFourDigits(applicant.phone) || proof === lastFourDigits(applicant.personalId);
}

/** The view with the applicant's personal data, or with only the masked name. */
export function trackingView<T extends { applicant: ApplicantPersonalData }>(
  view: T,
  viewer: TrackingViewer,
): PublicTrackingView<T> {
  if (mayViewPersonalData(view.applicant, viewer)) return { ...view, personalData: true };
  return { ...view, applicant: { name: maskName(view.applicant.name) }, personalData: false };
}
