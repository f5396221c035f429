// SLA escalation queries (rules: domain/escalation.ts, ADR 012). Each level fires in one
// transaction: its `escalations` row (unique per report/target/round/level, the once-only
// guard), an internal `escalated` event by the system and the outbox rows for the people
// to tell. A second worker racing on the same level inserts nothing and sends nothing.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB, ReportStatusValue } from '#db/types'
import { ESCALATION_TEMPLATES, ESCALATION_AUDIENCE, currentEscalationLevel, dueEscalations, escalationMarker, type DueEscalation } from '~/domain/escalation'
import type { SlaCalendar } from '~/domain/sla'
import { CLOCKLESS_SOURCES, OPEN_STATUSES } from '~/domain/vocabulary'
import { queueNotification } from './notification.server'
import { getSlaCalendar } from './reference.server'

type Db = Kysely<DB> | Transaction<DB>

/**
 * Reports that may have a level to fire, at most `limit`. First the exact matches, most
 * overdue first: level 1 of the filed clocks, and every level 2 (escalations.next_due_at).
 * Then, in the slots left, reopened rounds found by a cheap lower bound (N working days are
 * at least N - 1 calendar days) that the domain decides exactly; these come second so that
 * reopened reports not yet due can never crowd out the due ones.
 */
export async function escalationCandidates(db: Db, now: Date, limit: number): Promise<number[]> {
  // Imported Open311 history (imported_at set) is clockless like simulated history (ADR 020).
  const open = sql`r.status IN (${sql.join([...OPEN_STATUSES])}) AND r.source NOT IN (${sql.join([...CLOCKLESS_SOURCES])}) AND r.imported_at IS NULL`
  const exact = await sql<{ id: number }>`
    SELECT r.id FROM reports r
    WHERE ${open}
      AND (
        (r.first_response_at IS NULL AND r.response_due_at < ${now}
          AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.report_id = r.id AND e.target = 'response' AND e.level = 1))
        OR (r.reopen_count = 0 AND r.resolution_due_at < ${now}
          AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.report_id = r.id AND e.target = 'resolution' AND e.round = 1 AND e.level = 1))
        OR EXISTS (SELECT 1 FROM escalations e1 WHERE e1.report_id = r.id AND e1.next_due_at < ${now}
          AND (e1.target = 'resolution' OR r.first_response_at IS NULL)
          AND (e1.target = 'response' OR e1.round = r.reopen_count + 1)
          AND NOT EXISTS (SELECT 1 FROM escalations e2 WHERE e2.report_id = r.id AND e2.target = e1.target AND e2.round = e1.round AND e2.level = 2))
      )
    ORDER BY least(r.response_due_at, r.resolution_due_at), r.id
    LIMIT ${limit}`.execute(db)
  const ids = exact.rows.map((r) => r.id)
  if (ids.length >= limit) return ids
  const reopened = await sql<{ id: number }>`
    SELECT r.id FROM reports r
    JOIN categories c ON c.id = r.category_id
    CROSS JOIN LATERAL (SELECT max(ev.created_at) AS at FROM report_events ev WHERE ev.report_id = r.id AND ev.type = 'reopened') ro
    WHERE ${open} AND r.reopen_count > 0
      AND NOT EXISTS (SELECT 1 FROM escalations e WHERE e.report_id = r.id AND e.target = 'resolution' AND e.round = r.reopen_count + 1 AND e.level = 1)
      AND ro.at + CASE WHEN c.resolution_clock = 'working_days' THEN (c.resolution_target::float8 - 1) * interval '1 day'
                       ELSE c.resolution_target::float8 * interval '1 hour' END < ${now}
    ORDER BY ro.at, r.id
    LIMIT ${limit}`.execute(db)
  for (const r of reopened.rows) if (ids.length < limit && !ids.includes(r.id)) ids.push(r.id)
  return ids
}

/** Fires what is due on one report; returns the levels fired. Caller owns the transaction. */
export async function escalateReport(trx: Transaction<DB>, reportId: number, now: Date, calendarFor: CalendarFor) {
  // Locks the report: a staff response committing meanwhile is seen before we decide.
  const r = await trx
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .innerJoin('jurisdictions as j', 'j.id', 'r.jurisdiction_id')
    .select([
      'r.id',
      'r.code',
      'r.status',
      'r.created_at',
      'r.first_response_at',
      'r.reopen_count',
      'r.response_due_at',
      'r.resolution_due_at',
      'r.current_unit_id',
      'r.jurisdiction_id',
      'j.time_zone',
      'c.response_target',
      'c.response_clock',
      'c.resolution_target',
      'c.resolution_clock',
    ])
    .where('r.id', '=', reportId)
    .forUpdate('r')
    .executeTakeFirst()
  if (!r) return []
  const [fired, reopened] = await Promise.all([
    trx.selectFrom('escalations').select(['target', 'round', 'level']).where('report_id', '=', reportId).execute(),
    trx
      .selectFrom('report_events')
      .select((eb) => eb.fn.max('created_at').as('at'))
      .where('report_id', '=', reportId)
      .where('type', '=', 'reopened')
      .executeTakeFirst(),
  ])
  const cal = await calendarFor(trx, { id: r.jurisdiction_id, time_zone: r.time_zone })
  const due = dueEscalations(
    {
      status: r.status,
      createdAt: r.created_at,
      firstResponseAt: r.first_response_at,
      reopenCount: r.reopen_count,
      lastReopenedAt: reopened?.at ? new Date(reopened.at) : null,
      responseDueAt: r.response_due_at,
      resolutionDueAt: r.resolution_due_at,
      response: { target: Number(r.response_target), clock: r.response_clock },
      resolution: { target: Number(r.resolution_target), clock: r.resolution_clock },
    },
    fired,
    now,
    cal,
  )
  const done: DueEscalation[] = []
  for (const e of due) {
    const inserted = await trx
      .insertInto('escalations')
      .values({ report_id: r.id, target: e.target, round: e.round, level: e.level, due_at: e.dueAt, fired_at: now, next_due_at: e.nextDueAt })
      .onConflict((oc) => oc.columns(['report_id', 'target', 'round', 'level']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) continue
    await trx
      .insertInto('report_events')
      .values({
        report_id: r.id,
        created_at: now,
        actor_kind: 'system',
        actor_user_id: null,
        type: 'escalated',
        body: escalationMarker(e),
        visibility: 'internal',
      })
      .execute()
    const recipients = await escalationRecipients(trx, ESCALATION_AUDIENCE[e.level], r)
    // Through the outbox's one writer, so each message is queued for delivery in this transaction.
    for (const u of recipients) {
      await queueNotification(trx, {
        reportId: r.id,
        channel: 'email',
        recipient: u.email,
        template: ESCALATION_TEMPLATES[e.level],
        payload: { code: r.code, target: e.target, round: e.round, level: e.level, dueAt: e.dueAt.toISOString(), userId: u.id },
        userId: u.id,
        now,
      })
    }
    done.push(e)
  }
  return done
}

/** Level 1: the unit's supervisors (inspectors in the Inspektorat). Level 2: the jurisdiction's executives. */
function escalationRecipients(db: Db, audience: 'supervisor' | 'executive', r: { current_unit_id: number; jurisdiction_id: number }) {
  let q = db.selectFrom('users').select(['id', 'email']).where('active', '=', true).where('jurisdiction_id', '=', r.jurisdiction_id)
  q =
    audience === 'supervisor' ? q.where('role', 'in', ['supervisor', 'inspector']).where('unit_id', '=', r.current_unit_id) : q.where('role', '=', 'executive')
  return q.orderBy('id').execute()
}

export type CalendarFor = (db: Db, j: { id: number; time_zone: string }) => Promise<SlaCalendar>

/**
 * A calendar per jurisdiction, read once per job run. Read through the caller's
 * transaction: on PGlite there is one connection, held by that transaction.
 */
export function calendarCache(): CalendarFor {
  const cache = new Map<number, SlaCalendar>()
  return async (db, j) => {
    let c = cache.get(j.id)
    if (!c) cache.set(j.id, (c = await getSlaCalendar(db, j)))
    return c
  }
}

/** The escalation level to show per report (domain currentEscalationLevel), for a page of reports. */
export async function escalationLevels(
  db: Db,
  reports: readonly { id: number; status: ReportStatusValue; first_response_at: Date | null; reopen_count: number }[],
): Promise<Map<number, number>> {
  const levels = new Map<number, number>()
  if (reports.length === 0) return levels
  const rows = await db
    .selectFrom('escalations')
    .select(['report_id', 'target', 'round', 'level'])
    .where(
      'report_id',
      'in',
      reports.map((r) => r.id),
    )
    .execute()
  for (const r of reports) {
    const fired = rows.filter((x) => x.report_id === r.id)
    levels.set(r.id, currentEscalationLevel({ status: r.status, firstResponseAt: r.first_response_at, reopenCount: r.reopen_count }, fired))
  }
  return levels
}
