// Report lifecycle as a single data table. The table is the spec: adding a
// rule means adding a row, never another branch.

import { OPEN_STATUSES, type EventType, type RejectReason, type ReportStatus } from './vocabulary'

// The value sets live in the vocabulary; re-exported for the state machine's users.
export { REJECT_REASONS, REPORT_STATUSES } from './vocabulary'
export type { EventType, RejectReason, ReportStatus } from './vocabulary'

export type ActorKind = 'officer' | 'supervisor' | 'reporter' | 'system'

export type ReportAction =
  | { type: 'verify' }
  | { type: 'start' }
  | { type: 'resolve' }
  | { type: 'close' }
  | { type: 'reopen' }
  | { type: 'reject'; reason: RejectReason }
  | { type: 'transfer' }
  | { type: 'escalate' }
  | { type: 'claim' }
  | { type: 'assign' }
  | { type: 'mark_duplicate' }
  | { type: 'propose_reject'; reason: RejectReason }
  | { type: 'dismiss_reject_proposal' }

export interface Transition {
  from: ReportStatus
  to: ReportStatus
  eventType: EventType
  visibility: 'public' | 'internal'
}

type ActionType = ReportAction['type']

interface Rule {
  from: readonly ReportStatus[]
  /** 'same' = the status is kept (transfer/escalate change unit or priority elsewhere). */
  to: ReportStatus | 'same'
  actors: readonly ActorKind[]
  eventType: EventType
  /** Who sees the event; public unless said otherwise. */
  visibility?: 'internal'
}

const OPEN: readonly ReportStatus[] = OPEN_STATUSES
const STAFF: readonly ActorKind[] = ['officer', 'supervisor']

const RULES: Record<ActionType, Rule> = {
  verify: { from: ['submitted'], to: 'verified', actors: STAFF, eventType: 'verified' },
  start: { from: ['submitted', 'verified'], to: 'in_progress', actors: STAFF, eventType: 'status_changed' },
  resolve: { from: ['in_progress'], to: 'resolved', actors: STAFF, eventType: 'resolved' },
  // Supervisor only: an officer must not be able to bury a complaint alone.
  reject: { from: OPEN, to: 'rejected', actors: ['supervisor'], eventType: 'rejected' },
  // An officer may only propose a rejection (internal); a supervisor decides (ADR 018).
  propose_reject: { from: OPEN, to: 'same', actors: ['officer'], eventType: 'reject_proposed', visibility: 'internal' },
  // The duplicate closes; the model links it to its original and makes its reporter a supporter there.
  // Not accepting the proposal is an internal note that clears it.
  dismiss_reject_proposal: { from: OPEN, to: 'same', actors: ['supervisor'], eventType: 'internal_note', visibility: 'internal' },
  mark_duplicate: { from: OPEN, to: 'duplicate', actors: STAFF, eventType: 'duplicate_marked' },
  // Who works on it inside the unit is the unit's business: internal events.
  claim: { from: OPEN, to: 'same', actors: STAFF, eventType: 'claimed', visibility: 'internal' },
  assign: { from: OPEN, to: 'same', actors: ['supervisor'], eventType: 'assigned', visibility: 'internal' },
  // Reporter accepts the fix, system auto-closes after the waiting period.
  close: {
    from: ['resolved'],
    to: 'closed',
    actors: ['reporter', 'system', 'supervisor'],
    eventType: 'status_changed',
  },
  reopen: { from: ['resolved'], to: 'in_progress', actors: ['reporter', 'supervisor'], eventType: 'reopened' },
  transfer: { from: OPEN, to: 'same', actors: STAFF, eventType: 'transferred' },
  escalate: { from: OPEN, to: 'same', actors: ['system', 'supervisor'], eventType: 'escalated' },
}

const ACTION_TYPES = Object.keys(RULES) as ActionType[]

export class InvalidTransitionError extends Error {
  readonly code = 'invalid_transition'
  constructor(
    readonly from: ReportStatus,
    readonly action: ActionType,
    readonly actor: ActorKind,
  ) {
    super(`Action "${action}" by ${actor} is not allowed from status "${from}"`)
    this.name = 'InvalidTransitionError'
  }
}

export function canTransition(from: ReportStatus, action: ActionType, actor: ActorKind): boolean {
  // An action the table does not know (e.g. a removed one) is simply not allowed.
  if (!Object.hasOwn(RULES, action)) return false
  const rule = RULES[action]
  return rule.from.includes(from) && rule.actors.includes(actor)
}

export function transition(from: ReportStatus, action: ReportAction, actor: ActorKind): Transition {
  if (!canTransition(from, action.type, actor)) {
    throw new InvalidTransitionError(from, action.type, actor)
  }
  const rule = RULES[action.type]
  return { from, to: rule.to === 'same' ? from : rule.to, eventType: rule.eventType, visibility: rule.visibility ?? 'public' }
}

export function allowedActions(from: ReportStatus, actor: ActorKind): ActionType[] {
  return ACTION_TYPES.filter((a) => canTransition(from, a, actor))
}

/** Staff notes on a report: a public update (the citizen sees it) or an internal note. */
export const NOTE_KINDS = ['public_update', 'internal_note'] as const
export type NoteKind = (typeof NOTE_KINDS)[number]

interface NoteRule {
  from: readonly ReportStatus[]
  actors: readonly ActorKind[]
  eventType: EventType
  visibility: 'public' | 'internal'
}

// Notes follow the report's life like actions do: while it is handled or waits for
// the reporter's answer. A closed, rejected or duplicate report is final.
const NOTE_RULES: Record<NoteKind, NoteRule> = {
  public_update: { from: [...OPEN, 'resolved'], actors: STAFF, eventType: 'public_update', visibility: 'public' },
  internal_note: { from: [...OPEN, 'resolved'], actors: STAFF, eventType: 'internal_note', visibility: 'internal' },
}

export class NoteNotAllowedError extends Error {
  readonly code = 'note_not_allowed'
  constructor(
    readonly status: ReportStatus,
    readonly kind: NoteKind,
    readonly actor: ActorKind,
  ) {
    super(`A ${kind} by ${actor} is not allowed in status "${status}"`)
    this.name = 'NoteNotAllowedError'
  }
}

export function canAddNote(status: ReportStatus, kind: NoteKind, actor: ActorKind): boolean {
  const rule = NOTE_RULES[kind]
  return rule.from.includes(status) && rule.actors.includes(actor)
}

export function assertCanAddNote(status: ReportStatus, kind: NoteKind, actor: ActorKind): void {
  if (!canAddNote(status, kind, actor)) throw new NoteNotAllowedError(status, kind, actor)
}

export function noteEvent(kind: NoteKind): { eventType: EventType; visibility: 'public' | 'internal' } {
  const { eventType, visibility } = NOTE_RULES[kind]
  return { eventType, visibility }
}

/** Who an event is attributed to in the event log. */
export type EventActor = 'staff' | 'reporter' | 'system'

// ADR 007: the first response is the first staff event that tells the citizen their
// report is being handled. Routing it elsewhere (transfer), escalating it and internal
// notes are not answers to the citizen. `status_changed` by staff is "start" (a staff
// close can only follow a resolve, so it never comes first).
const FIRST_RESPONSE_EVENTS: Record<EventType, boolean> = {
  created: false,
  verified: true,
  assigned: false,
  transferred: false,
  status_changed: true,
  public_update: true,
  internal_note: false,
  resolved: true,
  reopened: false,
  rated: false,
  duplicate_marked: true,
  rejected: true,
  escalated: false,
  // The reporter's own addition and an internal proposal are no answer to the citizen.
  information_added: false,
  reject_proposed: false,
  // Linking a duplicate to this original tells nobody on this report anything.
  duplicate_linked: false,
  // Taking the report is internal until the officer says something publicly.
  claimed: false,
}

/** Whether this event, if it is the first of its kind, sets the report's first_response_at. */
export function isFirstResponse(event: { type: EventType; actor: EventActor }): boolean {
  return event.actor === 'staff' && FIRST_RESPONSE_EVENTS[event.type]
}

export function isOpenStatus(s: ReportStatus): boolean {
  return OPEN.includes(s)
}

/** Open311 GeoReport v2 only knows open/closed. */
export function open311Status(s: ReportStatus): 'open' | 'closed' {
  return isOpenStatus(s) ? 'open' : 'closed'
}

/** Outcome for reporting: a resolved report counts as fixed even before the reporter closes it. */
export function outcomeType(s: ReportStatus): 'open' | 'closed' | 'fixed' {
  if (s === 'resolved' || s === 'closed') return 'fixed'
  if (s === 'rejected' || s === 'duplicate') return 'closed'
  return 'open'
}

export const STATUS_LABELS: Record<ReportStatus, { id: string; en: string }> = {
  submitted: { id: 'Baru', en: 'Submitted' },
  verified: { id: 'Diverifikasi', en: 'Verified' },
  in_progress: { id: 'Diproses', en: 'In progress' },
  resolved: { id: 'Selesai', en: 'Resolved' },
  closed: { id: 'Ditutup', en: 'Closed' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
  duplicate: { id: 'Duplikat', en: 'Duplicate' },
}
