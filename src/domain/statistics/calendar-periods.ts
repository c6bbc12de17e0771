/**
 * Calendar periods the dashboard shows, as Vietnam dates ('YYYY-MM-DD'). Pure: the caller passes today.
 * Shared by the server (which computes the dashboard) and the web app.
 */
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The Vietnam date (UTC+7, no daylight saving) of an instant. */
export const vnDate = (ms: number): string => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the week of `date` (weeks start on Monday in Vietnam). */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** The last `count` calendar months up to the one holding `today`, oldest first, the current one to today. */
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
