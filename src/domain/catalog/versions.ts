/**
 * Version life cycle of a procedure: draft → published (effective from a date) → superseded when a later
 * published version takes effect. Only `draft` and `published` are stored; whether a published version is
 * scheduled, in force or superseded depends on the day, so it is derived here from `today` (pass it in).
 */
const VN_OFFSET_MS = 7 * 3600 * 1000;

/** The date in Vietnam (UTC+7, no daylight saving) at an instant, as YYYY-MM-DD. */
export function vnToday(now: Date | number): string {
  const ms = typeof now === 'number' ? now : now.getTime();
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export type StoredStatus = 'draft' | 'published';
export type VersionStatus = 'draft' | 'scheduled' | 'in_force' | 'superseded';

export interface VersionDates {
  status: StoredStatus;
  effectiveFrom: string | null;
  /** The effective date of the next published version, if any. */
  effectiveTo: string | null;
}

export function statusOn(version: VersionDates, today: string): VersionStatus {
  if (version.status === 'draft' || version.effectiveFrom === null) return 'draft';
  if (version.effectiveFrom > today) return 'scheduled';
  if (version.effectiveTo !== null && version.effectiveTo <= today) return 'superseded';
  return 'in_force';
}

/** The version in force on a day: the newest published one whose effective date is not after that day. */
export function inForce<T extends VersionDates>(versions: readonly T[], today: string): T | undefined {
  let best: T | undefined;
  for (const v of versions) {
    if (v.status !== 'published' || v.effectiveFrom === null || v.effectiveFrom > today) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom!) best = v;
  }
  return best;
}

/**
 * Where a new publication goes in the timeline of published versions. The version before it ends on
 * the new date; the new one ends where the next (already scheduled) one starts. Two versions cannot take
 * effect on the same day.
 */
export function placeInTimeline(
  published: readonly { id: number; effectiveFrom: string }[],
  effectiveFrom: string,
): { clash: boolean; previousId: number | undefined; effectiveTo: string | null } {
  const sorted = [...published].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  if (sorted.some((v) => v.effectiveFrom === effectiveFrom)) {
    return { clash: true, previousId: undefined, effectiveTo: null };
  }
  const before = sorted.filter((v) => v.effectiveFrom < effectiveFrom).at(-1);
  const after = sorted.find((v) => v.effectiveFrom > effectiveFrom);
  return { clash: false, previousId: before?.id, effectiveTo: after?.effectiveFrom ?? null };
}

/** A valid calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}
