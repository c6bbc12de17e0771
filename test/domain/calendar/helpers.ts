import { CalendarError } from '../../../src/domain/calendar/index.ts';

/** Epoch ms of an ISO instant with an explicit offset, via the platform parser (independent of ours). */
export function at(iso: string): number {
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(iso)) throw new Error(`test instant without offset: ${iso}`);
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad test instant: ${iso}`);
  return ms;
}

/** Vietnam wall-clock string of an instant, via UTC getters on the shifted value. */
export function vn(ms: number): string {
  const d = new Date(ms + 7 * 3_600_000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** Every date of a year as 'YYYY-MM-DD' with its weekday (0 = Sunday), from UTC arithmetic. */
export function datesOfYear(year: number): { date: string; weekday: number }[] {
  const result: { date: string; weekday: number }[] = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    result.push({ date: new Date(t).toISOString().slice(0, 10), weekday: new Date(t).getUTCDay() });
  }
  return result;
}

/** The CalendarError code a call throws (fails the test when it throws anything else or nothing). */
export function errorOf(fn: () => unknown): { code: string; field: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof CalendarError) {
      if (!error.message || !error.message_en)
        throw new Error('CalendarError without messages', { cause: error });
      return { code: error.code, field: error.field };
    }
    throw error;
  }
  throw new Error('expected a CalendarError, nothing was thrown');
}
