// SLA escalation and provisional holidays (issue 6, sections 3 and 4). Frozen once shipped.
// 1. `escalations`: one row per level fired, unique per report, target (response or
//    resolution), round (the resolution number: a reopened report starts a new resolution
//    clock; always 1 for the response) and level (1 at the due time, 2 at twice the target).
//    The unique key is what makes an escalation fire once, even with two workers.
// 2. `holidays.provisional`: dates computed ahead of the SKB 3 Menteri (e.g. 2027's Islamic,
//    Chinese, Hindu and Buddhist feasts) until an admin confirms them.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE escalations (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id integer NOT NULL REFERENCES reports(id),
    target text NOT NULL CHECK (target IN ('response','resolution')),
    round integer NOT NULL CHECK (round >= 1),
    level smallint NOT NULL CHECK (level BETWEEN 1 AND 2),
    due_at timestamptz NOT NULL,
    fired_at timestamptz NOT NULL,
    -- When the next level of this clock falls due (null for the last level), so that the
    -- job finds level-2 work with an exact, indexed comparison instead of calendar maths.
    next_due_at timestamptz,
    UNIQUE (report_id, target, round, level)
  )`.execute(db)
  await sql`CREATE INDEX escalations_next_due_idx ON escalations (next_due_at) WHERE next_due_at IS NOT NULL`.execute(db)
  await sql`ALTER TABLE holidays ADD COLUMN provisional boolean NOT NULL DEFAULT false`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS escalations`.execute(db)
  await sql`ALTER TABLE holidays DROP COLUMN IF EXISTS provisional`.execute(db)
}
