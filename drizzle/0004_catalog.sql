CREATE TYPE "public"."duration_unit" AS ENUM('working_hours', 'working_days', 'calendar_days', 'months');--> statement-breakpoint
CREATE TYPE "public"."online_level" AS ENUM('full', 'partial');--> statement-breakpoint
CREATE TYPE "public"."procedure_level" AS ENUM('province', 'commune', 'district');--> statement-breakpoint
CREATE TYPE "public"."procedure_version_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TABLE "form_templates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "form_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_fields" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "procedure_fields_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_processes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "procedure_processes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"procedure_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"steps" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "procedure_version_agencies" (
	"version_id" integer NOT NULL,
	"agency_id" integer NOT NULL,
	CONSTRAINT "procedure_version_agencies_version_id_agency_id_pk" PRIMARY KEY("version_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "procedure_versions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "procedure_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"procedure_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"status" "procedure_version_status" NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"name" text NOT NULL,
	"field_id" integer NOT NULL,
	"level" "procedure_level" NOT NULL,
	"online_level" "online_level" NOT NULL,
	"deadline_amount" double precision NOT NULL,
	"deadline_unit" "duration_unit" NOT NULL,
	"search_text" text NOT NULL,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "procedures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "procedure_processes" ADD CONSTRAINT "procedure_processes_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_processes" ADD CONSTRAINT "procedure_processes_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_version_agencies" ADD CONSTRAINT "procedure_version_agencies_version_id_procedure_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."procedure_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_version_agencies" ADD CONSTRAINT "procedure_version_agencies_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_field_id_procedure_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."procedure_fields"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "form_templates_sha256_name_key" ON "form_templates" USING btree ("sha256","file_name");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_fields_code_key" ON "procedure_fields" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_processes_key" ON "procedure_processes" USING btree ("procedure_id","agency_id");--> statement-breakpoint
CREATE INDEX "procedure_version_agencies_agency_idx" ON "procedure_version_agencies" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_versions_seq_key" ON "procedure_versions" USING btree ("procedure_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_versions_one_draft_key" ON "procedure_versions" USING btree ("procedure_id") WHERE "procedure_versions"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_versions_effective_key" ON "procedure_versions" USING btree ("procedure_id","effective_from") WHERE "procedure_versions"."status" = 'published';--> statement-breakpoint
CREATE INDEX "procedure_versions_search_idx" ON "procedure_versions" USING gin ("search_text" gin_trgm_ops) WHERE "procedure_versions"."status" = 'published';--> statement-breakpoint
CREATE INDEX "procedure_versions_effective_idx" ON "procedure_versions" USING btree ("effective_from","effective_to") WHERE "procedure_versions"."status" = 'published';--> statement-breakpoint
CREATE INDEX "procedure_versions_field_idx" ON "procedure_versions" USING btree ("field_id");--> statement-breakpoint
CREATE UNIQUE INDEX "procedures_code_key" ON "procedures" USING btree ("code");