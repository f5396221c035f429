// Reference data (jurisdictions, areas, units, categories, routing rules, holidays)
// is upserted on every start: it is idempotent. Demo staff and demo reports are
// added only to an empty database, and never when NODE_ENV=production.
import { hash } from '@node-rs/argon2'
import { sql, type Kysely, type Transaction } from 'kysely'
import { areasFor } from './seed-data/areas'
import { SEED_CATEGORIES, routingRulesFor } from './seed-data/categories'
import { DEMO_PASSWORD, DEMO_STAFF } from './seed-data/demo-staff'
import { NATIONAL_HOLIDAYS } from './seed-data/holidays'
import { HOLIDAYS_2027 } from './seed-data/holidays-2027'
import { SEED_JURISDICTIONS, type SeedJurisdiction } from './seed-data/jurisdictions'
import { unitsFor } from './seed-data/units'
import type { DB } from './types'

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
  const { id: jurisdictionId } = await db
    .insertInto('jurisdictions')
    .values({ slug: j.slug, name: j.name, code: j.code, time_zone: j.timeZone, open311_id: j.open311Id, code_prefix: j.codePrefix })
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: j.name, time_zone: j.timeZone }))
    .returning('id')
    .executeTakeFirstOrThrow()

  const areaIds = new Map<string, number>()
  for (const a of areasFor(code)) {
    const values = {
      jurisdiction_id: jurisdictionId,
      level: a.level,
      code: a.code,
      name: a.name,
      parent_id: a.parentCode ? (areaIds.get(a.parentCode) ?? null) : null,
      polygon: JSON.stringify(a.polygon),
      centroid_lat: a.centroid.lat,
      centroid_lng: a.centroid.lng,
    }
    const row = await db
      .insertInto('areas')
      .values(values)
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({ name: values.name, polygon: values.polygon, centroid_lat: values.centroid_lat, centroid_lng: values.centroid_lng }),
      )
      .returning('id')
      .executeTakeFirstOrThrow()
    areaIds.set(a.code, row.id)
  }

  const unitIds = new Map<string, number>()
  const kecamatanByName = new Map(
    areasFor(code)
      .filter((a) => a.level === 'kecamatan')
      .map((a) => [a.name.toLowerCase(), a.code]),
  )
  for (const u of unitsFor(code)) {
    const areaCode = u.kind === 'kecamatan' ? kecamatanByName.get(u.name.replace(/^Kecamatan\s+/i, '').toLowerCase()) : undefined
    const values = {
      jurisdiction_id: jurisdictionId,
      key: u.key,
      name: u.name,
      short_name: u.shortName,
      kind: u.kind,
      parent_id: u.parentKey ? (unitIds.get(u.parentKey) ?? null) : null,
      area_id: areaCode ? (areaIds.get(areaCode) ?? null) : null,
    }
    const row = await db
      .insertInto('units')
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['jurisdiction_id', 'key'])
          .doUpdateSet({ name: values.name, short_name: values.short_name, kind: values.kind, parent_id: values.parent_id, area_id: values.area_id }),
      )
      .returning('id')
      .executeTakeFirstOrThrow()
    unitIds.set(u.key, row.id)
  }

  const categoryIds = new Map<string, number>()
  for (const [index, c] of SEED_CATEGORIES.entries()) {
    const values = {
      jurisdiction_id: jurisdictionId,
      code: c.code,
      group_code: c.group,
      name_id: c.nameId,
      name_en: c.nameEn,
      description_id: c.descriptionId,
      description_en: c.descriptionEn,
      default_unit_id: unitIds.get(c.defaultUnitKey) ?? null,
      privacy_rule: c.privacyRule,
      is_misconduct: c.privacyRule === 'always_confidential',
      is_emergency: c.isEmergency,
      emergency_advice_id: c.emergencyAdviceId,
      emergency_advice_en: c.emergencyAdviceEn,
      response_target: c.responseTarget,
      response_clock: c.responseClock,
      resolution_target: c.resolutionTarget,
      resolution_clock: c.resolutionClock,
      keywords: JSON.stringify(c.keywords),
      sort_order: index,
    }
    const { jurisdiction_id: _j, code: _c, ...update } = values
    const row = await db
      .insertInto('categories')
      .values(values)
      .onConflict((oc) => oc.columns(['jurisdiction_id', 'code']).doUpdateSet(update))
      .returning('id')
      .executeTakeFirstOrThrow()
    categoryIds.set(c.code, row.id)
  }

  // Routing rules are reference data owned by the seed until an admin screen exists:
  // replace them wholesale so that edits to the seed take effect.
  await db.deleteFrom('routing_rules').where('jurisdiction_id', '=', jurisdictionId).execute()
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

async function seedHolidays(db: Db) {
  for (const h of NATIONAL_HOLIDAYS) {
    await sql`INSERT INTO holidays (jurisdiction_id, date, name, kind) VALUES (NULL, ${h.date}, ${h.name}, ${h.kind})
      ON CONFLICT (coalesce(jurisdiction_id, 0), date) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind`.execute(db)
  }
  await seedProvisionalYear(db, '2027', HOLIDAYS_2027)
}

/**
 * A year computed ahead of its SKB (ADR 012). Once a year has national rows they are the
 * admins' data: the seed adds the provisional list only to an empty year, never over it.
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

export async function isDatabaseEmpty(db: Db) {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n) === 0
}
