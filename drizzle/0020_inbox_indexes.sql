-- The lists officers open all day (issue #14), each measured at 2 M dossiers by `npm run bench dossiers`
-- (AB_INDEXES=… gives what each costs intake). Plain CREATE INDEX: the migrations run in one transaction,
-- where CONCURRENTLY is not allowed; on a large installation this blocks writes to dossiers while it builds.
-- pg_trgm is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
DROP INDEX "dossiers_code_key";--> statement-breakpoint
CREATE INDEX "dossiers_stage_idx" ON "dossiers" USING btree ("agency_id",(CASE
  WHEN dossiers.status = 'draft' THEN CASE WHEN dossiers.channel = 'online' THEN 'applicant' ELSE 'receive' END
  WHEN dossiers.status = 'submitted' THEN 'receive'
  WHEN dossiers.status = 'received' THEN 'forward'
  WHEN dossiers.status IN ('supplement_requested_at_intake', 'supplement_requested', 'financial_obligation') THEN 'applicant'
  WHEN dossiers.status = 'withdrawal_requested' THEN 'approve'
  WHEN dossiers.status = 'resolved' THEN 'return'
  WHEN dossiers.status <> 'processing' THEN NULL
  WHEN coalesce(dossiers.state->'assigneeId', 'null'::jsonb) = 'null'::jsonb THEN 'assign'
  WHEN (dossiers.state->>'approved')::boolean THEN 'issue'
  WHEN jsonb_path_exists(dossiers.state, '$.cooperation[*] ? (@.answeredAt == null)') THEN 'cooperate'
  WHEN (dossiers.state->>'step')::int > 0 THEN 'approve'
  ELSE 'handle'
END),"due_at","id") WHERE "dossiers"."status" in ('draft', 'financial_obligation', 'processing', 'received', 'resolved', 'submitted', 'supplement_requested', 'supplement_requested_at_intake', 'withdrawal_requested');--> statement-breakpoint
CREATE INDEX "dossiers_intake_stage_idx" ON "dossiers" USING btree ("intake_agency_id",(CASE
  WHEN dossiers.status = 'draft' THEN CASE WHEN dossiers.channel = 'online' THEN 'applicant' ELSE 'receive' END
  WHEN dossiers.status = 'submitted' THEN 'receive'
  WHEN dossiers.status = 'received' THEN 'forward'
  WHEN dossiers.status IN ('supplement_requested_at_intake', 'supplement_requested', 'financial_obligation') THEN 'applicant'
  WHEN dossiers.status = 'withdrawal_requested' THEN 'approve'
  WHEN dossiers.status = 'resolved' THEN 'return'
  WHEN dossiers.status <> 'processing' THEN NULL
  WHEN coalesce(dossiers.state->'assigneeId', 'null'::jsonb) = 'null'::jsonb THEN 'assign'
  WHEN (dossiers.state->>'approved')::boolean THEN 'issue'
  WHEN jsonb_path_exists(dossiers.state, '$.cooperation[*] ? (@.answeredAt == null)') THEN 'cooperate'
  WHEN (dossiers.state->>'step')::int > 0 THEN 'approve'
  ELSE 'handle'
END),"due_at","id") WHERE "dossiers"."intake_agency_id" is not null and "dossiers"."status" in ('draft', 'financial_obligation', 'processing', 'received', 'resolved', 'submitted', 'supplement_requested', 'supplement_requested_at_intake', 'withdrawal_requested');--> statement-breakpoint
CREATE INDEX "dossiers_due_idx" ON "dossiers" USING btree ("agency_id","due_at","id");--> statement-breakpoint
CREATE INDEX "dossiers_intake_due_idx" ON "dossiers" USING btree ("intake_agency_id","due_at","id") WHERE "dossiers"."intake_agency_id" is not null;--> statement-breakpoint
CREATE INDEX "dossiers_open_due_idx" ON "dossiers" USING btree ("agency_id","due_at","id") WHERE "dossiers"."status" in ('draft', 'submitted', 'supplement_requested_at_intake', 'received', 'processing', 'supplement_requested', 'financial_obligation', 'withdrawal_requested');--> statement-breakpoint
CREATE INDEX "dossiers_intake_open_due_idx" ON "dossiers" USING btree ("intake_agency_id","due_at","id") WHERE "dossiers"."intake_agency_id" is not null and "dossiers"."status" in ('draft', 'submitted', 'supplement_requested_at_intake', 'received', 'processing', 'supplement_requested', 'financial_obligation', 'withdrawal_requested');--> statement-breakpoint
CREATE INDEX "dossiers_assignee_due_idx" ON "dossiers" USING btree ("assignee_id","due_at","id") INCLUDE ("agency_id","intake_agency_id") WHERE "dossiers"."assignee_id" is not null;--> statement-breakpoint
CREATE INDEX "dossiers_applicant_search_idx" ON "dossiers" USING gin ("applicant_search" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_code_key" ON "dossiers" USING btree ("code" text_pattern_ops);--> statement-breakpoint
-- The planner estimates a tab by the statistics of the stage expression, which only ANALYZE gathers (autovacuum
-- may wait long): without them it guessed 45 dossiers where 10,000 waited.
ANALYZE "dossiers";