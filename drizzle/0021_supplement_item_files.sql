ALTER TABLE "dossier_files" ADD COLUMN "request_seq" integer;--> statement-breakpoint
ALTER TABLE "dossier_files" ADD COLUMN "item_idx" smallint;