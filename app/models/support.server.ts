// "Saya juga mengalami ini" (ADR 022): instead of a duplicate report, a person supports
// an open public report. One row per person (supporter_key: a hash, never a contact) and
// the count on the report, in the caller's transaction. A contact left with the support
// becomes a subscription to the report's updates; it is private like report_contacts.
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'
import type { Point } from '~/domain/geo'
import { boundingBox, distanceMetres, NEARBY_LIMIT, NEARBY_RADIUS_METRES } from '~/domain/nearby'
import { CLOCKLESS_SOURCES, OPEN_STATUSES, type NotificationLocale, type SupportOrigin } from '~/domain/vocabulary'
import { sha256 } from '~/utils/crypto.server'

type Db = Kysely<DB> | Transaction<DB>

/** A supporter is a browser (its random id cookie), hashed with a purpose so the key matches nothing else. */
export function supporterKeyFor(browserId: string): string {
  return sha256(`supporter\n${browserId}`)
}

/** Distances shown to the public are rounded to this step, so the exact point of a report cannot be worked out. */
const DISTANCE_STEP_METRES = 50

export interface NearbyQuery {
  jurisdictionId: number
  categoryId: number
  /** With a point: reports within 250 m of it. Without: reports of the same kelurahan. */
  point: Point | null
  areaId: number | null
}

export interface NearbyReport {
  code: string
  status: (typeof OPEN_STATUSES)[number]
  createdAt: Date
  supporterCount: number
  /** Rounded to 50 m (at least 50); null when matched by kelurahan. */
  distanceMetres: number | null
  kelurahanName: string | null
  /** A "before" photo of the report (served by /foto/{key} like any public photo). */
  photoKey: string | null
}

/**
 * Open public reports of the same category near a new one. Never confidential or
 * anonymous ones (their location is not public) and never misconduct.
 */
export async function listNearbyOpenReports(db: Db, q: NearbyQuery): Promise<NearbyReport[]> {
  if (!q.point && q.areaId === null) return []
  let query = db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .leftJoin('areas as k', 'k.id', 'r.area_id')
    .select(['r.id', 'r.code', 'r.status', 'r.created_at', 'r.supporter_count', 'r.lat', 'r.lng', 'k.name as kelurahan_name'])
    .select((eb) =>
      eb
        .selectFrom('attachments as a')
        .select('a.storage_key')
        .whereRef('a.report_id', '=', 'r.id')
        .where('a.phase', '=', 'before')
        .where('a.event_id', 'is', null)
        .orderBy('a.id')
        .limit(1)
        .as('photo_key'),
    )
    .where('r.jurisdiction_id', '=', q.jurisdictionId)
    .where('r.category_id', '=', q.categoryId)
    .where('c.is_misconduct', '=', false)
    .where('r.privacy', '=', 'public')
    .where('r.status', 'in', OPEN_STATUSES)
    // The simulated demo history is no one's problem today (as for the clocks, ADR 012).
    .where('r.source', 'not in', CLOCKLESS_SOURCES)
  if (q.point) {
    const box = boundingBox(q.point, NEARBY_RADIUS_METRES)
    query = query.where('r.lat', '>=', box.minLat).where('r.lat', '<=', box.maxLat).where('r.lng', '>=', box.minLng).where('r.lng', '<=', box.maxLng)
  } else {
    query = query.where('r.area_id', '=', q.areaId!)
  }
  // The box holds few rows; the newest 100 are plenty to pick the nearest 5 from.
  const rows = await query
    .orderBy('r.created_at', 'desc')
    .limit(q.point ? 100 : NEARBY_LIMIT)
    .execute()
  const found = rows.map((r) => {
    const exact = q.point && r.lat !== null && r.lng !== null ? distanceMetres(q.point, { lat: r.lat, lng: r.lng }) : null
    return { row: r, exact }
  })
  return found
    .filter((f) => !q.point || (f.exact !== null && f.exact <= NEARBY_RADIUS_METRES))
    .sort((a, b) => (a.exact ?? 0) - (b.exact ?? 0))
    .slice(0, NEARBY_LIMIT)
    .map(({ row, exact }) => ({
      code: row.code,
      status: row.status as NearbyReport['status'],
      createdAt: row.created_at,
      supporterCount: row.supporter_count,
      distanceMetres: exact === null ? null : Math.max(DISTANCE_STEP_METRES, Math.round(exact / DISTANCE_STEP_METRES) * DISTANCE_STEP_METRES),
      kelurahanName: row.kelurahan_name,
      photoKey: row.photo_key,
    }))
}

export interface SupportInput {
  code: string
  jurisdictionId: number
  supporterKey: string
  origin: Exclude<SupportOrigin, 'duplicate'>
  /** Optional: where the supporter wants the report's updates. */
  subscribe: { channel: 'email' | 'whatsapp'; recipient: string; locale: NotificationLocale }[]
  now: Date
}

export type SupportOutcome = 'added' | 'already' | 'not_allowed'

/** Adds a supporter (once per person) and bumps the count; files no report. */
export async function supportReport(trx: Transaction<DB>, input: SupportInput): Promise<SupportOutcome> {
  const report = await trx
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .select(['r.id', 'r.status', 'r.privacy', 'c.is_misconduct'])
    .where('r.code', '=', input.code)
    .where('r.jurisdiction_id', '=', input.jurisdictionId)
    .executeTakeFirst()
  // Only what the public may see and what is still being worked on can be supported.
  if (!report || report.privacy === 'confidential' || report.is_misconduct || !(OPEN_STATUSES as readonly string[]).includes(report.status)) {
    return 'not_allowed'
  }
  const inserted = await trx
    .insertInto('report_supporters')
    .values({ report_id: report.id, origin: input.origin, supporter_key: input.supporterKey, created_at: input.now })
    .onConflict((oc) => oc.columns(['report_id', 'supporter_key']).doNothing())
    .returning('id')
    .executeTakeFirst()
  if (inserted) {
    // Not a workflow change: the version (staff's optimistic lock) stays, so an officer's open form is not refused.
    await trx
      .updateTable('reports')
      .set((eb) => ({ supporter_count: eb('supporter_count', '+', 1) }))
      .where('id', '=', report.id)
      .execute()
  }
  for (const s of input.subscribe) await subscribe(trx, { reportId: report.id, ...s, origin: 'supporter', now: input.now })
  return inserted ? 'added' : 'already'
}

/** A subscription to a report's updates; subscribing again after unsubscribing turns it back on. */
export async function subscribe(
  trx: Db,
  s: { reportId: number; channel: 'email' | 'whatsapp'; recipient: string; locale: NotificationLocale; origin: 'supporter' | 'subscriber'; now: Date },
) {
  await trx
    .insertInto('report_subscriptions')
    .values({ report_id: s.reportId, channel: s.channel, recipient: s.recipient, locale: s.locale, origin: s.origin, created_at: s.now })
    .onConflict((oc) => oc.columns(['report_id', 'channel', 'recipient']).doUpdateSet({ unsubscribed_at: null, locale: s.locale }))
    .execute()
}
