/**
 * The period report (Biểu 06/VPCP/KSTT): its shape, the period rules, and the figures derived from the
 * counts the database returns. Pure: the caller passes the counts.
 */
import { fieldName } from '../field-labels.ts';
import { AppError } from '../errors.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
/** Reports cover at most twenty years (history kept online is ten). */
export const MAX_PERIOD_YEARS = 20;

export interface Period {
  from: string;
  to: string;
  /** 00:00 in Vietnam on `from`. */
  start: number;
  /**
   * The earlier of 00:00 in Vietnam on the day after `to` and `now` (the period is [start, end)), never
   * before `start`. Stocks are counted at this instant: a period that has not ended yet (this month, this
   * year) is counted as of now, so a dossier in progress is overdue only if its due time has passed, not
   * because it will be late by the 31st of December.
   */
  end: number;
  /** `end` is `now`: the period had not ended when the report was made. */
  ongoing: boolean;
}

function vnMidnight(date: string, field: string): number {
  const m = DATE.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date)
    throw new AppError('VALIDATION_FAILED', {
      field,
      vi: `${fieldName(field).vi} phải là ngày dạng YYYY-MM-DD.`,
      en: `${fieldName(field).en} must be a date as YYYY-MM-DD.`,
    });
  return ms - VN_OFFSET_MS;
}

/**
 * Inclusive Vietnam dates to the instants that bound them, the end cut at `now` (see `Period.end`);
 * refuses reversed and over-long periods.
 */
export function periodOf(from: string, to: string, now: number): Period {
  const start = vnMidnight(from, 'from');
  const end = vnMidnight(to, 'to') + DAY_MS;
  if (end <= start)
    throw new AppError('VALIDATION_FAILED', {
      field: 'to',
      vi: 'Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.',
      en: 'The end date must not be before the start date.',
    });
  if (end - start > MAX_PERIOD_YEARS * 366 * DAY_MS)
    throw new AppError('VALIDATION_FAILED', {
      field: 'to',
      vi: `Kỳ báo cáo không được dài quá ${MAX_PERIOD_YEARS} năm.`,
      en: `A report period may not exceed ${MAX_PERIOD_YEARS} years.`,
    });
  if (now >= end) return { from, to, start, end, ongoing: false };
  return { from, to, start, end: Math.max(start, now), ongoing: true };
}

/** What the database counts: flows in the period (per channel) and stocks at its two ends. */
export interface PeriodCounts {
  receivedOnline: number;
  receivedInPerson: number;
  receivedPostal: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  refused: number;
  withdrawn: number;
  stopped: number;
  /** Received before the start and still open at it. */
  carriedOver: number;
  /** Received before the end and still open at it. */
  openAtEnd: number;
  /** Of those, due before the end. */
  overdueAtEnd: number;
}

export const emptyCounts = (): PeriodCounts => ({
  receivedOnline: 0,
  receivedInPerson: 0,
  receivedPostal: 0,
  resolvedEarly: 0,
  resolvedOnTime: 0,
  resolvedLate: 0,
  refused: 0,
  withdrawn: 0,
  stopped: 0,
  carriedOver: 0,
  openAtEnd: 0,
  overdueAtEnd: 0,
});

export interface PeriodFigures {
  received: {
    total: number;
    inPeriod: number;
    online: number;
    inPersonOrPostal: number;
    inPerson: number;
    postal: number;
    carriedOver: number;
  };
  resolved: { total: number; early: number; onTime: number; late: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
  other: { refused: number; withdrawn: number; stopped: number };
  /** Shares in [0, 1] rounded to 4 places; null when there is nothing to divide by. */
  rates: { onlineShare: number | null; onTimeShare: number | null };
}

const share = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

export function figuresOf(c: PeriodCounts): PeriodFigures {
  const inPeriod = c.receivedOnline + c.receivedInPerson + c.receivedPostal;
  const resolved = c.resolvedEarly + c.resolvedOnTime + c.resolvedLate;
  return {
    received: {
      total: inPeriod + c.carriedOver,
      inPeriod,
      online: c.receivedOnline,
      inPersonOrPostal: c.receivedInPerson + c.receivedPostal,
      inPerson: c.receivedInPerson,
      postal: c.receivedPostal,
      carriedOver: c.carriedOver,
    },
    resolved: { total: resolved, early: c.resolvedEarly, onTime: c.resolvedOnTime, late: c.resolvedLate },
    inProgress: {
      total: c.openAtEnd,
      withinDeadline: c.openAtEnd - c.overdueAtEnd,
      overdue: c.overdueAtEnd,
    },
    other: { refused: c.refused, withdrawn: c.withdrawn, stopped: c.stopped },
    rates: {
      onlineShare: share(c.receivedOnline, inPeriod),
      onTimeShare: share(c.resolvedEarly + c.resolvedOnTime, resolved),
    },
  };
}

/**
 * The report's own check: every dossier open at the start or received in the period was, at the end,
 * resolved, withdrawn, stopped, or still in progress. Refused dossiers were never received.
 */
export function addsUp(f: PeriodFigures): boolean {
  return f.received.total === f.resolved.total + f.other.withdrawn + f.other.stopped + f.inProgress.total;
}

/** The definitions printed under the report (vi / en). */
export const definitions = {
  vi: [
    'Số mới tiếp nhận: hồ sơ được tiếp nhận (hợp lệ) từ 00:00 ngày đầu kỳ đến 24:00 ngày cuối kỳ, giờ Việt Nam.',
    'Số từ kỳ trước chuyển qua: hồ sơ tiếp nhận trước ngày đầu kỳ và chưa giải quyết xong vào 00:00 ngày đầu kỳ.',
    'Đã giải quyết: hồ sơ có kết quả trong kỳ; trước hạn nếu có kết quả trước ngày hẹn trả, đúng hạn nếu đúng ngày hẹn trả, quá hạn nếu sau ngày hẹn trả hoặc đã yêu cầu bổ sung quá một lần hoặc đã hẹn lại ngày trả.',
    'Đang giải quyết: hồ sơ đã tiếp nhận và chưa có kết quả vào 24:00 ngày cuối kỳ, hoặc vào thời điểm lập báo cáo nếu kỳ chưa kết thúc; quá hạn nếu thời hạn giải quyết đã qua vào thời điểm đó.',
    'Từ chối tiếp nhận, rút hồ sơ và dừng xử lý trong kỳ được thống kê riêng; hồ sơ bị từ chối không tính là đã tiếp nhận.',
    'Tổng số tiếp nhận = đã giải quyết + rút hồ sơ + dừng xử lý + đang giải quyết.',
  ],
  en: [
    'Received in period: dossiers validly received from 00:00 on the first day to 24:00 on the last day, Vietnam time.',
    'Carried over: received before the first day and still open at 00:00 on it.',
    'Resolved: result issued in the period; early if before the appointment date, on time on that date, late after it or when more than one supplement was requested or the appointment was reset.',
    'In progress: received and without a result at 24:00 on the last day, or when the report is made if the period has not ended; overdue if the due time had passed by then.',
    'Refused, withdrawn and stopped dossiers of the period are counted apart; refused dossiers were never received.',
    'Total received = resolved + withdrawn + stopped + in progress.',
  ],
} as const;

// ——— Cells and their drill-down ———

/** Every figure of the report a reader can ask "which dossiers?" of (the columns of Biểu 06 and the channels). */
export const periodCells = [
  'received.total',
  'received.inPeriod',
  'received.online',
  'received.inPersonOrPostal',
  'received.inPerson',
  'received.postal',
  'received.carriedOver',
  'resolved.total',
  'resolved.early',
  'resolved.onTime',
  'resolved.late',
  'inProgress.total',
  'inProgress.withinDeadline',
  'inProgress.overdue',
  'other.refused',
  'other.withdrawn',
  'other.stopped',
] as const;
export type PeriodCell = (typeof periodCells)[number];

export type StatChannel = 'online' | 'in_person' | 'postal';

/**
 * What a cell is made of: flows (a column of the daily aggregates, as the statistics triggers compute each
 * dossier's contribution, on a day of the period, optionally of some channels) and stocks (open at the start;
 * open at the end within or past the deadline). The parts of a cell never share a dossier.
 */
export type CellPart =
  | {
      flow:
        | 'received'
        | 'resolved_early'
        | 'resolved_on_time'
        | 'resolved_late'
        | 'refused'
        | 'withdrawn'
        | 'stopped';
      channels?: readonly StatChannel[];
    }
  | { stock: 'carriedOver' | 'openWithinDeadline' | 'openOverdue' };

const resolvedParts: CellPart[] = [
  { flow: 'resolved_early' },
  { flow: 'resolved_on_time' },
  { flow: 'resolved_late' },
];
const openParts: CellPart[] = [{ stock: 'openWithinDeadline' }, { stock: 'openOverdue' }];

export const cellParts: Record<PeriodCell, readonly CellPart[]> = {
  'received.total': [{ flow: 'received' }, { stock: 'carriedOver' }],
  'received.inPeriod': [{ flow: 'received' }],
  'received.online': [{ flow: 'received', channels: ['online'] }],
  'received.inPersonOrPostal': [{ flow: 'received', channels: ['in_person', 'postal'] }],
  'received.inPerson': [{ flow: 'received', channels: ['in_person'] }],
  'received.postal': [{ flow: 'received', channels: ['postal'] }],
  'received.carriedOver': [{ stock: 'carriedOver' }],
  'resolved.total': resolvedParts,
  'resolved.early': [{ flow: 'resolved_early' }],
  'resolved.onTime': [{ flow: 'resolved_on_time' }],
  'resolved.late': [{ flow: 'resolved_late' }],
  'inProgress.total': openParts,
  'inProgress.withinDeadline': [{ stock: 'openWithinDeadline' }],
  'inProgress.overdue': [{ stock: 'openOverdue' }],
  'other.refused': [{ flow: 'refused' }],
  'other.withdrawn': [{ flow: 'withdrawn' }],
  'other.stopped': [{ flow: 'stopped' }],
};

/** The number a cell shows in the report. */
export function cellValue(f: PeriodFigures, cell: PeriodCell): number {
  const [section, name] = cell.split('.') as [keyof PeriodFigures, string];
  return (f[section] as unknown as Record<string, number>)[name]!;
}
