// The shipped reference rows as table columns, shared by the one-time seed (db/seed.ts)
// and the explicit update path (db/reference-update.ts). Foreign keys are left to the
// caller: they are resolved from stable keys (area code, unit key, category code).
import { areasFor, type SeedArea } from './seed-data/areas'
import type { SeedCategory } from './seed-data/categories'
import type { SeedJurisdiction, SeedJurisdictionCode } from './seed-data/jurisdictions'
import { type SeedUnit } from './seed-data/units'

export function jurisdictionColumns(j: SeedJurisdiction) {
  return { slug: j.slug, name: j.name, code: j.code, time_zone: j.timeZone, open311_id: j.open311Id, code_prefix: j.codePrefix }
}

export function areaColumns(a: SeedArea) {
  return {
    level: a.level,
    code: a.code,
    name: a.name,
    polygon: JSON.stringify(a.polygon),
    centroid_lat: a.centroid.lat,
    centroid_lng: a.centroid.lng,
  }
}

export function unitColumns(u: SeedUnit) {
  return { name: u.name, short_name: u.shortName, kind: u.kind }
}

/** A kecamatan office is tied to its kecamatan area, matched by name. */
export function unitAreaCode(jurisdictionCode: SeedJurisdictionCode, u: SeedUnit) {
  if (u.kind !== 'kecamatan') return undefined
  const name = u.name.replace(/^Kecamatan\s+/i, '').toLowerCase()
  return areasFor(jurisdictionCode).find((a) => a.level === 'kecamatan' && a.name.toLowerCase() === name)?.code
}

export function categoryColumns(c: SeedCategory, index: number) {
  return {
    group_code: c.group,
    name_id: c.nameId,
    name_en: c.nameEn,
    description_id: c.descriptionId,
    description_en: c.descriptionEn,
    privacy_rule: c.privacyRule,
    is_misconduct: c.isMisconduct,
    is_emergency: c.isEmergency,
    emergency_advice_id: c.emergencyAdviceId,
    emergency_advice_en: c.emergencyAdviceEn,
    response_target: c.responseTarget,
    response_clock: c.responseClock,
    resolution_target: c.resolutionTarget,
    resolution_clock: c.resolutionClock,
    keywords: JSON.stringify(c.keywords),
    sort_order: index,
    attributes: JSON.stringify(c.attributes ?? []),
  }
}
