// Reference data for an Open311 import (ADR 020): the jurisdiction (made by --create),
// its categories from the distinct service_code/service_name and its units from
// agency_responsible (plus a default unit for records without one). Each creation writes
// its audit row in the same transaction as the row itself.
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'
import { findContainingArea, type Geometry, type Point } from '~/domain/geo'
import { categoryCodeFor, codePrefixCandidates, unitKeyFor, type ImportRecord } from '~/domain/open311-record'
import { computeDueAt, type SlaCalendar } from '~/domain/sla'
import type { ClockKind } from '~/domain/vocabulary'
import { recordAudit } from '~/models/audit.server'
import { getSlaCalendar } from '~/models/reference.server'

type Db = Kysely<DB> | Transaction<DB>

/**
 * Targets of the categories an import creates (due times are NOT NULL): 72 hours to a first
 * response and 240 hours (10 days) to a resolution, on calendar hours because a foreign
 * city's holidays are not in our calendar.
 */
export const IMPORTED_CATEGORY_TARGETS = { response: 72, resolution: 240, clock: 'calendar_hours' } as const
/** units.key of the unit that takes records without agency_responsible (and no category default). */
export const IMPORT_DEFAULT_UNIT_KEY = 'open311-import'

export class Open311ImportError extends Error {}

interface CategoryRef {
  id: number
  defaultUnitId: number | null
  response: { target: number; clock: ClockKind }
  resolution: { target: number; clock: ClockKind }
}

export interface ImportContext {
  jurisdictionId: number
  codePrefix: string
  /** The category of a record, created in create mode; null: unknown service_code. */
  category(db: Db, r: ImportRecord): Promise<CategoryRef | null>
  /** The unit a record goes to; null: none found. */
  unit(db: Db, r: ImportRecord, c: CategoryRef): Promise<number | null>
  areaAt(p: Point): number | null
  dueTimes(createdAt: Date, c: CategoryRef): { response: Date; resolution: Date }
}

export interface CreateJurisdiction {
  name: string
  timeZone: string
}

export async function openImportContext(db: Db, slug: string, create: CreateJurisdiction | undefined, now: Date): Promise<ImportContext> {
  let j = await db.selectFrom('jurisdictions').select(['id', 'code_prefix', 'time_zone']).where('slug', '=', slug).executeTakeFirst()
  if (!j) {
    if (!create) throw new Open311ImportError(`Unknown jurisdiction "${slug}" (add --create --name … --tz … to make it)`)
    j = await createJurisdiction(db, slug, create, now)
  }
  const jurisdictionId = j.id
  const calendar: SlaCalendar = await getSlaCalendar(db, { id: j.id, time_zone: j.time_zone })

  const categories = new Map<string, CategoryRef>()
  const catRows = await db
    .selectFrom('categories')
    .select(['id', 'code', 'open311_code', 'default_unit_id', 'response_target', 'response_clock', 'resolution_target', 'resolution_clock'])
    .where('jurisdiction_id', '=', j.id)
    .execute()
  const toRef = (c: (typeof catRows)[number]): CategoryRef => ({
    id: c.id,
    defaultUnitId: c.default_unit_id,
    response: { target: Number(c.response_target), clock: c.response_clock },
    resolution: { target: Number(c.resolution_target), clock: c.resolution_clock },
  })
  // The foreign code wins over our code when both match different categories.
  for (const c of catRows) categories.set(c.code, toRef(c))
  for (const c of catRows) if (c.open311_code) categories.set(c.open311_code, toRef(c))

  const units = new Map<string, number>()
  const unitRows = await db.selectFrom('units').select(['id', 'key', 'name', 'short_name', 'kind']).where('jurisdiction_id', '=', j.id).execute()
  for (const u of unitRows) {
    units.set(u.name.toLowerCase(), u.id)
    units.set(u.short_name.toLowerCase(), u.id)
  }
  let fallbackUnit = unitRows.find((u) => u.key === IMPORT_DEFAULT_UNIT_KEY)?.id ?? unitRows.find((u) => u.kind === 'triage_desk')?.id ?? null

  const areaRows = await db.selectFrom('areas').select(['id', 'polygon']).where('jurisdiction_id', '=', j.id).where('level', '=', 'kelurahan').execute()
  const areas = areaRows.filter((a) => a.polygon !== null).map((a) => ({ id: a.id, polygon: a.polygon as Geometry }))

  const defaultUnit = async (tx: Db) => {
    if (fallbackUnit === null && create)
      fallbackUnit = await ensureUnit(tx, jurisdictionId, IMPORT_DEFAULT_UNIT_KEY, 'Imported requests (no agency)', 'triage_desk', now)
    return fallbackUnit
  }

  return {
    jurisdictionId,
    codePrefix: j.code_prefix,
    async category(tx, r) {
      const known = categories.get(r.serviceCode)
      if (known || !create) return known ?? null
      const unitId = r.agency ? await agencyUnit(tx, r.agency) : await defaultUnit(tx)
      const ref = await ensureCategory(tx, jurisdictionId, r, unitId, now)
      categories.set(r.serviceCode, ref)
      return ref
    },
    async unit(tx, r, c) {
      if (r.agency) {
        const known = units.get(r.agency.toLowerCase())
        if (known) return known
        if (create) return agencyUnit(tx, r.agency)
      }
      return c.defaultUnitId ?? (await defaultUnit(tx))
    },
    areaAt(p) {
      return areas.length === 0 ? null : (findContainingArea(areas, p)?.id ?? null)
    },
    dueTimes(createdAt, c) {
      return {
        response: computeDueAt(createdAt, c.response.target, c.response.clock, calendar),
        resolution: computeDueAt(createdAt, c.resolution.target, c.resolution.clock, calendar),
      }
    },
  }

  async function agencyUnit(tx: Db, agency: string) {
    const id = await ensureUnit(tx, jurisdictionId, unitKeyFor(agency), agency, 'dinas', now)
    units.set(agency.toLowerCase(), id)
    return id
  }
}

async function createJurisdiction(db: Db, slug: string, create: CreateJurisdiction, now: Date) {
  if (!/^[a-z0-9-]{2,60}$/.test(slug)) throw new Open311ImportError(`Jurisdiction slug must be 2-60 of a-z, 0-9 and "-", got "${slug}"`)
  const name = create.name.trim()
  if (!name || name.length > 200) throw new Open311ImportError('--name must be 1-200 characters')
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: create.timeZone })
  } catch {
    throw new Open311ImportError(`Unknown time zone "${create.timeZone}" (e.g. America/New_York)`)
  }
  const taken = await db.selectFrom('jurisdictions').select(['code', 'code_prefix', 'open311_id']).execute()
  // Kemendagri codes are 2 or 2.2 digits; foreign cities get a free one from 99.99 down,
  // a range no Indonesian province uses.
  let code: string | undefined
  for (let n = 9999; n >= 9000 && !code; n--) {
    const c = `${String(n).slice(0, 2)}.${String(n).slice(2)}`
    if (!taken.some((t) => t.code === c)) code = c
  }
  const codePrefix = codePrefixCandidates(slug).find((p) => !taken.some((t) => t.code_prefix === p))
  const open311Id = [slug, `${slug}-open311`].find((o) => !taken.some((t) => t.open311_id === o))
  if (!code || !codePrefix || !open311Id) throw new Open311ImportError('No free jurisdiction code or tracking-code prefix left')
  const row = { slug, name, code, time_zone: create.timeZone, open311_id: open311Id, code_prefix: codePrefix }
  const run = async (tx: Db) => {
    const j = await tx.insertInto('jurisdictions').values(row).returning(['id', 'code_prefix', 'time_zone']).executeTakeFirstOrThrow()
    await recordAudit(tx, { jurisdictionId: j.id, actorUserId: null, kind: 'created', entity: 'jurisdiction', entityId: j.id, subject: name, after: row, now })
    return j
  }
  return inTransaction(db, run)
}

async function ensureUnit(db: Db, jurisdictionId: number, key: string, name: string, kind: 'dinas' | 'triage_desk', now: Date): Promise<number> {
  return inTransaction(db, async (tx) => {
    const row = { jurisdiction_id: jurisdictionId, key, name, short_name: name.slice(0, 60), kind }
    const inserted = await tx
      .insertInto('units')
      .values(row)
      .onConflict((oc) => oc.columns(['jurisdiction_id', 'key']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (inserted) {
      await recordAudit(tx, { jurisdictionId, actorUserId: null, kind: 'created', entity: 'unit', entityId: inserted.id, subject: name, after: row, now })
      return inserted.id
    }
    const existing = await tx.selectFrom('units').select('id').where('jurisdiction_id', '=', jurisdictionId).where('key', '=', key).executeTakeFirstOrThrow()
    return existing.id
  })
}

async function ensureCategory(db: Db, jurisdictionId: number, r: ImportRecord, unitId: number | null, now: Date): Promise<CategoryRef> {
  const t = IMPORTED_CATEGORY_TARGETS
  const row = {
    jurisdiction_id: jurisdictionId,
    code: categoryCodeFor(r.serviceCode, r.serviceName),
    open311_code: r.serviceCode,
    group_code: 'open311',
    name_id: r.serviceName,
    name_en: r.serviceName,
    description_id: r.serviceName,
    description_en: r.serviceName,
    default_unit_id: unitId,
    privacy_rule: 'citizen_choice' as const,
    response_target: t.response,
    response_clock: t.clock,
    resolution_target: t.resolution,
    resolution_clock: t.clock,
  }
  return inTransaction(db, async (tx) => {
    const inserted = await tx
      .insertInto('categories')
      .values(row)
      .onConflict((oc) => oc.columns(['jurisdiction_id', 'code']).doNothing())
      .returning(['id'])
      .executeTakeFirst()
    if (inserted)
      await recordAudit(tx, {
        jurisdictionId,
        actorUserId: null,
        kind: 'created',
        entity: 'category',
        entityId: inserted.id,
        subject: r.serviceName,
        after: row,
        now,
      })
    const c = await tx
      .selectFrom('categories')
      .select(['id', 'default_unit_id', 'response_target', 'response_clock', 'resolution_target', 'resolution_clock'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('code', '=', row.code)
      .executeTakeFirstOrThrow()
    return {
      id: c.id,
      defaultUnitId: c.default_unit_id,
      response: { target: Number(c.response_target), clock: c.response_clock },
      resolution: { target: Number(c.resolution_target), clock: c.resolution_clock },
    }
  })
}

/** Runs in a new transaction on a Kysely, or inside the caller's transaction (strict imports). */
function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : (db as Kysely<DB>).transaction().execute(fn)
}
