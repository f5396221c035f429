// The job queue's tables (pg-boss, ADR 011) in their own schema `pgboss`, created with
// the app's schema so that any code path (a request, a test, a CLI) can enqueue a job
// inside its transaction before the job runtime has ever started. The SQL is pg-boss's
// own construction plan for the installed version; pg-boss upgrades its schema itself
// when a newer version starts (its `migrate` option), so this migration stays as it is.
// pg-boss wraps the plan in BEGIN … COMMIT; here it runs inside the migration's own
// transaction instead, statement by statement (PGlite takes one statement per query).
import { sql, type Kysely } from 'kysely'
import PgBoss from 'pg-boss'
import { splitSqlStatements } from '../sql-script'

export const JOB_QUEUE_SCHEMA = 'pgboss'

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = splitSqlStatements(PgBoss.getConstructionPlans(JOB_QUEUE_SCHEMA)).filter((s) => !/^(BEGIN|COMMIT)$/i.test(s))
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DROP SCHEMA IF EXISTS ${JOB_QUEUE_SCHEMA} CASCADE`).execute(db)
}
