/** dd/mm/yyyy from 'YYYY-MM-DD' (the calendar's dates are already in Vietnam time). */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** Amounts in đồng, grouped the Vietnamese way: 50.000 đ. */
export function formatMoney(amount: number): string {
  return `${new Intl.NumberFormat('vi-VN').format(amount)} đ`;
}

// Vietnam keeps UTC+7 all year (no daylight saving), so the wall clock is the instant shifted by 7 hours;
// this does not depend on the browser's time zone.
const VN_OFFSET_MS = 7 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

function vnParts(instant: string | number): Date | null {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return Number.isNaN(ms) ? null : new Date(ms + VN_OFFSET_MS);
}

/** 'dd/mm/yyyy' of an instant, in Vietnam. */
export function formatInstantDate(instant: string | number | null | undefined): string {
  if (instant === null || instant === undefined) return '—';
  const d = vnParts(instant);
  if (!d) return '—';
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** 'HH:mm dd/mm/yyyy' (24 h) of an instant, in Vietnam, as Vietnamese forms write it. */
export function formatDateTime(instant: string | number | null | undefined): string {
  if (instant === null || instant === undefined) return '—';
  const d = vnParts(instant);
  if (!d) return '—';
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} ${formatInstantDate(instant)}`;
}

/** The 'YYYY-MM-DD' of today in Vietnam. */
export function vnToday(now = Date.now()): string {
  const d = new Date(now + VN_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A `datetime-local` value ('YYYY-MM-DDTHH:mm'), read as Vietnam time, to an ISO instant with offset. */
export function vnLocalToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  return `${local}:00+07:00`;
}

/** An instant as a `datetime-local` value in Vietnam time. */
export function isoToVnLocal(instant: string | null | undefined): string {
  if (!instant) return '';
  const d = vnParts(instant);
  if (!d) return '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** File sizes the Vietnamese way: 1,5 MB; 820 KB. */
export function formatFileSize(bytes: number, language: string): string {
  const locale = language === 'en' ? 'en-US' : 'vi-VN';
  const fmt = (n: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${fmt(bytes / 1024)} KB`;
  return `${fmt(bytes / (1024 * 1024))} MB`;
}

export type DurationUnit = 'working_hours' | 'working_days' | 'calendar_days' | 'months';

/**
 * `text` cut to at most `max` characters at the end of a word, with an ellipsis; unchanged when it fits.
 * A name cut mid-word reads as another word (a CSS line clamp cuts wherever the line ends). A first word
 * longer than `max` is the one case cut inside a word, as nothing shorter would say anything.
 */
export function cutAtWord(text: string, max: number): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  if (clean.length <= max) return clean;
  const head = clean.slice(0, max);
  // The cut falls between words when the next character is a space.
  const end = clean[max] === ' ' ? max : head.lastIndexOf(' ');
  const kept = (end > 0 ? head.slice(0, end) : head).replace(/[\s,;:.–-]+$/u, '');
  return `${kept}…`;
}
