// The audit page's filters live in the URL (bookmarkable, shared by the CSV export).
// Unknown values are dropped rather than refused: a filter never turns into an error page.
import { AUDIT_ENTITIES, AUDIT_KINDS, isOneOf, type AuditEntity, type AuditKind } from './vocabulary'

export interface AuditQuery {
  actorUserId?: number
  kind?: AuditKind
  entity?: AuditEntity
  from?: string
  to?: string
  page: number
}

/** A real calendar day written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

export const AUDIT_PARAMS = { actor: 'pelaku', kind: 'jenis', entity: 'objek', from: 'dari', to: 'sampai', page: 'halaman' } as const

export function parseAuditQuery(params: URLSearchParams): { query: AuditQuery; badDate: boolean } {
  const get = (name: string) => (params.get(name) ?? '').trim()
  const actor = Number(get(AUDIT_PARAMS.actor))
  const kind = get(AUDIT_PARAMS.kind)
  const entity = get(AUDIT_PARAMS.entity)
  const from = get(AUDIT_PARAMS.from)
  const to = get(AUDIT_PARAMS.to)
  const page = Number(get(AUDIT_PARAMS.page))
  const badDate = (from !== '' && !isCalendarDay(from)) || (to !== '' && !isCalendarDay(to))
  return {
    query: {
      actorUserId: Number.isSafeInteger(actor) && actor > 0 && actor < 2_147_483_647 ? actor : undefined,
      kind: isOneOf(AUDIT_KINDS, kind) ? kind : undefined,
      entity: isOneOf(AUDIT_ENTITIES, entity) ? entity : undefined,
      from: isCalendarDay(from) ? from : undefined,
      to: isCalendarDay(to) ? to : undefined,
      page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
    },
    badDate,
  }
}

/** The query string of these filters (the page links and the CSV link share it). */
export function auditQueryString(query: Omit<AuditQuery, 'page'> & { page?: number }): string {
  const params = new URLSearchParams()
  if (query.actorUserId) params.set(AUDIT_PARAMS.actor, String(query.actorUserId))
  if (query.kind) params.set(AUDIT_PARAMS.kind, query.kind)
  if (query.entity) params.set(AUDIT_PARAMS.entity, query.entity)
  if (query.from) params.set(AUDIT_PARAMS.from, query.from)
  if (query.to) params.set(AUDIT_PARAMS.to, query.to)
  if (query.page && query.page > 1) params.set(AUDIT_PARAMS.page, String(query.page))
  const text = params.toString()
  return text ? `?${text}` : ''
}
