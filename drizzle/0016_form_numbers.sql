CREATE TABLE "form_number_counters" (
	"agency_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"form" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "form_number_counters_agency_id_year_form_pk" PRIMARY KEY("agency_id","year","form")
);
--> statement-breakpoint
CREATE TABLE "form_numbers" (
	"dossier_id" uuid NOT NULL,
	"form" text NOT NULL,
	"event_seq" integer NOT NULL,
	"agency_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"number" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "form_numbers_dossier_id_form_event_seq_pk" PRIMARY KEY("dossier_id","form","event_seq")
);
--> statement-breakpoint
ALTER TABLE "form_number_counters" ADD CONSTRAINT "form_number_counters_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_numbers" ADD CONSTRAINT "form_numbers_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_numbers" ADD CONSTRAINT "form_numbers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "form_numbers_register_key" ON "form_numbers" USING btree ("agency_id","year","form","number");