// The executive dashboard's filters (/dasbor?dari=…&sampai=…&unit=…&kategori=…&kecamatan=…):
// parsed from the URL so a view can be bookmarked and shared. Pure: the caller passes
// "today" in the jurisdiction's zone. Bad values fall back to the default and are
// reported in `invalid` (the page says so) — a dashboard never answers 400 or 5xx.

/** Default period: the last 90 local days, today included. */
export const DEFAULT_PERIOD_DAYS = 90
/** Longest period one request may ask for (the rollups make it cheap; this bounds the weekly table). */
export const MAX_PERIOD_DAYS = 3 * 366

export interface DashboardFilter {
  /** local dates YYYY-MM-DD, inclusive */
  from: string
  to: string
  unitId: number | null
  /** `sub=0`: the unit alone, without its sub-units (the league table's rows link so) */
  unitExact: boolean
  categoryId: number | null
  kecamatanId: number | null
}

export type FilterField = 'dari' | 'sampai' | 'unit' | 'kategori' | 'kecamatan'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000

function parseDate(value: string | null): string | null {
  if (!value || !DATE.test(value)) return null
  const ms = Date.parse(`${value}T00:00:00Z`)
  // Rejects 2026-02-30 and the like: the parsed date must print back the same.
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value ? null : value
}

function parseId(value: string | null): number | null | 'invalid' {
  if (value === null || value === '') return null
  return /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : 'invalid'
}

export const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** Days from `from` through `to`, both included. */
export const periodLength = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1

export function parseDashboardFilter(params: URLSearchParams, today: string): { filter: DashboardFilter; invalid: FilterField[] } {
  const invalid: FilterField[] = []
  const rawFrom = params.get('dari')
  const rawTo = params.get('sampai')
  let to = parseDate(rawTo)
  if (rawTo && !to) invalid.push('sampai')
  if (to && to > today) to = today
  to ??= today
  let from = parseDate(rawFrom)
  if (rawFrom && !from) invalid.push('dari')
  if (from && (from > to || periodLength(from, to) > MAX_PERIOD_DAYS)) {
    invalid.push('dari')
    from = null
  }
  from ??= addDays(to, -(DEFAULT_PERIOD_DAYS - 1))
  const id = (field: 'unit' | 'kategori' | 'kecamatan') => {
    const v = parseId(params.get(field))
    if (v === 'invalid') invalid.push(field)
    return v === 'invalid' ? null : v
  }
  return { filter: { from, to, unitId: id('unit'), unitExact: params.get('sub') === '0', categoryId: id('kategori'), kecamatanId: id('kecamatan') }, invalid }
}

/** The period of the same length that ends the day before `from`. */
export function previousPeriod(f: Pick<DashboardFilter, 'from' | 'to'>): { from: string; to: string } {
  const n = periodLength(f.from, f.to)
  return { from: addDays(f.from, -n), to: addDays(f.from, -1) }
}

/** Change against the previous period: the difference, and the relative change when the base is non-zero. */
export function delta(current: number | null, previous: number | null): { diff: number; relative: number | null } | null {
  if (current === null || previous === null) return null
  return { diff: current - previous, relative: previous === 0 ? null : (current - previous) / Math.abs(previous) }
}

/** The filter as URL parameters (only the set ones), for links that keep the view. */
export function filterParams(f: DashboardFilter): URLSearchParams {
  const p = new URLSearchParams({ dari: f.from, sampai: f.to })
  if (f.unitId !== null) p.set('unit', String(f.unitId))
  if (f.unitId !== null && f.unitExact) p.set('sub', '0')
  if (f.categoryId !== null) p.set('kategori', String(f.categoryId))
  if (f.kecamatanId !== null) p.set('kecamatan', String(f.kecamatanId))
  return p
}

/** The KPI cards, in order: each a StatRow figure with its change against the previous period. */
export const KPI_KEYS = [
  'reports',
  'resolved',
  'open',
  'medianHoursToFirstResponse',
  'p90HoursToFirstResponse',
  'medianHoursToResolution',
  'p90HoursToResolution',
  'onTimeResponseShare',
  'onTimeResolutionShare',
  'reopenRate',
  'meanRating',
] as const
export type KpiKey = (typeof KPI_KEYS)[number]

/** A week (keyed by its Monday) still under way on `today`: its figures are incomplete. */
export const isPartialWeek = (weekStart: string, today: string) => today >= weekStart && today <= addDays(weekStart, 6)
