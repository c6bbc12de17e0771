// Report periods, Vietnam instants and the drill-down from a figure to the staff inbox. Pure functions.
import type { ReportGrouping } from '../../api/admin.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 00:00 in Vietnam on that date, as an ISO instant with offset (the list filters take these). */
export const vnStart = (date: string) => `${date}T00:00:00+07:00`;
/** 00:00 in Vietnam on the day after `date`: the exclusive end of an inclusive period. */
export const vnEndExclusive = (date: string) => vnStart(addDays(date, 1));

/** Monday of the week of `date` (weeks start on Monday in Vietnam). */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

export const presets = ['month', 'quarter', 'half', 'year'] as const;
export type Preset = (typeof presets)[number];

/**
 * The period of a preset that contains `today`. Calendar periods, or the reporting periods of NĐ 09/2019
 * (Art. 12): from the 15th of the month before the period's first month to the 14th of its last month —
 * so a month runs 15/11–14/12 and the year 15/12 of the year before to 14/12.
 */
export function presetRange(preset: Preset, today: string, official: boolean): { from: string; to: string } {
  let [y, m] = today.split('-').map(Number) as [number, number];
  const d = Number(today.slice(8, 10));
  if (official && d >= 15) {
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  let first: number;
  let last: number;
  switch (preset) {
    case 'month':
      first = last = m;
      break;
    case 'quarter':
      first = Math.floor((m - 1) / 3) * 3 + 1;
      last = first + 2;
      break;
    case 'half':
      first = m <= 6 ? 1 : 7;
      last = first + 5;
      break;
    case 'year':
      first = 1;
      last = 12;
      break;
  }
  if (!official) return { from: iso(y, first, 1), to: iso(y, last, lastDay(y, last)) };
  return { from: iso(y, first - 1, 15), to: iso(y, last, 14) };
}

/** The last `count` calendar months up to the one holding `today`, oldest first. */
export function lastMonths(today: string, count: number): { from: string; to: string; label: string }[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const out: { from: string; to: string; label: string }[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const date = new Date(Date.UTC(y, m - 1 - k, 1));
    const yy = date.getUTCFullYear();
    const mm = date.getUTCMonth() + 1;
    const to = iso(yy, mm, lastDay(yy, mm));
    out.push({ from: iso(yy, mm, 1), to: to > today ? today : to, label: `${pad(mm)}/${yy}` });
  }
  return out;
}

// ——— Drill-down ———

/** The statuses of a dossier received and not yet resolved (the report's "in progress"). */
export const inProgressStatuses = [
  'received',
  'processing',
  'supplement_requested',
  'financial_obligation',
  'withdrawal_requested',
] as const;

export type Figure =
  | 'received.total'
  | 'received.inPeriod'
  | 'received.online'
  | 'received.inPersonOrPostal'
  | 'received.inPerson'
  | 'received.postal'
  | 'received.carriedOver'
  | 'resolved.total'
  | 'resolved.early'
  | 'resolved.onTime'
  | 'resolved.late'
  | 'inProgress.total'
  | 'inProgress.withinDeadline'
  | 'inProgress.overdue'
  | 'other.refused'
  | 'other.withdrawn'
  | 'other.stopped';

/** Why a figure has no list behind it: a key under `rpt.noDrill`. */
export type NoDrill =
  'subtree' | 'group' | 'twoChannels' | 'carriedOver' | 'finished' | 'pastEnd' | 'noDueAfter';

export interface DrillContext {
  agency: string;
  from: string;
  to: string;
  /** The report covers agencies below `agency` too (and it has some). */
  widened: boolean;
  group?: { by: ReportGrouping; key: string } | undefined;
  today: string;
  /** The instant the report counted its stocks at (`PeriodReport.endsAt`): now, for a running period. */
  endsAt: string;
}

/**
 * The staff inbox listing exactly the dossiers behind a figure, with the filters of GET /api/v1/dossiers
 * (agency, status, channel, procedure, receivedFrom, receivedTo, dueBefore) as query parameters; or why the
 * list filters cannot express it (finished-in-period dates, the state at a past instant, several agencies…).
 */
export function drillDown(figure: Figure, ctx: DrillContext): { href: string } | { reason: NoDrill } {
  const params = new URLSearchParams({ tab: 'all' });
  if (ctx.group?.by === 'agency') params.set('agency', ctx.group.key);
  else if (ctx.widened) return { reason: 'subtree' };
  else params.set('agency', ctx.agency);
  if (ctx.group?.by === 'procedure') {
    if (!ctx.group.key) return { reason: 'group' };
    params.set('procedure', ctx.group.key);
  } else if (ctx.group && ctx.group.by !== 'agency') return { reason: 'group' };

  const received = () => {
    params.set('receivedFrom', vnStart(ctx.from));
    params.set('receivedTo', vnEndExclusive(ctx.to));
  };
  switch (figure) {
    case 'received.inPeriod':
      received();
      break;
    case 'received.online':
      received();
      params.set('channel', 'online');
      break;
    case 'received.inPerson':
      received();
      params.set('channel', 'in_person');
      break;
    case 'received.postal':
      received();
      params.set('channel', 'postal');
      break;
    case 'received.inPersonOrPostal':
      return { reason: 'twoChannels' };
    case 'received.total':
    case 'received.carriedOver':
      return { reason: 'carriedOver' };
    case 'resolved.total':
    case 'resolved.early':
    case 'resolved.onTime':
    case 'resolved.late':
    case 'other.refused':
    case 'other.withdrawn':
    case 'other.stopped':
      return { reason: 'finished' };
    case 'inProgress.total':
    case 'inProgress.overdue':
      // The list shows dossiers as they stand now: that is the state at the period's end only if it has not passed.
      if (ctx.to < ctx.today) return { reason: 'pastEnd' };
      for (const s of inProgressStatuses) params.append('status', s);
      params.set('receivedTo', vnEndExclusive(ctx.to));
      if (figure === 'inProgress.overdue') {
        // Overdue when the report counted: due before its end, which for a running period is the time it
        // was made (dueBefore is inclusive, hence the millisecond).
        const end = new Date(Date.parse(ctx.endsAt) - 1).toISOString();
        params.set('dueBefore', end);
      }
      break;
    case 'inProgress.withinDeadline':
      return { reason: 'noDueAfter' };
  }
  return { href: `/can-bo/ho-so?${params.toString()}` };
}
