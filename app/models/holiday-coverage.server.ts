// Which years the jurisdiction's deadlines fall in, against the holidays on record
// (domain/holiday-coverage.ts). Shown to admins on /petugas and /dasbor.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { holidayCoverage } from '~/domain/holiday-coverage'
import { localDate } from '~/domain/sla'
import { ACTIVE_STATUSES } from '~/domain/vocabulary'

type Db = Kysely<DB> | Transaction<DB>

export async function getHolidayCoverage(db: Db, jurisdiction: { id: number; time_zone: string }, now: Date) {
  // Due times are at office close (16:00 local), never near midnight: the UTC year is the local year.
  const due = await sql<{ year: number }>`
    SELECT DISTINCT extract(year FROM d)::int AS year FROM reports r
    CROSS JOIN LATERAL (VALUES (r.response_due_at), (r.resolution_due_at)) AS v(d)
    WHERE r.jurisdiction_id = ${jurisdiction.id} AND r.status IN (${sql.join([...ACTIVE_STATUSES])})`.execute(db)
  const thisYear = Number(localDate(now, jurisdiction.time_zone).slice(0, 4))
  const onRecord = await sql<{ year: number; count: number; provisional: number }>`
    SELECT extract(year FROM date)::int AS year, count(*)::int AS count, (count(*) FILTER (WHERE provisional))::int AS provisional
    FROM holidays WHERE jurisdiction_id IS NULL OR jurisdiction_id = ${jurisdiction.id}
    GROUP BY 1`.execute(db)
  return holidayCoverage(
    [thisYear, ...due.rows.map((r) => Number(r.year))],
    onRecord.rows.map((r) => ({ year: Number(r.year), count: Number(r.count), provisional: Number(r.provisional) })),
  )
}
