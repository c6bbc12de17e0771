-- Servers cache sessions with their grants in memory. Any change that alters what a session may do
-- notifies every server through PostgreSQL (delivered at commit), so no code path can forget to.
-- The payload is the user id, or '*' when every cached session must be reloaded.
CREATE OR REPLACE FUNCTION motcua_notify_auth_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'agencies' THEN
    PERFORM pg_notify('motcua_auth', '*');
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('motcua_auth', NEW.id::text);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('motcua_auth', OLD.user_id::text);
  ELSE
    PERFORM pg_notify('motcua_auth', NEW.user_id::text);
    IF TG_OP = 'UPDATE' AND OLD.user_id <> NEW.user_id THEN
      PERFORM pg_notify('motcua_auth', OLD.user_id::text);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_auth_change AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION motcua_notify_auth_change();
--> statement-breakpoint
CREATE TRIGGER role_assignments_auth_change AFTER INSERT OR UPDATE OR DELETE ON role_assignments
  FOR EACH ROW EXECUTE FUNCTION motcua_notify_auth_change();
--> statement-breakpoint
CREATE TRIGGER users_auth_change AFTER UPDATE OF kind, username, full_name, disabled, password_hash ON users
  FOR EACH ROW EXECUTE FUNCTION motcua_notify_auth_change();
--> statement-breakpoint
CREATE TRIGGER agencies_auth_change AFTER UPDATE OF path ON agencies
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION motcua_notify_auth_change();
