// Citizen filing corrections (issue 5). Frozen once shipped.
// 1. A rating belongs to one resolution of a report: after "not fixed" reopens a report
//    and it is resolved again, the reporter rates that new resolution too. Resolutions
//    are numbered 1, 2, … per report (reopen_count + 1 while the report is resolved).
// 2. Photo stash: photos of a refused report form, already re-encoded and stored, kept
//    for a short while for the same browser (the SHA-256 of a token in its cookie), so a
//    form without JavaScript can come back with them attached.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE photo_stashes (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_hash text NOT NULL CHECK (owner_hash ~ '^[0-9a-f]{64}$'),
    storage_key text NOT NULL UNIQUE,
    content_type text NOT NULL CHECK (content_type = 'image/jpeg'),
    size_bytes integer NOT NULL CHECK (size_bytes > 0),
    width integer NOT NULL CHECK (width > 0),
    height integer NOT NULL CHECK (height > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`.execute(db)
  await sql`CREATE INDEX photo_stashes_owner_idx ON photo_stashes (owner_hash)`.execute(db)
  await sql`CREATE INDEX photo_stashes_expiry_idx ON photo_stashes (expires_at)`.execute(db)

  await sql`ALTER TABLE ratings ADD COLUMN resolution_number integer NOT NULL DEFAULT 1 CHECK (resolution_number >= 1)`.execute(db)
  // Existing ratings: the resolution they were given for is the number of resolutions so far.
  await sql`UPDATE ratings rt SET resolution_number = greatest(1, (
      SELECT count(*) FROM report_events e
      WHERE e.report_id = rt.report_id AND e.type = 'resolved' AND e.created_at <= rt.created_at))`.execute(db)
  await sql`ALTER TABLE ratings ALTER COLUMN resolution_number DROP DEFAULT`.execute(db)
  await sql`ALTER TABLE ratings DROP CONSTRAINT ratings_report_id_key`.execute(db)
  await sql`ALTER TABLE ratings ADD CONSTRAINT ratings_report_resolution_key UNIQUE (report_id, resolution_number)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE photo_stashes`.execute(db)
  // Keeps the latest rating of each report, as before there could be several.
  await sql`DELETE FROM ratings rt WHERE EXISTS (
      SELECT 1 FROM ratings later WHERE later.report_id = rt.report_id AND later.resolution_number > rt.resolution_number)`.execute(db)
  await sql`ALTER TABLE ratings DROP CONSTRAINT ratings_report_resolution_key`.execute(db)
  await sql`ALTER TABLE ratings DROP COLUMN resolution_number`.execute(db)
  await sql`ALTER TABLE ratings ADD CONSTRAINT ratings_report_id_key UNIQUE (report_id)`.execute(db)
}
