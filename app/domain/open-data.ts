// The open-data statistics contract (docs/metrics.md "The open-data contract"):
// GET /data/{slug}/stats/{dimension}.{csv,json}?from=YYYY-MM-DD&to=YYYY-MM-DD.
// Columns, their order and their number formats are a public promise: change them only
// by adding a new versioned path.

export const OPEN_DATA_DIMENSIONS = ['unit', 'category', 'kecamatan', 'kelurahan', 'week'] as const
export type OpenDataDimension = (typeof OPEN_DATA_DIMENSIONS)[number]
export const OPEN_DATA_FORMATS = ['csv', 'json'] as const
export type OpenDataFormat = (typeof OPEN_DATA_FORMATS)[number]

export const OPEN_DATA_COLUMNS = [
  'key',
  'name',
  'reports',
  'supporters',
  'resolved',
  'median_hours_to_first_response',
  'p90_hours_to_first_response',
  'median_hours_to_resolution',
  'p90_hours_to_resolution',
  'on_time_response_share',
  'on_time_resolution_share',
  'reopen_rate',
  'mean_rating',
  'ratings',
  'ikm_score',
  'ikm_grade',
] as const
export type OpenDataColumn = (typeof OPEN_DATA_COLUMNS)[number]
export type OpenDataRecord = Record<OpenDataColumn, string | number | null>

/** Longest range one request may ask for (10 years), so a request cannot ask for everything at once. */
export const MAX_RANGE_DAYS = 3660
/** Range when neither from nor to is given: the last 90 days through today. */
export const DEFAULT_RANGE_DAYS = 90

/** `{dimension}.{format}` from the last path segment, or null (→ 404). */
export function parseStatsFile(file: string): { dimension: OpenDataDimension; format: OpenDataFormat } | null {
  const m = /^([a-z]+)\.([a-z]+)$/.exec(file)
  if (!m) return null
  const dimension = OPEN_DATA_DIMENSIONS.find((d) => d === m[1])
  const format = OPEN_DATA_FORMATS.find((f) => f === m[2])
  return dimension && format ? { dimension, format } : null
}

const DAY_MS = 86_400_000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** A real calendar date written YYYY-MM-DD, as UTC midnight ms; null otherwise. */
function dayMs(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
  const ms = Date.parse(`${value}T00:00:00Z`)
  return Number.isNaN(ms) || isoDay(ms) !== value ? null : ms
}

export type StatsRangeError = 'bad_date' | 'from_after_to' | 'range_too_long'

/**
 * The inclusive local-date range of a request. Missing `to` = today; missing `from` =
 * 89 days before `to`. Errors are 400s.
 */
export function parseStatsRange(from: string | null, to: string | null, today: string): { from: string; to: string } | { error: StatsRangeError } {
  const toMs = to === null ? dayMs(today) : dayMs(to)
  if (toMs === null) return { error: 'bad_date' }
  const fromMs = from === null ? toMs - (DEFAULT_RANGE_DAYS - 1) * DAY_MS : dayMs(from)
  if (fromMs === null) return { error: 'bad_date' }
  if (fromMs > toMs) return { error: 'from_after_to' }
  if ((toMs - fromMs) / DAY_MS + 1 > MAX_RANGE_DAYS) return { error: 'range_too_long' }
  return { from: isoDay(fromMs), to: isoDay(toMs) }
}

/** Fixed decimals, or null for no data (never NaN, never "-0.00"). */
export function fixed(value: number | null, decimals: number): string | null {
  if (value === null || !Number.isFinite(value)) return null
  const s = value.toFixed(decimals)
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s
}

export interface OpenDataSource {
  key: string
  name: string
  reports: number
  supporters: number
  resolved: number
  medianHoursToFirstResponse: number | null
  p90HoursToFirstResponse: number | null
  medianHoursToResolution: number | null
  p90HoursToResolution: number | null
  onTimeResponseShare: number | null
  onTimeResolutionShare: number | null
  reopenRate: number | null
  meanRating: number | null
  ratings: number
  ikmScore: number | null
  ikmGrade: string | null
  /** misconduct categories and the Inspektorat: counts only (nothing else about those reports is public) */
  countsOnly: boolean
}

/** One published row: hours 2 decimals, shares 4, mean rating and IKM 2; null = empty. */
export function toOpenDataRecord(s: OpenDataSource): OpenDataRecord {
  const hidden = s.countsOnly
  const h = (v: number | null) => (hidden ? null : fixed(v, 2))
  const sh = (v: number | null) => (hidden ? null : fixed(v, 4))
  return {
    key: s.key,
    name: s.name,
    reports: s.reports,
    supporters: s.supporters,
    resolved: s.resolved,
    median_hours_to_first_response: h(s.medianHoursToFirstResponse),
    p90_hours_to_first_response: h(s.p90HoursToFirstResponse),
    median_hours_to_resolution: h(s.medianHoursToResolution),
    p90_hours_to_resolution: h(s.p90HoursToResolution),
    on_time_response_share: sh(s.onTimeResponseShare),
    on_time_resolution_share: sh(s.onTimeResolutionShare),
    reopen_rate: sh(s.reopenRate),
    mean_rating: h(s.meanRating),
    ratings: hidden ? null : s.ratings,
    ikm_score: h(s.ikmScore),
    ikm_grade: hidden ? null : s.ikmGrade,
  }
}

/** JSON numbers for numeric cells (from their fixed-decimal text), null for empty ones. */
export function toJsonRecord(r: OpenDataRecord): OpenDataRecord {
  const out = {} as OpenDataRecord
  for (const c of OPEN_DATA_COLUMNS) {
    const v = r[c]
    out[c] = typeof v === 'string' && c !== 'key' && c !== 'name' && c !== 'ikm_grade' ? Number(v) : v
  }
  return out
}

const csvCell = (v: string | number | null) => {
  if (v === null) return ''
  const s = String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** RFC 4180 CSV: the header row, then one line per record, CRLF line ends. */
export function toCsv(records: readonly OpenDataRecord[]): string {
  const lines = [OPEN_DATA_COLUMNS.join(','), ...records.map((r) => OPEN_DATA_COLUMNS.map((c) => csvCell(r[c])).join(','))]
  return `${lines.join('\r\n')}\r\n`
}
