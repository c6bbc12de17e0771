-- A dossier's components move from a table of their own into the dossier row (see schema-dossiers.ts).
ALTER TABLE "dossiers" ADD COLUMN "components" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- Components count in no figure and show on no tracking page: the backfill needs neither trigger.
ALTER TABLE "dossiers" DISABLE TRIGGER "dossiers_stats_update";--> statement-breakpoint
ALTER TABLE "dossiers" DISABLE TRIGGER "dossiers_track_notify";--> statement-breakpoint
UPDATE "dossiers" d
   SET "components" = c.list
  FROM (SELECT dossier_id,
               jsonb_agg(jsonb_build_object('name', name, 'required', required, 'originals', originals,
                                            'copies', copies, 'fromNationalDb', from_national_db,
                                            'provided', provided) ORDER BY idx) AS list
          FROM "dossier_components"
         GROUP BY dossier_id) c
 WHERE c.dossier_id = d.id;--> statement-breakpoint
ALTER TABLE "dossiers" ENABLE TRIGGER "dossiers_stats_update";--> statement-breakpoint
ALTER TABLE "dossiers" ENABLE TRIGGER "dossiers_track_notify";--> statement-breakpoint
DROP TABLE "dossier_components" CASCADE;
