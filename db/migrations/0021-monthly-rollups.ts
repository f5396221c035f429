// Monthly rollups (issue 10 §2, ADR 030): the daily rollups of 0014 summed per local
// calendar month, same columns (`day` is the month's first day), so that a long period
// reads whole months from here and only its partial edge months from the daily tables.
// Rebuilt by the same job, in the same transaction, from the daily rows of the months
// whose days it rewrote. The watermark is cleared so the next run fills them.
// Also: an index for every foreign key that had none (deleting a referenced row checks it).
import { sql, type Kysely } from 'kysely'

const statements = [
  `CREATE TABLE metric_rollups_month (LIKE metric_rollups INCLUDING CONSTRAINTS)`,
  `ALTER TABLE metric_rollups_month ADD PRIMARY KEY (jurisdiction_id, day, unit_id, category_id),
     ADD FOREIGN KEY (jurisdiction_id) REFERENCES jurisdictions(id),
     ADD FOREIGN KEY (unit_id) REFERENCES units(id),
     ADD FOREIGN KEY (category_id) REFERENCES categories(id),
     ADD CHECK (day = date_trunc('month', day)::date)`,
  `CREATE INDEX metric_rollups_month_unit_idx ON metric_rollups_month (unit_id)`,
  `CREATE INDEX metric_rollups_month_category_idx ON metric_rollups_month (category_id)`,
  `CREATE TABLE metric_rollups_area_month (LIKE metric_rollups_area INCLUDING CONSTRAINTS)`,
  `ALTER TABLE metric_rollups_area_month
     ADD FOREIGN KEY (jurisdiction_id) REFERENCES jurisdictions(id),
     ADD FOREIGN KEY (unit_id) REFERENCES units(id),
     ADD FOREIGN KEY (category_id) REFERENCES categories(id),
     ADD FOREIGN KEY (area_id) REFERENCES areas(id),
     ADD CHECK (day = date_trunc('month', day)::date)`,
  `CREATE UNIQUE INDEX metric_rollups_area_month_key ON metric_rollups_area_month (jurisdiction_id, day, unit_id, category_id, coalesce(area_id, 0))`,
  `CREATE INDEX metric_rollups_area_month_area_idx ON metric_rollups_area_month (area_id)`,
  `CREATE INDEX metric_rollups_area_month_unit_idx ON metric_rollups_area_month (unit_id)`,
  `CREATE INDEX metric_rollups_area_month_category_idx ON metric_rollups_area_month (category_id)`,
  `DELETE FROM metric_rollup_state`,
]

/**
 * Foreign keys without an index (tests/integration/fk-indexes.test.ts lists them): partial
 * on IS NOT NULL, which the check's "col = $1" implies, so null rows cost nothing.
 */
const FOREIGN_KEYS: [string, string][] = [
  ['api_keys', 'created_by_user_id'],
  ['attachments', 'uploaded_by_user_id'],
  ['categories', 'default_unit_id'],
  ['holidays', 'jurisdiction_id'],
  ['notification_outbox', 'user_id'],
  ['report_events', 'from_unit_id'],
  ['report_events', 'to_unit_id'],
  ['response_templates', 'created_by_user_id'],
  ['routing_rules', 'area_id'],
  ['routing_rules', 'jurisdiction_id'],
  ['routing_rules', 'unit_id'],
  ['staff_tokens', 'created_by_user_id'],
  ['units', 'area_id'],
  ['units', 'parent_id'],
  ['users', 'jurisdiction_id'],
  ['users', 'unit_id'],
  ['whatsapp_conversations', 'area_id'],
  ['whatsapp_conversations', 'category_id'],
  ['whatsapp_conversations', 'jurisdiction_id'],
]
const fkIndex = ([table, column]: [string, string]) => `${table}_${column}_fk_idx`

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db)
  for (const fk of FOREIGN_KEYS) {
    await sql.raw(`CREATE INDEX ${fkIndex(fk)} ON ${fk[0]} (${fk[1]}) WHERE ${fk[1]} IS NOT NULL`).execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const fk of FOREIGN_KEYS) await sql.raw(`DROP INDEX IF EXISTS ${fkIndex(fk)}`).execute(db)
  await sql`DROP TABLE IF EXISTS metric_rollups_area_month`.execute(db)
  await sql`DROP TABLE IF EXISTS metric_rollups_month`.execute(db)
}
