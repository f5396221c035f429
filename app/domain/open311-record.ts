// Mapping between Open311 GeoReport v2 request records and our reports, for importing
// other cities' history and exporting open data (issue 9 §2–§3, ADR 020). Pure: no I/O.
//
// Fields looked at in the real Boston file (320,770 records): service_request_id, status,
// status_notes, service_name, service_code, description, requested_datetime,
// updated_datetime, address, lat, long, media_url. It has no agency_responsible and no
// closing-time field, so a closed request's closing time is its updated_datetime. Some
// servers add a non-standard `closed_datetime`; when present it is preferred.
import type { open311Status } from './report-status'
import { generateTrackingCode } from './tracking-code'

export type Open311Status = ReturnType<typeof open311Status>

/** reports.description must hold 10..5000 characters; address at most 300. */
export const DESCRIPTION_MIN = 10
export const DESCRIPTION_MAX = 5000
export const ADDRESS_MAX = 300
const ID_MAX = 100
/** report_events.body CHECK; reports.media_url CHECK (migration 0020). */
export const STATUS_NOTES_MAX = 5000
export const MEDIA_URL_MAX = 2000

/** Our category code pattern (categories CHECK). */
const CATEGORY_CODE_RE = /^[a-z0-9_]{2,60}$/

/** A foreign record, checked and normalised, ready to become a report. */
export interface ImportRecord {
  open311Id: string
  status: Open311Status
  serviceCode: string
  serviceName: string
  agency: string | null
  description: string
  address: string | null
  lat: number | null
  lng: number | null
  requestedAt: Date
  /** updated_datetime, or requestedAt when absent: decides whether a re-import updates the row. */
  updatedAt: Date
  /** Closed requests only: resolved_at = closed_at = this. */
  closedAt: Date | null
  /** status_notes: kept as a public event's text (the resolution's when closed). */
  statusNotes: string | null
  /** media_url when it is an http(s) URL: kept as the report's external photo link. */
  mediaUrl: string | null
}

export type ParsedRecord = { ok: true; record: ImportRecord } | { ok: false; reason: string }

const bad = (reason: string): ParsedRecord => ({ ok: false, reason })

function text(value: unknown): string | null {
  if (typeof value === 'string') {
    const t = value.trim()
    return t === '' ? null : t
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

/** W3C/ISO 8601 date-time with a date part; anything else (or an impossible date) is null. */
export function parseOpen311Date(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value.trim())) return null
  const v = value.trim()
  const ms = Date.parse(v.replace(' ', 'T'))
  if (Number.isNaN(ms)) return null
  // Date.parse rolls 2020-02-30 over to March: the calendar date must exist as written.
  const [y, m, d] = v.slice(0, 10).split('-').map(Number) as [number, number, number]
  const day = new Date(Date.UTC(y, m - 1, d))
  return day.getUTCMonth() === m - 1 && day.getUTCDate() === d ? new Date(ms) : null
}

/** An absolute http(s) URL, else null (a relative or javascript: URL is not a photo link). */
export function externalMediaUrl(value: unknown): string | null {
  const t = text(value)
  if (!t || t.length > MEDIA_URL_MAX) return null
  try {
    const url = new URL(t)
    return url.protocol === 'http:' || url.protocol === 'https:' ? t : null
  } catch {
    return null
  }
}

function coordinate(value: unknown, limit: number): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null
}

/**
 * The description a report gets: the record's own when it has at least 10 characters,
 * else the service name and address (and the foreign id if still too short), so that the
 * reports.description CHECK holds without inventing content.
 */
export function importDescription(r: { description: string | null; serviceName: string; address: string | null; open311Id: string }): string {
  const own = r.description?.trim() ?? ''
  if (own.length >= DESCRIPTION_MIN) return own.slice(0, DESCRIPTION_MAX)
  let built = [own, r.serviceName, r.address].filter((p): p is string => !!p).join(' — ')
  if (built.length < DESCRIPTION_MIN) built = `${built} (Open311 ${r.open311Id})`
  return built.slice(0, DESCRIPTION_MAX)
}

/** Checks one raw record; the reason of a refusal names the field. */
export function parseOpen311Record(raw: unknown): ParsedRecord {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('not a JSON object')
  const r = raw as Record<string, unknown>
  const open311Id = text(r.service_request_id)
  if (!open311Id) return bad('missing service_request_id')
  if (open311Id.length > ID_MAX) return bad('service_request_id longer than 100 characters')
  const serviceCode = text(r.service_code)
  if (!serviceCode) return bad('missing service_code')
  if (serviceCode.length > ID_MAX) return bad('service_code longer than 100 characters')
  const status = text(r.status)?.toLowerCase()
  if (status !== 'open' && status !== 'closed') return bad(`status must be open or closed, got ${JSON.stringify(r.status ?? null)}`)
  const requestedAt = parseOpen311Date(r.requested_datetime)
  if (!requestedAt) return bad('missing or invalid requested_datetime')
  const updated = r.updated_datetime == null ? null : parseOpen311Date(r.updated_datetime)
  if (r.updated_datetime != null && !updated) return bad('invalid updated_datetime')
  let closedAt: Date | null = null
  if (status === 'closed') {
    const explicit = r.closed_datetime == null ? null : parseOpen311Date(r.closed_datetime)
    if (r.closed_datetime != null && !explicit) return bad('invalid closed_datetime')
    closedAt = explicit ?? updated
    if (!closedAt) return bad('closed without updated_datetime (no closing time)')
    if (closedAt.getTime() < requestedAt.getTime()) return bad('negative duration: closed before requested_datetime')
  }
  let lat = coordinate(r.lat, 90)
  let lng = coordinate(r.long, 180)
  // (0, 0) is a common "no location" filler; a point needs both coordinates.
  if (lat === null || lng === null || (lat === 0 && lng === 0)) lat = lng = null
  const serviceName = (text(r.service_name) ?? serviceCode).slice(0, 200)
  const address = text(r.address)?.slice(0, ADDRESS_MAX) ?? null
  return {
    ok: true,
    record: {
      open311Id,
      status,
      serviceCode,
      serviceName,
      agency: text(r.agency_responsible)?.slice(0, 200) ?? null,
      description: importDescription({ description: text(r.description), serviceName, address, open311Id }),
      address,
      lat,
      lng,
      requestedAt,
      updatedAt: updated ?? closedAt ?? requestedAt,
      closedAt,
      statusNotes: text(r.status_notes)?.slice(0, STATUS_NOTES_MAX) ?? null,
      mediaUrl: externalMediaUrl(r.media_url),
    },
  }
}

/** FNV-1a, 32 bits: a stable short fingerprint (not a secret). */
export function fingerprint(value: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

function slugWords(value: string, separator: string, max: number): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '')
    .slice(0, max)
    .replace(new RegExp(`\\${separator}+$`), '')
}

/**
 * Our category code for a foreign service_code: the code itself when it already fits
 * ^[a-z0-9_]{2,60}$, else the service name's words plus a fingerprint of the original
 * code (so two services with one name stay apart and the mapping never changes).
 */
export function categoryCodeFor(serviceCode: string, serviceName: string): string {
  if (CATEGORY_CODE_RE.test(serviceCode)) return serviceCode
  const words = slugWords(serviceName, '_', 40) || 'service'
  return `${words}_${fingerprint(serviceCode).toString(16).padStart(8, '0')}`
}

/** units.key (^[a-z0-9-]{2,60}$) for a foreign agency_responsible. */
export function unitKeyFor(agency: string): string {
  const words = slugWords(agency, '-', 40) || 'agency'
  return `${words}-${fingerprint(agency).toString(16).padStart(8, '0')}`
}

/** Tracking-code prefixes to try for a new jurisdiction (CHECK ^[A-Z]{2,5}$), most readable first. */
export function codePrefixCandidates(slug: string): string[] {
  const letters = slug.toUpperCase().replace(/[^A-Z]/g, '')
  const out: string[] = []
  const add = (p: string) => {
    if (/^[A-Z]{2,5}$/.test(p) && !out.includes(p)) out.push(p)
  }
  add(letters.slice(0, 3))
  add(letters.slice(0, 4))
  add(letters.slice(0, 5))
  add(letters.slice(0, 2))
  // Then deterministic fallbacks, 'X' + four letters from the slug's fingerprint.
  let h = fingerprint(slug)
  for (let i = 0; i < 50; i++) {
    let p = 'X'
    for (let k = 0; k < 4; k++) {
      p += String.fromCharCode(65 + (h % 26))
      h = Math.floor(h / 26) || fingerprint(`${slug}:${i}:${k}`)
    }
    add(p)
  }
  return out
}

/**
 * A tracking code derived from the foreign id (and an attempt number, bumped when the
 * code is taken): re-importing a record proposes the code it already has.
 */
export function importTrackingCode(prefix: string, open311Id: string, attempt: number): string {
  let state = fingerprint(`${open311Id}#${attempt}`) || 1
  return generateTrackingCode(prefix, (n) => {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      // xorshift32: spreads the fingerprint over the bytes the code needs.
      state ^= state << 13
      state ^= state >>> 17
      state ^= state << 5
      state >>>= 0
      out[i] = state & 0xff
    }
    return out
  })
}

/** What the export writes per report (GeoReport v2 request fields). */
export interface Open311ExportRecord {
  service_request_id: string
  status: Open311Status
  status_notes: string | null
  service_name: string
  service_code: string
  description: string
  agency_responsible: string
  requested_datetime: string
  updated_datetime: string
  expected_datetime: string
  address: string | null
  lat: number | null
  long: number | null
  media_url: string | null
}

/** W3C date-time in UTC to the second, e.g. 2020-04-01T12:00:00Z. */
export function open311DateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
