// Open311 GeoReport v2 queries (issue 9). Public data only: confidential reports are
// filtered in every query (the same rule as getPublicReport), contacts are never joined,
// and the exact point is rounded by the caller (domain/public-location) before it leaves.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import type { RequestListQuery } from '~/domain/open311'
import { OPEN_STATUSES } from '~/domain/vocabulary'

type Db = Kysely<DB> | Transaction<DB>

/** A jurisdiction by its slug or its Open311 jurisdiction_id. */
export function findOpen311Jurisdiction(db: Db, idOrSlug: string) {
  return db
    .selectFrom('jurisdictions')
    .select(['id', 'slug', 'name', 'time_zone', 'code_prefix', 'open311_id'])
    .where((eb) => eb.or([eb('slug', '=', idOrSlug), eb('open311_id', '=', idOrSlug)]))
    .orderBy('id')
    .limit(1)
    .executeTakeFirst()
}

const serviceColumns = [
  'id',
  'code',
  'group_code',
  'name_id',
  'name_en',
  'description_id',
  'description_en',
  'keywords',
  'attributes',
  'privacy_rule',
  'emergency_advice_id',
  'emergency_advice_en',
] as const

/** The active categories of a jurisdiction, in their display order. */
export function listOpen311Services(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('categories')
    .select(serviceColumns)
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('id')
    .execute()
}

export function getOpen311Service(db: Db, jurisdictionId: number, code: string) {
  return db
    .selectFrom('categories')
    .select(serviceColumns)
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst()
}

/** A kelurahan by its Kemendagri code (Open311 address_id). */
export function findKelurahanByCode(db: Db, jurisdictionId: number, code: string) {
  return db
    .selectFrom('areas')
    .select(['id', 'name'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('level', '=', 'kelurahan')
    .where('code', '=', code)
    .executeTakeFirst()
}

/**
 * The page's report ids first (filters, order, limit on the reports table alone, through
 * the partial indexes of migration 0012), then what the Open311 fields need for those
 * rows only: the per-row look-ups (latest public note, first photo) never run for rows
 * the page does not show.
 */
function publicPage(db: Db, jurisdictionId: number, q: RequestListQuery | null, code: string | null) {
  let page = db
    .selectFrom('reports as p')
    .select(['p.id', 'p.created_at as sort_created', 'p.updated_at as sort_updated'])
    .where('p.jurisdiction_id', '=', jurisdictionId)
    // Spelled exactly as the partial indexes' predicate.
    .where('p.privacy', '<>', 'confidential')
  if (code !== null) return page.where('p.code', '=', code).limit(1)
  if (!q) return page
  if (q.ids) page = page.where('p.code', 'in', q.ids)
  if (q.serviceCodes) {
    const codes = q.serviceCodes
    page = page.where('p.category_id', 'in', (eb) =>
      eb.selectFrom('categories').select('id').where('jurisdiction_id', '=', jurisdictionId).where('code', 'in', codes),
    )
  }
  if (q.statuses && q.statuses.length === 1) {
    page = q.statuses[0] === 'open' ? page.where('p.status', 'in', OPEN_STATUSES) : page.where('p.status', 'not in', OPEN_STATUSES)
  }
  if (q.from) page = page.where('p.created_at', '>=', q.from)
  if (q.to) page = page.where('p.created_at', '<=', q.to)
  page = q.updatedAfter
    ? page.where('p.updated_at', '>', q.updatedAfter).orderBy('p.updated_at').orderBy('p.id')
    : page.orderBy('p.created_at', 'desc').orderBy('p.id', 'desc')
  return page.limit(q.pageSize).offset((q.page - 1) * q.pageSize)
}

function publicRequests(db: Db, page: ReturnType<typeof publicPage>) {
  return (
    db
      .selectFrom(page.as('pg'))
      .innerJoin('reports as r', 'r.id', 'pg.id')
      .innerJoin('categories as c', 'c.id', 'r.category_id')
      .innerJoin('units as u', 'u.id', 'r.current_unit_id')
      .leftJoin('areas as k', 'k.id', 'r.area_id')
      .leftJoin('areas as kec', 'kec.id', 'k.parent_id')
      // status_notes: the latest public event that says something.
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('report_events as e')
            .select(['e.body'])
            .whereRef('e.report_id', '=', 'r.id')
            .where('e.visibility', '=', 'public')
            .where('e.body', 'is not', null)
            .orderBy('e.created_at', 'desc')
            .orderBy('e.id', 'desc')
            .limit(1)
            .as('note'),
        (join) => join.onTrue(),
      )
      // media_url: the first photo that is not tied to an internal event.
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('attachments as a')
            .leftJoin('report_events as ae', 'ae.id', 'a.event_id')
            .select(['a.storage_key'])
            .whereRef('a.report_id', '=', 'r.id')
            .where((w) => w.or([w('a.event_id', 'is', null), w('ae.visibility', '=', 'public')]))
            .orderBy('a.id')
            .limit(1)
            .as('photo'),
        (join) => join.onTrue(),
      )
      .select([
        'r.id',
        'r.code',
        'r.status',
        'r.reject_reason',
        'r.privacy',
        'r.description',
        'r.address',
        'r.lat',
        'r.lng',
        'r.created_at',
        'r.updated_at',
        'r.resolution_due_at',
        'r.media_url',
        'c.code as service_code',
        'c.name_id as service_name_id',
        'c.name_en as service_name_en',
        'u.name as unit_name',
        'k.code as area_code',
        'k.name as kelurahan_name',
        'kec.name as kecamatan_name',
        'note.body as note',
        'photo.storage_key as photo_key',
      ])
  )
}

export type PublicRequestRow = Awaited<ReturnType<typeof listPublicRequests>>[number]

export function listPublicRequests(db: Db, jurisdictionId: number, q: RequestListQuery) {
  const query = publicRequests(db, publicPage(db, jurisdictionId, q, null))
  // The page's order again (a join does not keep it).
  return (q.updatedAfter ? query.orderBy('pg.sort_updated').orderBy('pg.id') : query.orderBy('pg.sort_created', 'desc').orderBy('pg.id', 'desc')).execute()
}

export function getPublicRequest(db: Db, jurisdictionId: number, code: string) {
  return publicRequests(db, publicPage(db, jurisdictionId, null, code)).executeTakeFirst()
}

/**
 * status_notes and the photo of media_url for many reports at once (the export's page):
 * the same rules as the GET query's look-ups, set-based over the ids.
 */
export async function publicNotesAndPhotos(db: Db, reportIds: number[]) {
  const out = new Map<number, { note: string | null; photoKey: string | null }>()
  if (reportIds.length === 0) return out
  for (const id of reportIds) out.set(id, { note: null, photoKey: null })
  const notes = await db
    .selectFrom('report_events as e')
    .distinctOn('e.report_id')
    .select(['e.report_id', 'e.body'])
    .where('e.report_id', 'in', reportIds)
    .where('e.visibility', '=', 'public')
    .where('e.body', 'is not', null)
    .orderBy('e.report_id')
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .execute()
  for (const n of notes) out.get(n.report_id)!.note = n.body
  const photos = await db
    .selectFrom('attachments as a')
    .leftJoin('report_events as ae', 'ae.id', 'a.event_id')
    .distinctOn('a.report_id')
    .select(['a.report_id', 'a.storage_key'])
    .where('a.report_id', 'in', reportIds)
    .where((w) => w.or([w('a.event_id', 'is', null), w('ae.visibility', '=', 'public')]))
    .orderBy('a.report_id')
    .orderBy('a.id')
    .execute()
  for (const p of photos) out.get(p.report_id)!.photoKey = p.storage_key
  return out
}

/** For the benchmark: the same rows' bare columns in one plain statement. */
export function rawRequestRows(db: Db, jurisdictionId: number, from: Date, limit: number) {
  return sql`SELECT r.code, r.status, r.description, r.address, r.lat, r.lng, r.created_at, r.updated_at
    FROM reports r WHERE r.jurisdiction_id = ${jurisdictionId} AND r.privacy <> 'confidential' AND r.created_at >= ${from}
    ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit}`.execute(db)
}
