// Response attribution (issue 10 §1, docs/metrics.md, ADR 030): the rollups now count a
// report's response figures under the unit answerable for the response. Clearing the
// watermark makes the next rollup run rebuild every day with the new rule. The partial
// index serves the refresh's look-up of a report's transfers (responseUnitSql).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX report_events_transfers_idx ON report_events (report_id, created_at) WHERE type = 'transferred'`.execute(db)
  await sql`DELETE FROM metric_rollup_state`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS report_events_transfers_idx`.execute(db)
  await sql`DELETE FROM metric_rollup_state`.execute(db)
}
