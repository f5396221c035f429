// The public list of reports (/laporan, its map and CSV; issue 8 §4) and the home
// page's recent fixes. One filter for all of them, so the privacy rules live once:
// never confidential reports, never misconduct categories (they stay within the
// Inspektorat), never rejected reports or merged duplicates, never contacts or
// internal notes, and points only as the public may see them (domain/public-location).
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '#db/types'
import { publicPoint } from '~/domain/public-location'
import { PUBLIC_LIST_STATUSES, type PublicListSort } from '~/domain/vocabulary'

type Db = Kysely<DB> | Transaction<DB>

export const PUBLIC_PAGE_SIZE = 20
/** At most this many points reach the map, newest first (the answer says when it was cut). */
export const MAP_POINT_CAP = 5000
/** At most this many rows in one CSV. */
export const CSV_ROW_CAP = 10_000

export interface PublicListFilter {
  jurisdictionId: number
  categoryId?: number
  kecamatanId?: number
  kelurahanId?: number
  status?: (typeof PUBLIC_LIST_STATUSES)[number]
  periodDays?: number
  overdue?: boolean
  now: Date
}

/** Public reports matching the filter (aliases r and c); the one place the privacy rules are applied. */
function publicReports(db: Db, f: PublicListFilter) {
  let q = db
    .selectFrom('reports as r')
    .innerJoin('categories as c', 'c.id', 'r.category_id')
    .where('r.jurisdiction_id', '=', f.jurisdictionId)
    .where('r.privacy', '<>', 'confidential')
    .where('c.is_misconduct', '=', false)
    .where('r.status', 'in', f.status ? [f.status] : [...PUBLIC_LIST_STATUSES])
  if (f.categoryId !== undefined) q = q.where('r.category_id', '=', f.categoryId)
  if (f.kelurahanId !== undefined) q = q.where('r.area_id', '=', f.kelurahanId)
  else if (f.kecamatanId !== undefined) {
    const kecamatanId = f.kecamatanId
    q = q.where('r.area_id', 'in', (eb) => eb.selectFrom('areas').select('id').where('parent_id', '=', kecamatanId))
  }
  if (f.periodDays !== undefined) q = q.where('r.created_at', '>=', new Date(f.now.getTime() - f.periodDays * 86_400_000))
  // domain/sla.ts isOverdue, in SQL: done (or still open now) after the resolution due time.
  if (f.overdue) q = q.where(sql<boolean>`coalesce(r.resolved_at, ${f.now}::timestamptz) > r.resolution_due_at`)
  return q
}

function withNames(q: ReturnType<typeof publicReports>) {
  return q
    .leftJoin('areas as k', 'k.id', 'r.area_id')
    .leftJoin('areas as kec', 'kec.id', 'k.parent_id')
    .select([
      'r.id',
      'r.code',
      'r.status',
      'r.privacy',
      'r.lat',
      'r.lng',
      'r.created_at',
      'r.resolved_at',
      'r.resolution_due_at',
      'r.supporter_count',
      'c.name_id as category_name_id',
      'c.name_en as category_name_en',
      'k.name as kelurahan_name',
      'kec.name as kecamatan_name',
    ])
}

function sorted<T extends ReturnType<typeof withNames>>(q: T, sort: PublicListSort): T {
  const bySupport = sort === 'supported' ? q.orderBy('r.supporter_count', 'desc') : q
  return bySupport.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc') as T
}

/** The exact point is dropped here, before anything leaves the model. */
function toPublic<R extends { lat: number | null; lng: number | null; privacy: 'public' | 'anonymous' | 'confidential' }>(row: R) {
  const { lat, lng, ...rest } = row
  const point = publicPoint({ lat, lng }, row.privacy)
  return { ...rest, lat: point?.lat ?? null, lng: point?.lng ?? null }
}

/** One page of the list, with the true number of matching reports. */
export async function listPublicReports(db: Db, f: PublicListFilter & { sort: PublicListSort; page: number }) {
  const [rows, count] = await Promise.all([
    sorted(withNames(publicReports(db, f)), f.sort)
      .select(sql<string>`left(r.description, 160)`.as('excerpt'))
      .limit(PUBLIC_PAGE_SIZE)
      .offset((f.page - 1) * PUBLIC_PAGE_SIZE)
      .execute(),
    publicReports(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { total: Number(count.n), pageSize: PUBLIC_PAGE_SIZE, reports: rows.map(toPublic) }
}

/** The rows of the CSV: the whole filtered list (capped), full description, never a contact. */
export async function listPublicReportsForCsv(db: Db, f: PublicListFilter & { sort: PublicListSort }) {
  const rows = await sorted(withNames(publicReports(db, f)), f.sort)
    .select(['r.description', 'r.first_response_at'])
    .limit(CSV_ROW_CAP)
    .execute()
  return rows.map(toPublic)
}

/** Points for the map: public reports only (anonymous ones have no public point), rounded. */
export async function listPublicPoints(db: Db, f: PublicListFilter) {
  const rows = await publicReports(db, f)
    .where('r.privacy', '=', 'public')
    .where('r.lat', 'is not', null)
    .where('r.lng', 'is not', null)
    .select(['r.code', 'r.status', 'r.privacy', 'r.lat', 'r.lng'])
    .orderBy('r.created_at', 'desc')
    .limit(MAP_POINT_CAP + 1)
    .execute()
  const points = rows.slice(0, MAP_POINT_CAP).flatMap((r) => {
    const p = publicPoint({ lat: r.lat, lng: r.lng }, r.privacy)
    return p ? [{ code: r.code, status: r.status, lat: p.lat, lng: p.lng }] : []
  })
  return { points, capped: rows.length > MAP_POINT_CAP }
}

/**
 * The latest fixes for the home page: resolved or closed public reports, with one
 * "before" and one "after" photo each where there are some. A photo attached to an
 * event counts only when that event is public (migration 0008).
 */
export async function listRecentFixes(db: Db, jurisdictionId: number, limit = 5) {
  const reports = await withNames(
    db
      .selectFrom('reports as r')
      .innerJoin('categories as c', 'c.id', 'r.category_id')
      .where('r.jurisdiction_id', '=', jurisdictionId)
      .where('r.privacy', '<>', 'confidential')
      .where('c.is_misconduct', '=', false)
      .where('r.status', 'in', ['resolved', 'closed'])
      .where('r.resolved_at', 'is not', null),
  )
    .orderBy('r.resolved_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute()
  if (reports.length === 0) return []
  const photos = await db
    .selectFrom('attachments as a')
    .leftJoin('report_events as e', 'e.id', 'a.event_id')
    .select(['a.report_id', 'a.phase', 'a.storage_key', 'a.width', 'a.height'])
    .where(
      'a.report_id',
      'in',
      reports.map((r) => r.id),
    )
    .where((eb) => eb.or([eb('a.event_id', 'is', null), eb('e.visibility', '=', 'public')]))
    .orderBy('a.id')
    .execute()
  return reports.map((r) => {
    const mine = photos.filter((p) => p.report_id === r.id)
    const pick = (phase: 'before' | 'after') => {
      const p = mine.find((x) => x.phase === phase)
      return p ? { storage_key: p.storage_key, width: p.width, height: p.height } : null
    }
    return { ...toPublic(r), before: pick('before'), after: pick('after') }
  })
}
