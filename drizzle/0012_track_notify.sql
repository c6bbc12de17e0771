-- Servers keep what public tracking read per dossier code (src/features/dossiers/track-cache.ts): every commit
-- that changes or removes a dossier with a code tells them which one. NOTIFY is delivered at commit and folds
-- repeats of one code within a transaction.
CREATE OR REPLACE FUNCTION motcua_dossier_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('motcua_dossier', OLD.code);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER dossiers_track_notify AFTER UPDATE OR DELETE ON dossiers
  FOR EACH ROW WHEN (OLD.code IS NOT NULL) EXECUTE FUNCTION motcua_dossier_notify();
