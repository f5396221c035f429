// A version number for reference data (issue 8 §7, ADR 025). Every statement that changes
// jurisdictions, areas, units, categories, routing rules or holidays bumps it (a
// statement-level trigger, so also SQL typed by hand and the seed). Filing reads this one
// row and reuses what it read before while the number is unchanged: the process cache can
// never serve reference data older than the last committed change, in any process.
// `instance` tells databases apart (a process may talk to several: tests, benchmarks).
// Frozen once shipped.
import { sql, type Kysely } from 'kysely'

const TABLES = ['jurisdictions', 'areas', 'units', 'categories', 'routing_rules', 'holidays']

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE reference_version (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    instance uuid NOT NULL DEFAULT gen_random_uuid(),
    version bigint NOT NULL
  )`.execute(db)
  await sql`INSERT INTO reference_version (id, version) VALUES (true, 1)`.execute(db)
  await sql`CREATE FUNCTION bump_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE reference_version SET version = version + 1 WHERE id;
      RETURN NULL;
    END $$`.execute(db)
  for (const table of TABLES) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_bump_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version()`,
      )
      .execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await sql.raw(`DROP TRIGGER IF EXISTS ${table}_bump_reference_version ON ${table}`).execute(db)
  await sql`DROP FUNCTION IF EXISTS bump_reference_version()`.execute(db)
  await sql`DROP TABLE IF EXISTS reference_version`.execute(db)
}
