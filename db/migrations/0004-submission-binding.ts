// Binds a filing's idempotency key to its content and its browser (issue 5, section 4).
// `resubmission_hash` = SHA-256 of (browser cookie, content fingerprint): the same browser
// sending the same content again within a few minutes lands on the report already filed
// (no-JS Back + submit). Two different reports from one browser get unrelated hashes, so
// the column links nothing. Frozen once shipped.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE reports ADD COLUMN resubmission_hash text CHECK (resubmission_hash ~ '^[0-9a-f]{64}$')`.execute(db)
  await sql`CREATE INDEX reports_resubmission_idx ON reports (jurisdiction_id, resubmission_hash, created_at) WHERE resubmission_hash IS NOT NULL`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS reports_resubmission_idx`.execute(db)
  await sql`ALTER TABLE reports DROP COLUMN IF EXISTS resubmission_hash`.execute(db)
}
