// The ASN scorecard's counts per officer (ADR 031). A report counts for the officer who
// resolved it (the staff event that set it resolved) in the period, by that event's local
// date; misconduct reports stay with the Inspektorat and are left out. Who may see whom
// is in the query's where: an officer only themself, a supervisor the officers of their
// unit subtree, an executive the jurisdiction's officers.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { scorecard, type OfficerCounts } from '~/domain/officer-scorecard'
import { dayStart } from './metric-rollup.server'

type Db = Kysely<DB> | Transaction<DB>

export type ScorecardScope =
  | { jurisdictionId: number; kind: 'self'; userId: number }
  | { jurisdictionId: number; kind: 'units'; unitIds: number[] }
  | { jurisdictionId: number; kind: 'jurisdiction' }

function scopeWhere(scope: ScorecardScope) {
  switch (scope.kind) {
    case 'self':
      return sql`u.id = ${scope.userId}`
    case 'units':
      return scope.unitIds.length ? sql`u.unit_id IN (${sql.join(scope.unitIds)})` : sql`false`
    case 'jurisdiction':
      return sql`true`
  }
}

export async function getOfficerScorecards(db: Db, input: { scope: ScorecardScope; from: string; to: string; timeZone: string }) {
  const { scope, from, to, timeZone } = input
  const j = scope.jurisdictionId
  const result = await sql<{
    id: number
    name: string
    unit_name: string | null
    handled: number
    on_time: number
    confirmed_fixed: number
    ratings: number
    rating_sum: number
    rating_high: number
    reopened: number
  }>`
    WITH handled AS (
      SELECT DISTINCT ON (e.actor_user_id, e.report_id) e.actor_user_id AS user_id, e.report_id, e.created_at AS resolved_at, r.resolution_due_at
      FROM report_events e
      JOIN reports r ON r.id = e.report_id
      JOIN categories c ON c.id = r.category_id
      WHERE r.jurisdiction_id = ${j} AND NOT c.is_misconduct
        AND e.actor_kind = 'staff' AND e.to_status = 'resolved' AND e.actor_user_id IS NOT NULL
        AND e.created_at >= ${dayStart(from, timeZone)} AND e.created_at < ${dayStart(to, timeZone)} + interval '1 day'
      -- Resolved twice by the same officer: the later resolution is the one that stood.
      ORDER BY e.actor_user_id, e.report_id, e.created_at DESC
    )
    SELECT u.id, u.name, un.name AS unit_name,
      count(h.report_id)::int AS handled,
      (count(*) FILTER (WHERE h.resolved_at <= h.resolution_due_at))::int AS on_time,
      (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ratings g WHERE g.report_id = h.report_id AND g.fixed = 'yes' AND g.created_at >= h.resolved_at)))::int AS confirmed_fixed,
      coalesce(sum(rt.n), 0)::int AS ratings,
      coalesce(sum(rt.total), 0)::int AS rating_sum,
      coalesce(sum(rt.high), 0)::int AS rating_high,
      (count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM report_events o WHERE o.report_id = h.report_id AND o.type = 'reopened' AND o.actor_kind = 'reporter' AND o.created_at > h.resolved_at)))::int AS reopened
    FROM users u
    LEFT JOIN units un ON un.id = u.unit_id
    LEFT JOIN handled h ON h.user_id = u.id
    LEFT JOIN LATERAL (
      -- The reporter's ratings given after this officer's resolution.
      SELECT count(*) AS n, sum(g.score) AS total, count(*) FILTER (WHERE g.score >= 4) AS high
      FROM ratings g WHERE g.report_id = h.report_id AND g.created_at >= h.resolved_at
    ) rt ON true
    WHERE u.jurisdiction_id = ${j} AND u.role = 'officer' AND ${scopeWhere(scope)}
    GROUP BY u.id, u.name, un.name
    HAVING bool_or(u.active) OR count(h.report_id) > 0
    ORDER BY un.name NULLS LAST, u.name, u.id`.execute(db)
  return result.rows.map((r) => {
    const counts: OfficerCounts = {
      handled: Number(r.handled),
      onTime: Number(r.on_time),
      confirmedFixed: Number(r.confirmed_fixed),
      ratings: Number(r.ratings),
      ratingSum: Number(r.rating_sum),
      ratingHigh: Number(r.rating_high),
      reopened: Number(r.reopened),
    }
    return { id: r.id, name: r.name, unit: r.unit_name, ...scorecard(counts) }
  })
}
