// Reference data (jurisdictions, areas, units, categories, routing rules) is seeded ONCE,
// into a jurisdiction without units or categories; after that it is the admins' data and
// no start overwrites, deletes or re-creates a row (ADR 015). Shipped changes reach an
// existing install through a migration or `npm run db:seed -- --update-reference`
// (db/reference-update.ts). Demo staff and demo reports are added only to an empty
// database, and never when NODE_ENV=production.
import { hash } from '@node-rs/argon2'
import { sql, type Kysely, type Transaction } from 'kysely'
import { areasFor } from './seed-data/areas'
import { SEED_CATEGORIES, routingRulesFor } from './seed-data/categories'
import { DEMO_OPEN311_KEY, DEMO_PASSWORD, DEMO_STAFF } from './seed-data/demo-staff'
import { NATIONAL_HOLIDAYS } from './seed-data/holidays'
import { HOLIDAYS_2027 } from './seed-data/holidays-2027'
import { SEED_JURISDICTIONS, type SeedJurisdiction } from './seed-data/jurisdictions'
import { unitsFor } from './seed-data/units'
import { areaColumns, categoryColumns, jurisdictionColumns, unitAreaCode, unitColumns } from './reference-rows'
import type { DB } from './types'
import { createApiKey, hashApiKey } from '../app/models/api-key.server'

type Db = Kysely<DB> | Transaction<DB>
type JurisdictionCode = '35.73' | '35.77'

// argon2id with OWASP's recommended minimum (19 MiB, 2 passes).
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export async function seedReferenceData(db: Db) {
  for (const j of SEED_JURISDICTIONS) await seedJurisdiction(db, j)
  await seedHolidays(db)
}

async function seedJurisdiction(db: Db, j: SeedJurisdiction) {
  const code = j.code as JurisdictionCode
  await db
    .insertInto('jurisdictions')
    .values(jurisdictionColumns(j))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute()
  const { id: jurisdictionId } = await db.selectFrom('jurisdictions').select('id').where('code', '=', j.code).executeTakeFirstOrThrow()
  // Seeded once: a jurisdiction that has units or categories belongs to its admins (ADR 015).
  if (await hasReferenceRows(db, jurisdictionId)) return

  const areaIds = new Map<string, number>()
  for (const a of areasFor(code)) {
    const parentId = a.parentCode ? (areaIds.get(a.parentCode) ?? null) : null
    // Areas are unique by Kemendagri code across jurisdictions; an existing one is kept as is.
    await db
      .insertInto('areas')
      .values({ jurisdiction_id: jurisdictionId, parent_id: parentId, ...areaColumns(a) })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute()
    const row = await db.selectFrom('areas').select('id').where('code', '=', a.code).executeTakeFirstOrThrow()
    areaIds.set(a.code, row.id)
  }

  const unitIds = new Map<string, number>()
  for (const u of unitsFor(code)) {
    const areaCode = unitAreaCode(code, u)
    const row = await db
      .insertInto('units')
      .values({
        jurisdiction_id: jurisdictionId,
        key: u.key,
        ...unitColumns(u),
        parent_id: u.parentKey ? (unitIds.get(u.parentKey) ?? null) : null,
        area_id: areaCode ? (areaIds.get(areaCode) ?? null) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    unitIds.set(u.key, row.id)
  }

  const categoryIds = new Map<string, number>()
  for (const [index, c] of SEED_CATEGORIES.entries()) {
    const row = await db
      .insertInto('categories')
      .values({ jurisdiction_id: jurisdictionId, code: c.code, ...categoryColumns(c, index), default_unit_id: unitIds.get(c.defaultUnitKey) ?? null })
      .returning('id')
      .executeTakeFirstOrThrow()
    categoryIds.set(c.code, row.id)
  }

  const rules = routingRulesFor(code).map((r) => ({
    jurisdiction_id: jurisdictionId,
    category_id: mustGet(categoryIds, r.categoryCode, 'category'),
    scope: r.scope,
    area_id: r.areaCode ? mustGet(areaIds, r.areaCode, 'area') : null,
    unit_id: mustGet(unitIds, r.unitKey, 'unit'),
    precedence: r.precedence,
    note: r.note,
  }))
  if (rules.length) await db.insertInto('routing_rules').values(rules).execute()
}

async function hasReferenceRows(db: Db, jurisdictionId: number) {
  const unit = await db.selectFrom('units').select('id').where('jurisdiction_id', '=', jurisdictionId).limit(1).executeTakeFirst()
  const category = await db.selectFrom('categories').select('id').where('jurisdiction_id', '=', jurisdictionId).limit(1).executeTakeFirst()
  return unit !== undefined || category !== undefined
}

/**
 * National holidays are seeded per year, and only into a year with no national rows:
 * after that the year is the admins' data (ADR 012, ADR 015) and no boot renames,
 * re-creates or overwrites a day of it.
 */
async function seedHolidays(db: Db) {
  const years = new Map<string, typeof HOLIDAYS_2027>()
  for (const h of [...NATIONAL_HOLIDAYS.map((n) => ({ ...n, provisional: false })), ...HOLIDAYS_2027]) {
    const year = h.date.slice(0, 4)
    years.set(year, [...(years.get(year) ?? []), h])
  }
  for (const [year, holidays] of years) await seedProvisionalYear(db, year, holidays)
}

/**
 * One year of national holidays (confirmed, or computed ahead of its SKB as provisional),
 * added only to a year that has no national rows yet; returns how many were added.
 */
export async function seedProvisionalYear(db: Db, year: string, holidays: typeof HOLIDAYS_2027) {
  const existing = await db
    .selectFrom('holidays')
    .select('id')
    .where('jurisdiction_id', 'is', null)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .limit(1)
    .executeTakeFirst()
  if (existing) return 0
  await db
    .insertInto('holidays')
    .values(holidays.map((h) => ({ jurisdiction_id: null, date: h.date, name: h.name, kind: h.kind, provisional: h.provisional })))
    .execute()
  return holidays.length
}

function mustGet(map: Map<string, number>, key: string, what: string) {
  const value = map.get(key)
  if (value === undefined) throw new Error(`Seed: unknown ${what} ${key}`)
  return value
}

export async function seedDemoStaff(db: Db) {
  const passwordHash = await hash(DEMO_PASSWORD, ARGON2_OPTIONS)
  const jurisdictions = await db.selectFrom('jurisdictions').select(['id', 'code']).execute()
  for (const s of DEMO_STAFF) {
    const jurisdictionCode = 'jurisdictionCode' in s && s.jurisdictionCode ? s.jurisdictionCode : '35.73'
    const jurisdiction = jurisdictions.find((j) => j.code === jurisdictionCode)
    if (!jurisdiction) throw new Error(`Seed: unknown jurisdiction ${jurisdictionCode}`)
    const unit = s.unitKey
      ? await db.selectFrom('units').select('id').where('jurisdiction_id', '=', jurisdiction.id).where('key', '=', s.unitKey).executeTakeFirstOrThrow()
      : null
    await sql`INSERT INTO users (jurisdiction_id, email, name, password_hash, role, unit_id)
      VALUES (${jurisdiction.id}, ${s.email}, ${s.name}, ${passwordHash}, ${s.role}, ${unit?.id ?? null})
      ON CONFLICT (lower(email)) DO NOTHING`.execute(db)
  }
}

/**
 * The demo Open311 key of the first jurisdiction (Kota Malang), made once: a key an admin
 * revoked stays revoked (the hash is looked up whatever its state).
 */
export async function seedDemoApiKey(db: Db) {
  const existing = await db.selectFrom('api_keys').select('id').where('key_hash', '=', hashApiKey(DEMO_OPEN311_KEY)).executeTakeFirst()
  if (existing) return
  const jurisdiction = await db.selectFrom('jurisdictions').select('id').where('code', '=', '35.73').executeTakeFirst()
  if (!jurisdiction) return
  await createApiKey(db, { jurisdictionId: jurisdiction.id, name: 'Demo Open311 (README)', createdByUserId: null, key: DEMO_OPEN311_KEY })
}

export async function isDatabaseEmpty(db: Db) {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n) === 0
}
