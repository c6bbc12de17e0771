-- Accent-insensitive, typo-tolerant search runs inside PostgreSQL (catalog, applicants).
-- Both are trusted extensions: a database owner can create them without superuser rights.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
