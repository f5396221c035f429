// The jurisdiction as the simulator sees it: reference data loaded from the database
// (categories, kelurahan, units and their simulated staff, routing rules, holidays),
// combined with the simulation parameters and texts.
import type { Kysely } from 'kysely'
import type { PrivacyRule, RoutingRule } from '../../app/domain/routing'
import { makeCalendar, type ClockKind, type SlaCalendar } from '../../app/domain/sla'
import type { DB } from '../types'
import { CATEGORY_RESOLUTION_FACTOR, DEFAULT_NO_AREA_SHARE, DEFAULT_PROFILE, KECAMATAN_PROFILE, NO_AREA_SHARE, UNIT_PROFILES, type Profile } from './profiles'
import { Rng } from './rng'
import { ensureSimStaff } from './staff'
import {
  compileAll,
  DEFAULT_DESCRIPTIONS,
  DEFAULT_RESOLUTION_NOTES,
  DESCRIPTIONS,
  GENERIC_STREETS,
  RESOLUTION_NOTES,
  STREETS_BY_SLUG,
  type Template,
} from './texts'

export interface CategoryInfo {
  id: number
  code: string
  defaultUnitId: number | null
  privacyRule: PrivacyRule
  isMisconduct: boolean
  isEmergency: boolean
  responseTarget: number
  responseClock: ClockKind
  resolutionTarget: number
  resolutionClock: ClockKind
  templates: Template[]
  resolutionNotes: string[]
  noAreaShare: number
  resolutionFactor: number
}

export interface UnitInfo {
  id: number
  key: string
  kind: string
  shortName: string
  officerId: number
  supervisorId: number
  profile: Profile
}

export interface Kelurahan {
  id: number
  kecamatanId: number
  name: string
  lat: number | null
  lng: number | null
  streets: string[]
}

export interface World {
  jurisdictionId: number
  slug: string
  codePrefix: string
  calendar: SlaCalendar
  categories: CategoryInfo[]
  kelurahan: Kelurahan[]
  units: Map<number, UnitInfo>
  unitsByKey: Map<string, UnitInfo>
  rules: RoutingRule[]
  triageUnitId: number
  inspectorateUnitId: number | null
  usedCodes: Set<string>
}

export async function loadWorld(db: Kysely<DB>, slug: string): Promise<World> {
  const jurisdiction = await db.selectFrom('jurisdictions').select(['id', 'slug', 'code_prefix', 'time_zone']).where('slug', '=', slug).executeTakeFirst()
  if (!jurisdiction) throw new Error(`Unknown jurisdiction "${slug}": seed the reference data first (seedReferenceData)`)
  const jid = jurisdiction.id

  const [categoryRows, areaRows, unitRows, ruleRows, holidayRows, codeRows] = await Promise.all([
    db.selectFrom('categories').selectAll().where('jurisdiction_id', '=', jid).where('active', '=', true).orderBy('sort_order').orderBy('id').execute(),
    db
      .selectFrom('areas')
      .select(['id', 'level', 'code', 'name', 'parent_id', 'centroid_lat', 'centroid_lng'])
      .where('jurisdiction_id', '=', jid)
      .orderBy('code')
      .execute(),
    db.selectFrom('units').select(['id', 'key', 'kind', 'short_name', 'active']).where('jurisdiction_id', '=', jid).orderBy('id').execute(),
    db.selectFrom('routing_rules').selectAll().where('jurisdiction_id', '=', jid).orderBy('id').execute(),
    db
      .selectFrom('holidays')
      .select(['date'])
      .where((eb) => eb.or([eb('jurisdiction_id', 'is', null), eb('jurisdiction_id', '=', jid)]))
      .execute(),
    db.selectFrom('reports').select('code').where('jurisdiction_id', '=', jid).execute(),
  ])
  if (categoryRows.length === 0) throw new Error(`Jurisdiction "${slug}" has no categories: seed the reference data first`)
  if (unitRows.length === 0) throw new Error(`Jurisdiction "${slug}" has no units: seed the reference data first`)
  const kelurahanRows = areaRows.filter((a) => a.level === 'kelurahan' && a.parent_id !== null)
  if (kelurahanRows.length === 0) throw new Error(`Jurisdiction "${slug}" has no kelurahan: seed the reference data first`)

  const calendar = makeCalendar(
    jurisdiction.time_zone,
    holidayRows.map((h) => String(h.date).slice(0, 10)),
  )
  const staff = await ensureSimStaff(db, jid, jurisdiction.slug, unitRows)

  const units = new Map<number, UnitInfo>()
  const unitsByKey = new Map<string, UnitInfo>()
  for (const u of unitRows) {
    const s = staff.get(u.id)
    if (!s) throw new Error(`No simulated staff for unit ${u.key}`)
    const profile = UNIT_PROFILES[u.key] ?? (u.kind === 'kecamatan' || u.kind === 'kelurahan' ? KECAMATAN_PROFILE : DEFAULT_PROFILE)
    const info: UnitInfo = { id: u.id, key: u.key, kind: u.kind, shortName: u.short_name, officerId: s.officer, supervisorId: s.supervisor, profile }
    units.set(u.id, info)
    unitsByKey.set(u.key, info)
  }

  const streets = STREETS_BY_SLUG[slug] ?? GENERIC_STREETS
  // Each kelurahan gets a fixed handful of streets (derived from its code, not the run seed).
  const kelurahan: Kelurahan[] = kelurahanRows.map((a) => {
    const local = new Rng(hashString(a.code))
    const own = new Set<string>()
    while (own.size < Math.min(6, streets.length)) own.add(local.pick(streets))
    return {
      id: a.id,
      kecamatanId: a.parent_id as number,
      name: a.name,
      lat: a.centroid_lat,
      lng: a.centroid_lng,
      streets: [...own],
    }
  })

  const categories: CategoryInfo[] = categoryRows.map((c) => ({
    id: c.id,
    code: c.code,
    defaultUnitId: c.default_unit_id,
    privacyRule: c.privacy_rule,
    isMisconduct: c.is_misconduct,
    isEmergency: c.is_emergency,
    responseTarget: Number(c.response_target),
    responseClock: c.response_clock,
    resolutionTarget: Number(c.resolution_target),
    resolutionClock: c.resolution_clock,
    templates: compileAll(DESCRIPTIONS[c.code] ?? DEFAULT_DESCRIPTIONS),
    resolutionNotes: RESOLUTION_NOTES[c.code] ?? DEFAULT_RESOLUTION_NOTES,
    noAreaShare: NO_AREA_SHARE[c.code] ?? DEFAULT_NO_AREA_SHARE,
    resolutionFactor: CATEGORY_RESOLUTION_FACTOR[c.code] ?? 1,
  }))

  const triage = unitRows.find((u) => u.kind === 'triage_desk') ?? unitRows[0]
  const inspectorate = unitRows.find((u) => u.kind === 'inspektorat')
  return {
    jurisdictionId: jid,
    slug,
    codePrefix: jurisdiction.code_prefix,
    calendar,
    categories,
    kelurahan,
    units,
    unitsByKey,
    rules: ruleRows.map((r) => ({
      id: r.id,
      categoryId: r.category_id,
      scope: r.scope,
      areaId: r.area_id,
      unitId: r.unit_id,
      precedence: r.precedence,
    })),
    triageUnitId: (triage as { id: number }).id,
    inspectorateUnitId: inspectorate?.id ?? null,
    usedCodes: new Set(codeRows.map((r) => r.code)),
  }
}

function hashString(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}
