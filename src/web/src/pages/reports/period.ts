// Report periods, Vietnam instants and the drill-down from a figure to its list of dossiers. Pure functions.
import type { PeriodCell } from '../../../../domain/statistics/period-report.ts';
import type { ReportGrouping } from '../../api/reports.ts';

import { addDays, lastMonths, mondayOf } from '../../../../domain/statistics/calendar-periods.ts';

export { addDays, lastMonths, mondayOf };

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** 00:00 in Vietnam on that date, as an ISO instant with offset (the list filters take these). */
export const vnStart = (date: string) => `${date}T00:00:00+07:00`;
/** 00:00 in Vietnam on the day after `date`: the exclusive end of an inclusive period. */
export const vnEndExclusive = (date: string) => vnStart(addDays(date, 1));

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

// ——— Drill-down ———

export type Figure = PeriodCell;

export interface DrillContext {
  agency: string;
  from: string;
  to: string;
  /** The report was asked with the agencies below `agency`. */
  subtree: boolean;
  /** The row: a group of the grouped report; none for the total. */
  group?: { by: ReportGrouping; key: string } | undefined;
}

/**
 * The page listing exactly the dossiers behind a figure: the report's own query with the row and the
 * column, answered by GET /api/v1/reports/resolution/dossiers from the definitions the figure is counted by.
 */
export function drillHref(figure: Figure, ctx: DrillContext): string {
  const params = new URLSearchParams({ agency: ctx.agency, from: ctx.from, to: ctx.to });
  if (ctx.subtree) params.set('subtree', 'true');
  if (ctx.group) {
    params.set('groupBy', ctx.group.by);
    params.set('group', ctx.group.key);
  }
  params.set('cell', figure);
  return `/bao-cao/ho-so?${params.toString()}`;
}
