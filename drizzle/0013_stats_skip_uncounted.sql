-- The statistics triggers (0009) ran motcua_stats_apply on every insert and update of dossiers. It is a SQL
-- function, planned anew at each call, and most statements change no figure at all: a new dossier is not yet
-- received, and most actions leave what the statistics see of a dossier as it was. Those statements now
-- return at once; the others do exactly what they did.
CREATE OR REPLACE FUNCTION motcua_dossiers_stats_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- A dossier counts once received or finished (motcua_dossier_stat_row): finished means one of these statuses.
  IF EXISTS (SELECT 1 FROM new_rows
              WHERE received_at IS NOT NULL OR status IN ('resolved', 'returned', 'stopped', 'refused')) THEN
    PERFORM motcua_stats_apply((SELECT coalesce(jsonb_agg(motcua_dossier_stat_row(n, 1)), '[]') FROM new_rows n));
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION motcua_dossiers_stats_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n FULL JOIN old_rows o ON o.id = n.id
              WHERE n.id IS NULL OR o.id IS NULL
                 OR motcua_dossier_stat_row(n, 1) IS DISTINCT FROM motcua_dossier_stat_row(o, 1)) THEN
    PERFORM motcua_stats_apply((
      SELECT coalesce(jsonb_agg(x), '[]') FROM (
        SELECT motcua_dossier_stat_row(n, 1) AS x FROM new_rows n
        UNION ALL
        SELECT motcua_dossier_stat_row(o, -1) FROM old_rows o) changes));
  END IF;
  RETURN NULL;
END $$;
