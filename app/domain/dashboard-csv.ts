// The executive dashboard's CSV downloads (/dasbor.csv?tabel=…&same filters): one column
// list per table, and cells made safe for spreadsheets. Pure.
import { BACKLOG_BANDS } from './metric-figures'

export const CSV_TABLES = ['kpi', 'unit', 'kategori', 'kecamatan', 'kelurahan', 'minggu', 'umur', 'kepercayaan'] as const
export type CsvTable = (typeof CSV_TABLES)[number]

export const isCsvTable = (v: string | null): v is CsvTable => (CSV_TABLES as readonly string[]).includes(v ?? '')

/** The figure columns every dimension table carries (the open-data API's names). */
export const STAT_COLUMNS = [
  'key',
  'name',
  'reports',
  'resolved',
  'open',
  'median_hours_to_first_response',
  'p90_hours_to_first_response',
  'median_hours_to_resolution',
  'p90_hours_to_resolution',
  'on_time_response_share',
  'on_time_resolution_share',
  'reopen_rate',
  'mean_rating',
  'ratings',
] as const

export const CSV_COLUMNS: Record<CsvTable, readonly string[]> = {
  kpi: ['figure', 'current', 'previous'],
  unit: ['rank', 'score', ...STAT_COLUMNS, 'ikm_score', 'ikm_grade', 'ikm_respondents'],
  kategori: STAT_COLUMNS,
  kecamatan: STAT_COLUMNS,
  kelurahan: STAT_COLUMNS,
  minggu: [...STAT_COLUMNS, 'partial_week'],
  umur: ['band', 'open', 'overdue'],
  kepercayaan: ['component', 'weight', 'current', 'previous'],
}

export { BACKLOG_BANDS }

export type CsvValue = string | number | boolean | null

/**
 * One cell. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first)
 * is prefixed with an apostrophe (OWASP "CSV injection"); numbers are written as numbers.
 */
export function csvCell(v: CsvValue): string {
  if (v === null) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(Math.round(v * 10_000) / 10_000) : ''
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** The anti-gaming flags table (/dasbor.csv?tabel=tanda): executives only, so not in CSV_TABLES. */
export const FLAG_CSV_TABLE = 'tanda'
export const FLAG_CSV_COLUMNS = ['code', 'created_at', 'unit', 'flags'] as const

/** RFC 4180: header, then the rows in the table's column order, CRLF line ends. */
export function toDashboardCsv(table: CsvTable, rows: readonly Record<string, CsvValue>[]): string {
  return toCsv(CSV_COLUMNS[table], rows)
}

export function toCsv(cols: readonly string[], rows: readonly Record<string, CsvValue>[]): string {
  const lines = [cols.join(','), ...rows.map((r) => cols.map((c) => csvCell(r[c] ?? null)).join(','))]
  return `${lines.join('\r\n')}\r\n`
}
