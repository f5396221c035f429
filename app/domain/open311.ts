// Open311 GeoReport v2 (issue 9): the spec's field names and order, its date-time format,
// the request list's parameters and defaults, and service attribute checks. Pure: the
// server (services/open311) and the import/export tools share these names.
import { isOneOf, OPEN311_DATATYPES, type Open311Datatype } from './vocabulary'

/** Open311 only knows open/closed; the mapping lives with the state machine. */
export { open311Status } from './report-status'

export type Open311Format = 'json' | 'xml'
export type Open311Locale = 'id' | 'en'

/** A request's fields in the spec's order (XML element order; JSON key order). */
export const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
] as const
export type Open311Request = Record<(typeof REQUEST_FIELDS)[number], string | number | null>

/**
 * media_url: the report's first public photo on this server, else the external link an
 * import kept (reports.media_url, ADR 029); origin null (no base URL known) leaves out our own.
 */
export function open311MediaUrl(origin: string | null, photoKey: string | null, externalUrl: string | null): string | null {
  if (photoKey && origin) return `${origin}/foto/${encodeURIComponent(photoKey)}`
  return externalUrl
}

export const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'] as const
export const ATTRIBUTE_FIELDS = ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values'] as const

/** An attribute as categories.attributes stores it: texts in both languages. */
export interface StoredAttribute {
  code: string
  datatype: Open311Datatype
  required: boolean
  order: number
  description: Record<Open311Locale, string>
  values?: { key: string; name: Record<Open311Locale, string> }[]
}

/** The attribute as the spec shows it, in one language. */
export function attributeForLocale(a: StoredAttribute, locale: Open311Locale) {
  return {
    variable: true,
    code: a.code,
    datatype: a.datatype,
    required: a.required,
    datatype_description: null,
    order: a.order,
    description: a.description[locale],
    values: (a.values ?? []).map((v) => ({ key: v.key, name: v.name[locale] })),
  }
}

/** The largest page (the spec's default cap) and the furthest page (keeps OFFSET bounded). */
export const MAX_PAGE_SIZE = 1000
export const MAX_PAGE = 1000
/** Without dates, the last 90 days (the spec's default window). */
export const DEFAULT_WINDOW_DAYS = 90
const DAY_MS = 86_400_000

/** `services.json` → { name: 'services', format: 'json' }; anything else → null. */
export function splitFormat(segment: string): { name: string; format: Open311Format } | null {
  const match = /^(.+)\.(json|xml)$/.exec(segment)
  return match ? { name: match[1]!, format: match[2] as Open311Format } : null
}

/** `locale` parameter first, then Accept-Language; Indonesian otherwise. */
export function chooseLocale(param: string | null, acceptLanguage: string | null): Open311Locale {
  const fromParam = param?.trim().toLowerCase().slice(0, 2)
  if (fromParam === 'en' || fromParam === 'id') return fromParam
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean)
      return { lang: (tag ?? '').trim().toLowerCase().slice(0, 2), q: q === undefined ? 1 : Number(q) }
    })
    .filter((x) => (x.lang === 'en' || x.lang === 'id') && x.q > 0)
    .sort((a, b) => b.q - a.q)
  return (ranked[0]?.lang as Open311Locale | undefined) ?? 'id'
}

// Building an Intl.DateTimeFormat costs far more than using one (a 1,000-row answer
// formats 3,000 dates): one per zone, kept.
const offsetFormats = new Map<string, Intl.DateTimeFormat>()

// Offsets change only on whole quarter hours (the finest any zone uses), and at most once
// a day. A UTC day whose first and last quarter hours have one offset has it throughout:
// one entry per zone and day serves every date in it (a 1,000-row page spans ~100 days of
// due times, so per-quarter-hour entries missed on most rows). Only a day with a change
// falls back to a look-up per quarter hour. Bounded: cleared when it grows.
const offsets = new Map<string, string>()
const QUARTER_HOUR_MS = 900_000

/** The zone's offset at an instant, as `+07:00`. */
function zoneOffset(at: Date, timeZone: string): string {
  const ms = at.getTime()
  const dayKey = `${timeZone}|d${Math.floor(ms / DAY_MS)}`
  let day = offsets.get(dayKey)
  if (day === undefined) {
    if (offsets.size > 50_000) offsets.clear()
    const start = Math.floor(ms / DAY_MS) * DAY_MS
    const first = lookUpOffset(new Date(start), timeZone)
    day = first === lookUpOffset(new Date(start + DAY_MS - QUARTER_HOUR_MS), timeZone) ? first : ''
    offsets.set(dayKey, day)
  }
  if (day !== '') return day
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR_MS)}`
  const known = offsets.get(key)
  if (known !== undefined) return known
  const offset = lookUpOffset(at, timeZone)
  offsets.set(key, offset)
  return offset
}

function lookUpOffset(at: Date, timeZone: string): string {
  let format = offsetFormats.get(timeZone)
  if (!format) offsetFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })))
  const name = format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value
  const offset = name?.replace('GMT', '') ?? ''
  return offset === '' ? '+00:00' : offset
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))
const offsetMinutes = new Map<string, number>()

/** W3C date-time in the jurisdiction's zone, seconds precision: `2026-11-23T17:10:30+07:00`. */
export function formatOpen311Datetime(at: Date, timeZone: string): string {
  const offset = zoneOffset(at, timeZone)
  let minutes = offsetMinutes.get(offset)
  if (minutes === undefined) {
    const [h, m] = offset.slice(1).split(':').map(Number)
    minutes = (offset.startsWith('-') ? -1 : 1) * ((h ?? 0) * 60 + (m ?? 0))
    offsetMinutes.set(offset, minutes)
  }
  // Built from the UTC fields of the shifted instant (3,000 dates a page: no toISOString/slice).
  const l = new Date(at.getTime() + minutes * 60_000)
  return `${String(l.getUTCFullYear()).padStart(4, '0')}-${pad2(l.getUTCMonth() + 1)}-${pad2(l.getUTCDate())}T${pad2(l.getUTCHours())}:${pad2(l.getUTCMinutes())}:${pad2(l.getUTCSeconds())}${offset}`
}

const W3C_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i

/**
 * A W3C date or date-time. Without an offset it is read in the jurisdiction's zone (the
 * zone's offset at that moment; Indonesian zones have no daylight saving). Null when
 * malformed or not a real calendar date.
 */
export function parseOpen311Datetime(text: string, timeZone: string): Date | null {
  const match = W3C_DATETIME.exec(text.trim())
  if (!match) return null
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '0', zone] = match
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const
  if (fields[1] < 1 || fields[1] > 12 || fields[2] < 1 || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) return null
  const utc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], Number(frac.padEnd(3, '0').slice(0, 3)))
  // Date.UTC rolls 31 February over into March: such a date does not exist.
  if (new Date(utc).getUTCDate() !== fields[2]) return null
  const offset = zone ?? zoneOffset(new Date(utc), timeZone)
  if (/^z$/i.test(offset)) return new Date(utc)
  const sign = offset.startsWith('-') ? -1 : 1
  const digits = offset.slice(1).replace(':', '')
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))
  if (minutes > 14 * 60) return null
  return new Date(utc - sign * minutes * 60_000)
}

export interface RequestListQuery {
  /** Tracking codes; when given, every other filter is ignored (the spec). */
  ids: string[] | null
  serviceCodes: string[] | null
  statuses: ('open' | 'closed')[] | null
  from: Date | null
  to: Date | null
  /** Extension for sync clients: changed after this instant, oldest change first, no default window. */
  updatedAfter: Date | null
  page: number
  pageSize: number
}

export type ParsedQuery = { ok: true; query: RequestListQuery } | { ok: false; parameter: string }

const CODE_LIST = /^[A-Za-z0-9_-]{1,64}$/
const MAX_LIST = 1000

function list(value: string | null): string[] | null | undefined {
  if (value === null || value.trim() === '') return null
  const items = [...new Set(value.split(',').map((s) => s.trim()))].filter(Boolean)
  return items.length > 0 && items.length <= MAX_LIST && items.every((i) => CODE_LIST.test(i)) ? items : undefined
}

function positiveInt(value: string | null, fallback: number, max: number): number | undefined {
  if (value === null || value.trim() === '') return fallback
  if (!/^\d{1,7}$/.test(value.trim())) return undefined
  const n = Number(value)
  return n >= 1 && n <= max ? n : undefined
}

/** GET requests' parameters with the spec's defaults; the first bad parameter's name otherwise. */
export function parseRequestListQuery(params: URLSearchParams, now: Date, timeZone: string): ParsedQuery {
  const ids = list(params.get('service_request_id'))
  if (ids === undefined) return { ok: false, parameter: 'service_request_id' }
  const serviceCodes = list(params.get('service_code'))
  if (serviceCodes === undefined) return { ok: false, parameter: 'service_code' }
  const statuses = list(params.get('status'))
  if (statuses === undefined || (statuses && !statuses.every((s) => s === 'open' || s === 'closed'))) return { ok: false, parameter: 'status' }
  const dates: Record<'start_date' | 'end_date' | 'updated_after', Date | null> = { start_date: null, end_date: null, updated_after: null }
  for (const name of ['start_date', 'end_date', 'updated_after'] as const) {
    const raw = params.get(name)
    if (raw === null || raw.trim() === '') continue
    const parsed = raw.length <= 40 ? parseOpen311Datetime(raw, timeZone) : null
    if (!parsed) return { ok: false, parameter: name }
    dates[name] = parsed
  }
  let { start_date: from, end_date: to } = dates
  if (from && to && from > to) return { ok: false, parameter: 'end_date' }
  // The spec's 90-day default window, unless a sync client asks for changes since a time.
  if (!dates.updated_after) {
    if (!from && !to) from = new Date(now.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS)
    else if (!from && to) from = new Date(to.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS)
    else if (from && !to) to = new Date(from.getTime() + DEFAULT_WINDOW_DAYS * DAY_MS)
  }
  const page = positiveInt(params.get('page'), 1, MAX_PAGE)
  if (page === undefined) return { ok: false, parameter: 'page' }
  const pageSize = positiveInt(params.get('page_size'), MAX_PAGE_SIZE, MAX_PAGE_SIZE)
  if (pageSize === undefined) return { ok: false, parameter: 'page_size' }
  if (ids) return { ok: true, query: { ids, serviceCodes: null, statuses: null, from: null, to: null, updatedAfter: null, page: 1, pageSize: MAX_PAGE_SIZE } }
  return {
    ok: true,
    query: { ids: null, serviceCodes, statuses: statuses as ('open' | 'closed')[] | null, from, to, updatedAfter: dates.updated_after, page, pageSize },
  }
}

export type AttributeCheck = { ok: true; values: Record<string, string | string[]> } | { ok: false; code: string; problem: 'unknown' | 'required' | 'invalid' }

/**
 * `attribute[code]` values against a service's definition: unknown codes, missing
 * required ones and values outside a list are refused; numbers and datetimes must parse.
 */
export function checkAttributes(definitions: readonly StoredAttribute[], given: ReadonlyMap<string, string[]>): AttributeCheck {
  const byCode = new Map(definitions.map((d) => [d.code, d]))
  for (const code of given.keys()) if (!byCode.has(code)) return { ok: false, code, problem: 'unknown' }
  const values: Record<string, string | string[]> = {}
  for (const d of definitions) {
    const raw = (given.get(d.code) ?? []).map((v) => v.trim()).filter((v) => v !== '')
    if (raw.length === 0) {
      if (d.required) return { ok: false, code: d.code, problem: 'required' }
      continue
    }
    if (!isOneOf(OPEN311_DATATYPES, d.datatype)) return { ok: false, code: d.code, problem: 'invalid' }
    const keys = new Set((d.values ?? []).map((v) => v.key))
    const maxLength = d.datatype === 'text' ? 2000 : 300
    if (d.datatype !== 'multivaluelist' && raw.length > 1) return { ok: false, code: d.code, problem: 'invalid' }
    const first = raw[0]!
    const valid =
      d.datatype === 'multivaluelist'
        ? raw.every((v) => keys.has(v))
        : d.datatype === 'singlevaluelist'
          ? keys.has(first)
          : d.datatype === 'number'
            ? /^-?\d{1,12}(\.\d{1,6})?$/.test(first)
            : d.datatype === 'datetime'
              ? parseOpen311Datetime(first, 'UTC') !== null
              : first.length <= maxLength
    if (!valid) return { ok: false, code: d.code, problem: 'invalid' }
    values[d.code] = d.datatype === 'multivaluelist' ? [...new Set(raw)] : first
  }
  return { ok: true, values }
}

/** `attribute[code]` form fields → code → values (repeated fields, or `attribute[code][]`). */
export function attributeFields(entries: Iterable<[string, string]>): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const [name, value] of entries) {
    const match = /^attribute\[([^\]]{1,64})\](\[\])?$/.exec(name)
    if (!match) continue
    out.set(match[1]!, [...(out.get(match[1]!) ?? []), value])
  }
  return out
}
