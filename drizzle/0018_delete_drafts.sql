-- An applicant may delete a draft of theirs (issue 14). A draft was never submitted: no code, nothing counted,
-- no one else acted on it. The database keeps the rule too: only a draft's row may be deleted, and a
-- dossier's events go only with the dossier (the cascade), never on their own.
CREATE OR REPLACE FUNCTION motcua_refuse_dossier_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' THEN
    RAISE EXCEPTION 'only a draft dossier may be deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER dossiers_delete_drafts_only BEFORE DELETE ON dossiers
  FOR EACH ROW EXECUTE FUNCTION motcua_refuse_dossier_delete();
--> statement-breakpoint
-- The history is still appended to, never changed; its rows leave only with their (draft) dossier: the
-- cascade runs after the dossier's row is gone, which is what this checks.
CREATE OR REPLACE FUNCTION motcua_refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM dossiers WHERE id = OLD.dossier_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'dossier_events is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
