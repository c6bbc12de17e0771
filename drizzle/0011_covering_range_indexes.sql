-- The range indexes cover what the reports read (INCLUDE, written by hand: drizzle cannot express it), so that
-- "open at an instant" and "received in the period" are index-only scans. Without it, history imported years
-- after it happened lies scattered over the table and each probe read thousands of heap pages.
DROP INDEX "dossiers_open_idx";--> statement-breakpoint
DROP INDEX "dossier_history_open_idx";--> statement-breakpoint
CREATE INDEX "dossiers_open_cover_idx" ON "dossiers" USING gist ("agency_id",tstzrange("received_at", coalesce("resolved_at", "closed_at", 'infinity'))) INCLUDE ("received_at", "resolved_at", "closed_at", "due_at", "procedure_id") WHERE "dossiers"."received_at" is not null;--> statement-breakpoint
CREATE INDEX "dossier_history_open_cover_idx" ON "dossier_history" USING gist ("agency_id",tstzrange("received_at", coalesce("finished_at", 'infinity'))) INCLUDE ("received_at", "finished_at", "due_at", "procedure_id", "paid_online") WHERE "dossier_history"."outcome" <> 'refused';
