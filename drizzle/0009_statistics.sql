-- GiST indexes on (agency, time range) need btree_gist for the integer column (a trusted extension).
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE TYPE "public"."history_outcome" AS ENUM('resolved', 'refused', 'withdrawn', 'stopped', 'open');--> statement-breakpoint
CREATE TABLE "dossier_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dossier_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"agency_id" integer NOT NULL,
	"procedure_id" integer NOT NULL,
	"channel" "dossier_channel" NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"outcome" "history_outcome" NOT NULL,
	"supplement_requests" smallint DEFAULT 0 NOT NULL,
	"paid_online" boolean DEFAULT false NOT NULL,
	"applicant_name" text,
	"import_id" uuid NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_agency_daily" (
	"agency_id" integer NOT NULL,
	"day" date NOT NULL,
	"channel" "dossier_channel" NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"resolved_early" integer DEFAULT 0 NOT NULL,
	"resolved_on_time" integer DEFAULT 0 NOT NULL,
	"resolved_late" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"withdrawn" integer DEFAULT 0 NOT NULL,
	"stopped" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_agency_daily_agency_id_day_channel_pk" PRIMARY KEY("agency_id","day","channel")
);
--> statement-breakpoint
CREATE TABLE "stats_daily" (
	"agency_id" integer NOT NULL,
	"procedure_id" integer NOT NULL,
	"day" date NOT NULL,
	"channel" "dossier_channel" NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"resolved_early" integer DEFAULT 0 NOT NULL,
	"resolved_on_time" integer DEFAULT 0 NOT NULL,
	"resolved_late" integer DEFAULT 0 NOT NULL,
	"refused" integer DEFAULT 0 NOT NULL,
	"withdrawn" integer DEFAULT 0 NOT NULL,
	"stopped" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "stats_daily_agency_id_procedure_id_day_channel_pk" PRIMARY KEY("agency_id","procedure_id","day","channel")
);
--> statement-breakpoint
ALTER TABLE "dossier_history" ADD CONSTRAINT "dossier_history_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_history" ADD CONSTRAINT "dossier_history_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_history_code_key" ON "dossier_history" USING btree ("code");--> statement-breakpoint
CREATE INDEX "dossier_history_open_idx" ON "dossier_history" USING gist ("agency_id",tstzrange("received_at", coalesce("finished_at", 'infinity'))) WHERE "dossier_history"."outcome" <> 'refused';--> statement-breakpoint
CREATE INDEX "stats_daily_day_idx" ON "stats_daily" USING btree ("day","agency_id");--> statement-breakpoint
CREATE INDEX "dossiers_open_idx" ON "dossiers" USING gist ("agency_id",tstzrange("received_at", coalesce("resolved_at", "closed_at", 'infinity'))) WHERE "dossiers"."received_at" is not null;--> statement-breakpoint
-- The date in Vietnam (UTC+7, no daylight saving) of an instant, whatever the server's time zone.
CREATE OR REPLACE FUNCTION motcua_vn_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ((t AT TIME ZONE 'UTC') + interval '7 hours')::date $$;
--> statement-breakpoint
-- Adds the statistics contributions of a set of dossiers (normalised by the callers, sign +1 or -1) to the
-- daily tables. A dossier contributes "received" on the day it was received (unless it was refused, which
-- means never received), and on the day it finished: resolved early / on time / late (the calendar
-- engine's rule: by date; more than one supplement request or a reset appointment is late), refused,
-- withdrawn or stopped. Rows whose contributions cancel out are not written.
CREATE OR REPLACE FUNCTION motcua_stats_apply(changes jsonb) RETURNS void LANGUAGE sql AS $$
  WITH d AS (
    SELECT (c->>'agency_id')::int AS agency_id, (c->>'procedure_id')::int AS procedure_id,
           (c->>'channel')::dossier_channel AS channel, (c->>'received_at')::timestamptz AS received_at,
           (c->>'due_at')::timestamptz AS due_at, (c->>'finished_at')::timestamptz AS finished_at,
           c->>'kind' AS kind, (c->>'late')::boolean AS late, (c->>'sign')::int AS sign
      FROM jsonb_array_elements(changes) c
  ), contributions AS (
    SELECT agency_id, procedure_id, channel, motcua_vn_day(received_at) AS day, sign AS received,
           0 AS resolved_early, 0 AS resolved_on_time, 0 AS resolved_late, 0 AS refused, 0 AS withdrawn, 0 AS stopped
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
  ), per_procedure AS (
    SELECT agency_id, procedure_id, day, channel, sum(received)::int AS received,
           sum(resolved_early)::int AS resolved_early, sum(resolved_on_time)::int AS resolved_on_time,
           sum(resolved_late)::int AS resolved_late, sum(refused)::int AS refused,
           sum(withdrawn)::int AS withdrawn, sum(stopped)::int AS stopped
      FROM contributions GROUP BY agency_id, procedure_id, day, channel
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
--> statement-breakpoint
-- A dossier as the statistics see it.
CREATE OR REPLACE FUNCTION motcua_dossier_stat_row(d dossiers, sign int) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'agency_id', d.agency_id, 'procedure_id', d.procedure_id, 'channel', d.channel,
    'received_at', d.received_at, 'due_at', d.due_at,
    'finished_at', CASE WHEN d.status IN ('resolved', 'returned') THEN d.resolved_at
                        WHEN d.status IN ('stopped', 'refused') THEN d.closed_at END,
    'kind', CASE WHEN d.status IN ('resolved', 'returned') THEN 'resolved'
                 WHEN d.status = 'refused' THEN 'refused'
                 WHEN d.status = 'stopped' THEN
                   CASE WHEN d.state->>'stopReason' = 'withdrawal' THEN 'withdrawn' ELSE 'stopped' END
                 ELSE 'open' END,
    'late', coalesce((d.state->>'supplementRequests')::int, 0) > 1 OR jsonb_typeof(d.state->'reschedule') = 'object',
    'sign', sign)
$$;
--> statement-breakpoint
-- Statement-level triggers with transition tables: a bulk change is aggregated once, not row by row.
CREATE OR REPLACE FUNCTION motcua_dossiers_stats_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM motcua_stats_apply((SELECT coalesce(jsonb_agg(motcua_dossier_stat_row(n, 1)), '[]') FROM new_rows n));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION motcua_dossiers_stats_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM motcua_stats_apply((
    SELECT coalesce(jsonb_agg(x), '[]') FROM (
      SELECT motcua_dossier_stat_row(n, 1) AS x FROM new_rows n
      UNION ALL
      SELECT motcua_dossier_stat_row(o, -1) FROM old_rows o) changes));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dossiers_stats_insert AFTER INSERT ON dossiers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION motcua_dossiers_stats_insert();
--> statement-breakpoint
CREATE TRIGGER dossiers_stats_update AFTER UPDATE ON dossiers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION motcua_dossiers_stats_update();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION motcua_history_stat_row(h dossier_history, sign int) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'agency_id', h.agency_id, 'procedure_id', h.procedure_id, 'channel', h.channel,
    'received_at', h.received_at, 'due_at', h.due_at,
    'finished_at', CASE WHEN h.outcome = 'open' THEN NULL ELSE h.finished_at END,
    'kind', h.outcome::text, 'late', h.supplement_requests > 1, 'sign', sign)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION motcua_history_stats_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM motcua_stats_apply((SELECT coalesce(jsonb_agg(motcua_history_stat_row(n, 1)), '[]') FROM new_rows n));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION motcua_history_stats_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM motcua_stats_apply((SELECT coalesce(jsonb_agg(motcua_history_stat_row(o, -1)), '[]') FROM old_rows o));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER dossier_history_stats_insert AFTER INSERT ON dossier_history
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION motcua_history_stats_insert();
--> statement-breakpoint
CREATE TRIGGER dossier_history_stats_delete AFTER DELETE ON dossier_history
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION motcua_history_stats_delete();
