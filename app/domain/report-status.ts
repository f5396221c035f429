// Report lifecycle as a single data table. The table is the spec: adding a
// rule means adding a row, never another branch.

import { OPEN_STATUSES, type EventType, type RejectReason, type ReportStatus } from './vocabulary';

// The value sets live in the vocabulary; re-exported for the state machine's users.
export { REJECT_REASONS, REPORT_STATUSES } from './vocabulary';
export type { EventType, RejectReason, ReportStatus } from './vocabulary';

export type ActorKind = 'officer' | 'supervisor' | 'reporter' | 'system';

export type ReportAction =
  | { type: 'verify' }
  | { type: 'start' }
  | { type: 'resolve' }
  | { type: 'close' }
  | { type: 'reopen' }
  | { type: 'reject'; reason: RejectReason }
  | { type: 'mark_duplicate' }
  | { type: 'transfer' }
  | { type: 'escalate' };

export interface Transition {
  from: ReportStatus;
  to: ReportStatus;
  eventType: EventType;
}

type ActionType = ReportAction['type'];

interface Rule {
  from: readonly ReportStatus[];
  /** 'same' = the status is kept (transfer/escalate change unit or priority elsewhere). */
  to: ReportStatus | 'same';
  actors: readonly ActorKind[];
  eventType: EventType;
}

const OPEN: readonly ReportStatus[] = OPEN_STATUSES;
const STAFF: readonly ActorKind[] = ['officer', 'supervisor'];

const RULES: Record<ActionType, Rule> = {
  verify: { from: ['submitted'], to: 'verified', actors: STAFF, eventType: 'verified' },
  start: { from: ['submitted', 'verified'], to: 'in_progress', actors: STAFF, eventType: 'status_changed' },
  resolve: { from: ['in_progress'], to: 'resolved', actors: STAFF, eventType: 'resolved' },
  // Supervisor only: an officer must not be able to bury a complaint alone.
  reject: { from: OPEN, to: 'rejected', actors: ['supervisor'], eventType: 'rejected' },
  mark_duplicate: {
    from: ['submitted', 'verified'],
    to: 'duplicate',
    actors: STAFF,
    eventType: 'duplicate_marked',
  },
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
};

const ACTION_TYPES = Object.keys(RULES) as ActionType[];

export class InvalidTransitionError extends Error {
  readonly code = 'invalid_transition';
  constructor(
    readonly from: ReportStatus,
    readonly action: ActionType,
    readonly actor: ActorKind,
  ) {
    super(`Action "${action}" by ${actor} is not allowed from status "${from}"`);
    this.name = 'InvalidTransitionError';
  }
}

export function canTransition(from: ReportStatus, action: ActionType, actor: ActorKind): boolean {
  const rule = RULES[action];
  return rule.from.includes(from) && rule.actors.includes(actor);
}

export function transition(from: ReportStatus, action: ReportAction, actor: ActorKind): Transition {
  if (!canTransition(from, action.type, actor)) {
    throw new InvalidTransitionError(from, action.type, actor);
  }
  const rule = RULES[action.type];
  return { from, to: rule.to === 'same' ? from : rule.to, eventType: rule.eventType };
}

export function allowedActions(from: ReportStatus, actor: ActorKind): ActionType[] {
  return ACTION_TYPES.filter((a) => canTransition(from, a, actor));
}

export function isOpenStatus(s: ReportStatus): boolean {
  return OPEN.includes(s);
}

/** Open311 GeoReport v2 only knows open/closed. */
export function open311Status(s: ReportStatus): 'open' | 'closed' {
  return isOpenStatus(s) ? 'open' : 'closed';
}

/** Outcome for reporting: a resolved report counts as fixed even before the reporter closes it. */
export function outcomeType(s: ReportStatus): 'open' | 'closed' | 'fixed' {
  if (s === 'resolved' || s === 'closed') return 'fixed';
  if (s === 'rejected' || s === 'duplicate') return 'closed';
  return 'open';
}

export const STATUS_LABELS: Record<ReportStatus, { id: string; en: string }> = {
  submitted: { id: 'Baru', en: 'Submitted' },
  verified: { id: 'Diverifikasi', en: 'Verified' },
  in_progress: { id: 'Diproses', en: 'In progress' },
  resolved: { id: 'Selesai', en: 'Resolved' },
  closed: { id: 'Ditutup', en: 'Closed' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
  duplicate: { id: 'Duplikat', en: 'Duplicate' },
};
