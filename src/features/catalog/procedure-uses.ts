import { sql, type SQL } from 'drizzle-orm';

/**
 * Dossiers received per procedure in the 365 days before `day` (`procedure_id`, `uses`), from the daily
 * statistics the triggers keep (imported history included): the browse order's "most used first". Read
 * once per search snapshot, i.e. at most once a day and after each catalog change, never per request from
 * the dossiers; today is left out so that a snapshot built in the morning and PostgreSQL agree all day.
 */
export function usesBefore(day: string): SQL {
  return sql`SELECT procedure_id, sum(received)::int AS uses
               FROM stats_daily
              WHERE day >= ${day}::date - 365 AND day < ${day}::date
              GROUP BY procedure_id`;
}
