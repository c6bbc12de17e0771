-- The period report counts from the daily aggregates; its drill-down lists the dossiers behind each figure.
-- Both must use one definition of what a dossier contributes to which figure on which day, so that a list can
-- never drift from the number it explains. That definition moves out of motcua_stats_apply (0009) into a
-- function of its own, which the aggregates' triggers and the drill-down both call; the rules are unchanged.
CREATE OR REPLACE FUNCTION motcua_stat_contributions(changes jsonb)
RETURNS TABLE (agency_id int, procedure_id int, channel dossier_channel, day date, received int,
               resolved_early int, resolved_on_time int, resolved_late int, refused int, withdrawn int, stopped int)
LANGUAGE sql STABLE AS $$
  WITH d AS (
    SELECT (c->>'agency_id')::int AS agency_id, (c->>'procedure_id')::int AS procedure_id,
           (c->>'channel')::dossier_channel AS channel, (c->>'received_at')::timestamptz AS received_at,
           (c->>'due_at')::timestamptz AS due_at, (c->>'finished_at')::timestamptz AS finished_at,
           c->>'kind' AS kind, (c->>'late')::boolean AS late, (c->>'sign')::int AS sign
      FROM jsonb_array_elements(changes) c
  )
  SELECT agency_id, procedure_id, channel, motcua_vn_day(received_at) AS day, sign AS received,
         0, 0, 0, 0, 0, 0
    FROM d WHERE kind <> 'refused' AND received_at IS NOT NULL
  UNION ALL
  SELECT agency_id, procedure_id, channel, motcua_vn_day(finished_at), 0,
         CASE WHEN kind = 'resolved' AND NOT late AND motcua_vn_day(finished_at) < motcua_vn_day(due_at) THEN sign ELSE 0 END,
         CASE WHEN kind = 'resolved' AND NOT late AND (due_at IS NULL OR motcua_vn_day(finished_at) = motcua_vn_day(due_at)) THEN sign ELSE 0 END,
         CASE WHEN kind = 'resolved' AND (late OR motcua_vn_day(finished_at) > motcua_vn_day(due_at)) THEN sign ELSE 0 END,
         CASE WHEN kind = 'refused' THEN sign ELSE 0 END,
         CASE WHEN kind = 'withdrawn' AND received_at IS NOT NULL THEN sign ELSE 0 END,
         CASE WHEN kind = 'stopped' AND received_at IS NOT NULL THEN sign ELSE 0 END
    FROM d WHERE finished_at IS NOT NULL AND kind <> 'open'
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION motcua_stats_apply(changes jsonb) RETURNS void LANGUAGE sql AS $$
  WITH per_procedure AS (
    SELECT agency_id, procedure_id, day, channel, sum(received)::int AS received,
           sum(resolved_early)::int AS resolved_early, sum(resolved_on_time)::int AS resolved_on_time,
           sum(resolved_late)::int AS resolved_late, sum(refused)::int AS refused,
           sum(withdrawn)::int AS withdrawn, sum(stopped)::int AS stopped
      FROM motcua_stat_contributions(changes) GROUP BY agency_id, procedure_id, day, channel
  ), changed AS (
    SELECT * FROM per_procedure
     WHERE received <> 0 OR resolved_early <> 0 OR resolved_on_time <> 0 OR resolved_late <> 0
        OR refused <> 0 OR withdrawn <> 0 OR stopped <> 0
  ), written AS (
    INSERT INTO stats_daily AS s SELECT * FROM changed
    ON CONFLICT (agency_id, procedure_id, day, channel) DO UPDATE SET
      received = s.received + excluded.received,
      resolved_early = s.resolved_early + excluded.resolved_early,
      resolved_on_time = s.resolved_on_time + excluded.resolved_on_time,
      resolved_late = s.resolved_late + excluded.resolved_late,
      refused = s.refused + excluded.refused,
      withdrawn = s.withdrawn + excluded.withdrawn,
      stopped = s.stopped + excluded.stopped
    RETURNING 1
  )
  INSERT INTO stats_agency_daily AS s
  SELECT agency_id, day, channel, sum(received)::int, sum(resolved_early)::int, sum(resolved_on_time)::int,
         sum(resolved_late)::int, sum(refused)::int, sum(withdrawn)::int, sum(stopped)::int
    FROM changed GROUP BY agency_id, day, channel
  ON CONFLICT (agency_id, day, channel) DO UPDATE SET
    received = s.received + excluded.received,
    resolved_early = s.resolved_early + excluded.resolved_early,
    resolved_on_time = s.resolved_on_time + excluded.resolved_on_time,
    resolved_late = s.resolved_late + excluded.resolved_late,
    refused = s.refused + excluded.refused,
    withdrawn = s.withdrawn + excluded.withdrawn,
    stopped = s.stopped + excluded.stopped;
$$;
