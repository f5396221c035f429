// Open311 import keeps media_url; GET requests.json stays fast at 1M reports (issue 9, ADR 029).
// Frozen once shipped.
// - reports.media_url: an imported record's external photo link (Open311 media_url), an
//   absolute http(s) URL. Not a stored photo (nothing is downloaded, so no re-encoding and
//   no EXIF question): Open311 answers and the export give it back as media_url when the
//   report has no public photo of its own.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE reports ADD COLUMN media_url text CHECK (media_url ~ '^https?://' AND length(media_url) <= 2000)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE reports DROP COLUMN IF EXISTS media_url`.execute(db)
}
