// Rules of the reference administration (/admin, issue 7 §2): the unit tree, the
// routing-rule explanation, the fall-through warning and the holiday CSV. Pure.
import { routeReport, type RoutingInput, type RoutingReason, type RoutingRule } from './routing'
import { HOLIDAY_KINDS, isOneOf, type HolidayKind } from './vocabulary'

// ---- Units ----

export interface UnitNode {
  id: number
  parentId: number | null
}

/** Whether making `parentId` the parent of `unitId` would put the unit under itself. */
export function wouldCreateCycle(units: readonly UnitNode[], unitId: number, parentId: number | null): boolean {
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]))
  const seen = new Set<number>()
  for (let at = parentId; at !== null && at !== undefined; at = parentOf.get(at) ?? null) {
    if (at === unitId) return true
    // A cycle already in the data (never written by this app) must not hang the check.
    if (seen.has(at)) return true
    seen.add(at)
  }
  return false
}

/** Units in tree order (each parent followed by its children, by name), with their depth. */
export function unitTree<T extends UnitNode & { name: string }>(units: readonly T[]): (T & { depth: number })[] {
  const ids = new Set(units.map((u) => u.id))
  const children = new Map<number | null, T[]>()
  for (const u of units) {
    // A parent outside the list (another jurisdiction's, in corrupt data) makes a root.
    const key = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null
    children.set(key, [...(children.get(key) ?? []), u])
  }
  const out: (T & { depth: number })[] = []
  const visit = (parent: number | null, depth: number) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.some((o) => o.id === u.id)) continue
      out.push({ ...u, depth })
      visit(u.id, depth + 1)
    }
  }
  visit(null, 0)
  return out
}

// ---- Routing ----

/**
 * The order in which the router (routing.ts routeReport) tries the sources of a unit:
 * shown to admins in words. routing.test.ts pins the behaviour; the admin test pins this list against it.
 */
export const ROUTING_ORDER: readonly RoutingReason[] = ['misconduct', 'kelurahan_rule', 'kecamatan_rule', 'jurisdiction_rule', 'category_default', 'triage']

/** The rule that decided a route, when a rule did (same tie-break as the router: highest precedence, then lowest id). */
export function decidingRule(input: RoutingInput, result: { unitId: number; reason: RoutingReason }): RoutingRule | null {
  const scope = { kelurahan_rule: 'kelurahan', kecamatan_rule: 'kecamatan', jurisdiction_rule: 'jurisdiction' }[result.reason as string]
  if (!scope) return null
  const areaId = scope === 'kelurahan' ? input.kelurahan?.id : scope === 'kecamatan' ? input.kelurahan?.kecamatanId : null
  const candidates = input.rules
    .filter((r) => r.categoryId === input.category.id && r.scope === scope && (scope === 'jurisdiction' || r.areaId === areaId))
    .sort((a, b) => b.precedence - a.precedence || a.id - b.id)
  return candidates[0] ?? null
}

/** How many of the kelurahan a category sends to the triage desk (filing always knows the kelurahan). */
export function triageFallThrough(
  base: Omit<RoutingInput, 'kelurahan'>,
  kelurahan: readonly { id: number; kecamatanId: number }[],
): { kelurahan: number; total: number } {
  const toTriage = kelurahan.filter((k) => routeReport({ ...base, kelurahan: k }).reason === 'triage').length
  return { kelurahan: toTriage, total: kelurahan.length }
}

// ---- Holidays ----

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === value
}

export const HOLIDAY_NAME_MAX = 120
/** More lines than a year can have holidays: a larger file is a mistake. */
export const HOLIDAY_CSV_MAX_LINES = 400

export type CsvProblem = 'columns' | 'date' | 'name' | 'kind' | 'duplicate' | 'too_many'

export interface HolidayRow {
  /** The line of the file it came from (1-based). */
  line: number
  date: string
  name: string
  kind: HolidayKind
}

/**
 * Reads `date,name,kind` lines (a header line and blank lines are skipped). The name may
 * contain commas: the date is before the first comma and the kind after the last. Every
 * line is checked; the caller imports nothing when any line has a problem.
 */
export function parseHolidayCsv(text: string): { rows: HolidayRow[]; errors: { line: number; problem: CsvProblem }[] } {
  const rows: HolidayRow[] = []
  const errors: { line: number; problem: CsvProblem }[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  if (lines.length > HOLIDAY_CSV_MAX_LINES) return { rows: [], errors: [{ line: HOLIDAY_CSV_MAX_LINES + 1, problem: 'too_many' }] }
  const seen = new Set<string>()
  lines.forEach((raw, index) => {
    const line = index + 1
    const text = raw.trim()
    if (text === '' || (index === 0 && /^date\s*,/i.test(text))) return
    const first = text.indexOf(',')
    const last = text.lastIndexOf(',')
    if (first < 0 || first === last) return errors.push({ line, problem: 'columns' })
    const date = text.slice(0, first).trim()
    const name = unquote(text.slice(first + 1, last).trim())
    const kind = text
      .slice(last + 1)
      .trim()
      .toLowerCase()
    if (!isIsoDate(date)) return errors.push({ line, problem: 'date' })
    if (name === '' || name.length > HOLIDAY_NAME_MAX) return errors.push({ line, problem: 'name' })
    if (!isOneOf(HOLIDAY_KINDS, kind)) return errors.push({ line, problem: 'kind' })
    // National and cuti bersama share one row per date; local ones too (per jurisdiction).
    const key = `${kind === 'local' ? 'local' : 'shared'}:${date}`
    if (seen.has(key)) return errors.push({ line, problem: 'duplicate' })
    seen.add(key)
    rows.push({ line, date, name, kind })
  })
  return { rows, errors }
}

function unquote(value: string) {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replaceAll('""', '"').trim() : value
}
