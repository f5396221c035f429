// Indexes for the public list (/laporan, issue 8 §4; ADR 023). Both are partial on the
// reports the public may see (never confidential). Frozen once shipped.
// - reports_public_list_idx: newest first, and the true count as an index-only scan: the
//   filter's columns (status, category for the misconduct rule, kelurahan) are included.
// - reports_public_supported_idx: "most supported" first without sorting every report.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX reports_public_list_idx ON reports (jurisdiction_id, created_at DESC, id DESC) INCLUDE (status, category_id, area_id) WHERE privacy <> 'confidential'`.execute(
    db,
  )
  await sql`CREATE INDEX reports_public_supported_idx ON reports (jurisdiction_id, supporter_count DESC, created_at DESC, id DESC) WHERE privacy <> 'confidential'`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS reports_public_supported_idx`.execute(db)
  await sql`DROP INDEX IF EXISTS reports_public_list_idx`.execute(db)
}
