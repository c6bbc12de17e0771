/**
 * Public tracking (tra cứu hồ sơ): anyone with the dossier code sees its progress, but the applicant's
 * personal data only when they are the applicant or prove the last four digits of the phone number or of
 * the ID number.
 */

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

function initial(word: string): string {
  const first = graphemes.segment(word)[Symbol.iterator]().next();
  return first.done ? '' : `${first.value.segment}.`;
}

/**
 * 'Nguyễn Văn An' → 'N. V. A.': the initials only. Codes are sequential and a plain lookup needs no proof, so
 * anyone can walk through a day's dossiers: the family name with the procedure and the agency (a commune's
 * birth or marriage registrations) would say too much, and so would the length of each word. Works on
 * grapheme clusters, so 'Ễ' is one letter whether it is one code point or several (the result is NFC).
 */
export function maskName(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .split(/\s+/u)
    .filter((w) => w !== '')
    .map(initial)
    .join(' ');
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
