// Importing other cities' Open311 history (issue 9 §2, ADR 020). Frozen once shipped.
// - reports.open311_id: the foreign system's service_request_id, kept for provenance and
//   for idempotent re-imports: unique per jurisdiction (NULLs, i.e. native reports, are distinct).
// - reports.imported_at: set on rows written by the importer. Imported history is a picture of
//   the past: the SLA clocks (escalation, auto-close) skip these rows, while reports POSTed live
//   through the Open311 API (source 'open311', imported_at NULL) keep their clocks.
// - categories.open311_code: the foreign service_code of a category made by an import when that
//   code does not fit our own code pattern (e.g. Boston's "4f389210e75084437f0001de"); imports
//   match on it and exports give it back as service_code.
import { sql, type Kysely } from 'kysely'

const statements = [
  `ALTER TABLE reports ADD COLUMN open311_id text CHECK (length(open311_id) BETWEEN 1 AND 100)`,
  `ALTER TABLE reports ADD CONSTRAINT reports_jurisdiction_open311_id_key UNIQUE (jurisdiction_id, open311_id)`,
  `ALTER TABLE reports ADD COLUMN imported_at timestamptz`,
  `ALTER TABLE categories ADD COLUMN open311_code text CHECK (length(open311_code) BETWEEN 1 AND 100)`,
  `ALTER TABLE categories ADD CONSTRAINT categories_jurisdiction_open311_code_key UNIQUE (jurisdiction_id, open311_code)`,
]

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `ALTER TABLE categories DROP COLUMN IF EXISTS open311_code`,
    `ALTER TABLE reports DROP COLUMN IF EXISTS imported_at`,
    `ALTER TABLE reports DROP COLUMN IF EXISTS open311_id`,
  ])
    await sql.raw(statement).execute(db)
}
