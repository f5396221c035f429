// Decides which unit (OPD) receives a new report. Most specific area wins;
// misconduct complaints bypass the normal chain so the accused unit never
// handles a complaint about itself.

import type { Privacy, PrivacyRule, RoutingScope } from './vocabulary'

export type RuleScope = RoutingScope
export type { Privacy, PrivacyRule }

export interface RoutingRule {
  id: number
  categoryId: number
  scope: RuleScope
  /** null for jurisdiction scope. */
  areaId: number | null
  unitId: number
  /** Higher wins within the same scope; ties go to the lower id. */
  precedence: number
}

export interface RoutingInput {
  category: { id: number; defaultUnitId: number | null; privacyRule: PrivacyRule; isMisconduct: boolean }
  /** null = location unknown. */
  kelurahan: { id: number; kecamatanId: number } | null
  /** May contain rules for other categories/areas: they are filtered out here. */
  rules: readonly RoutingRule[]
  /** Diskominfo triage desk: last resort. */
  triageUnitId: number
  inspectorateUnitId: number | null
}

export type RoutingReason = 'misconduct' | 'kelurahan_rule' | 'kecamatan_rule' | 'jurisdiction_rule' | 'category_default' | 'triage'

function bestRule(rules: readonly RoutingRule[]): RoutingRule | undefined {
  let best: RoutingRule | undefined
  for (const r of rules) {
    if (!best || r.precedence > best.precedence || (r.precedence === best.precedence && r.id < best.id)) {
      best = r
    }
  }
  return best
}

export function routeReport(input: RoutingInput): { unitId: number; reason: RoutingReason } {
  const { category, kelurahan, rules } = input
  if (category.isMisconduct && input.inspectorateUnitId !== null) {
    return { unitId: input.inspectorateUnitId, reason: 'misconduct' }
  }

  const mine = rules.filter((r) => r.categoryId === category.id)
  // Without a known kelurahan only jurisdiction-wide rules can match.
  const levels: [RuleScope, number | null, RoutingReason][] = [
    ['kelurahan', kelurahan?.id ?? null, 'kelurahan_rule'],
    ['kecamatan', kelurahan?.kecamatanId ?? null, 'kecamatan_rule'],
  ]
  for (const [scope, areaId, reason] of levels) {
    if (areaId === null) continue
    const hit = bestRule(mine.filter((r) => r.scope === scope && r.areaId === areaId))
    if (hit) return { unitId: hit.unitId, reason }
  }
  const wide = bestRule(mine.filter((r) => r.scope === 'jurisdiction'))
  if (wide) return { unitId: wide.unitId, reason: 'jurisdiction_rule' }

  if (category.defaultUnitId !== null) return { unitId: category.defaultUnitId, reason: 'category_default' }
  return { unitId: input.triageUnitId, reason: 'triage' }
}

/** Some categories (e.g. misconduct, violence) must never be public, whatever the citizen picked. */
export function effectivePrivacy(requested: Privacy, rule: PrivacyRule): Privacy {
  return rule === 'always_confidential' ? 'confidential' : requested
}
