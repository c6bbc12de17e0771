-- The implementing agencies of a published version are as immutable as the version itself (0005): intake
-- decided from an earlier read checks that its version is still the one in force, and relies on this for
-- the version's agencies (intake/write.ts). Rows may only be added to, or taken from, a version that the same
-- transaction published (import and the demo data insert published versions, then their agencies).
CREATE FUNCTION procedure_version_agencies_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  vid int;
BEGIN
  FOREACH vid IN ARRAY CASE TG_OP
      WHEN 'INSERT' THEN ARRAY[NEW.version_id]
      WHEN 'DELETE' THEN ARRAY[OLD.version_id]
      ELSE ARRAY[OLD.version_id, NEW.version_id] END
  LOOP
    IF EXISTS (SELECT FROM procedure_versions v
                WHERE v.id = vid AND v.status = 'published'
                  AND v.xmin::text <> (txid_current() % 4294967296)::text) THEN
      RAISE EXCEPTION 'the agencies of published procedure version % are immutable', vid
        USING ERRCODE = 'check_violation';
    END IF;
  END LOOP;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER procedure_version_agencies_guard BEFORE INSERT OR UPDATE OR DELETE ON procedure_version_agencies
  FOR EACH ROW EXECUTE FUNCTION procedure_version_agencies_guard();
