// The staff queue's filters as a URL (a GET form: bookmarkable, works without JS).
// Pure: parsing never fails, nonsense is dropped (the filter is simply not applied).
import { isOneOf, OPEN_STATUSES } from './vocabulary'

export type QueueStatus = (typeof OPEN_STATUSES)[number]
/** "assigned to me" or "nobody's yet". */
export const QUEUE_ASSIGNEE = ['saya', 'kosong'] as const
export type QueueAssignee = (typeof QUEUE_ASSIGNEE)[number]

export interface QueueFilters {
  status?: QueueStatus
  categoryId?: number
  /** A kelurahan or a kecamatan (its kelurahan then). */
  areaId?: number
  overdue?: boolean
  escalated?: boolean
  assignee?: QueueAssignee
  /** An officer proposed a rejection; a supervisor has to decide. */
  rejectProposed?: boolean
  /** A tracking code or words of the description. */
  q?: string
}

export const QUEUE_SEARCH_MAX = 100
const ID = /^[1-9][0-9]{0,9}$/

function id(value: string | null) {
  return value !== null && ID.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : undefined
}

const flag = (value: string | null) => (value === '1' ? true : undefined)

export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  const status = params.get('status') ?? ''
  const assignee = params.get('tugas') ?? ''
  const q = (params.get('q') ?? '').replaceAll('\0', '').trim().slice(0, QUEUE_SEARCH_MAX)
  const filters: QueueFilters = {
    status: isOneOf(OPEN_STATUSES, status) ? status : undefined,
    categoryId: id(params.get('kategori')),
    areaId: id(params.get('wilayah')),
    overdue: flag(params.get('terlambat')),
    escalated: flag(params.get('eskalasi')),
    assignee: isOneOf(QUEUE_ASSIGNEE, assignee) ? assignee : undefined,
    rejectProposed: flag(params.get('usulan_tolak')),
    q: q || undefined,
  }
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as QueueFilters
}

/** The same filters as URL parameters (for the pager's links), without the page. */
export function queueFilterParams(filters: QueueFilters): URLSearchParams {
  const p = new URLSearchParams()
  if (filters.status) p.set('status', filters.status)
  if (filters.categoryId) p.set('kategori', String(filters.categoryId))
  if (filters.areaId) p.set('wilayah', String(filters.areaId))
  if (filters.overdue) p.set('terlambat', '1')
  if (filters.escalated) p.set('eskalasi', '1')
  if (filters.assignee) p.set('tugas', filters.assignee)
  if (filters.rejectProposed) p.set('usulan_tolak', '1')
  if (filters.q) p.set('q', filters.q)
  return p
}

/** A LIKE pattern that matches the text literally (%, _ and \ escaped), anywhere. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
