// Generated rows: one simulated report with its event trail, rating and IKM answers,
// as the generator builds it and the writer inserts it.
import type { EventType, RejectReason, ReportStatus } from '../../app/domain/report-status'
import type { Privacy } from '../../app/domain/routing'
import type { EventActorKind, EventVisibility, RatingFixed } from '../../app/domain/vocabulary'

export interface PoolEntry {
  code: string
  /** Database id once the batch holding it has been written. */
  id: number
  createdAt: number
}

export interface SimEvent {
  t: number
  actor: EventActorKind
  user: number | null
  type: EventType
  from: ReportStatus | null
  to: ReportStatus | null
  fromUnit: number | null
  toUnit: number | null
  body: string | null
  visibility: EventVisibility
}

export interface SimReport {
  code: string
  categoryId: number
  areaId: number | null
  lat: number | null
  lng: number | null
  address: string | null
  description: string
  privacy: Privacy
  status: ReportStatus
  rejectReason: RejectReason | null
  unitId: number
  assignedUserId: number | null
  createdAt: number
  updatedAt: number
  firstResponseAt: number | null
  resolvedAt: number | null
  closedAt: number | null
  responseDueAt: number
  resolutionDueAt: number
  reopenCount: number
  duplicateOf: PoolEntry | null
  supporterCount: number
  version: number
  events: SimEvent[]
  rating: { score: number; comment: string | null; fixed: RatingFixed; t: number } | null
  ikm: number[] | null
  /** Set when this report may later be the original of duplicates. */
  poolEntry: PoolEntry | null
}
