// SLA escalation rules (ADR 012). Pure: the job feeds in a report's facts and the levels
// already fired, and gets back the levels to fire now.
// - Two targets: the first response and the resolution. Each has two levels: level 1 when
//   its due time passes (the unit's supervisors are told), level 2 at twice the target from
//   the same start (the jurisdiction's executives are told).
// - A reopened report starts a new resolution clock: round = resolution number, starting
//   at the reopening. The response clock has one round.
// - Paused reports never escalate: only the open statuses (submitted, verified, in progress)
//   run a clock; resolved, closed, rejected and duplicate reports wait for someone else.
import { canTransition } from './report-status'
import { computeDueAt, type SlaCalendar } from './sla'
import { currentResolutionNumber } from './resolution'
import type { ClockKind, EscalationTarget, ReportStatus, NotificationTemplate } from './vocabulary'

export const ESCALATION_LEVELS = [1, 2] as const
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number]

/** Who is told at each level. */
export const ESCALATION_AUDIENCE: Record<EscalationLevel, 'supervisor' | 'executive'> = { 1: 'supervisor', 2: 'executive' }

/** Outbox template per level; the notification helper renders them. */
export const ESCALATION_TEMPLATES = { 1: 'escalation_supervisor', 2: 'escalation_executive' } as const satisfies Record<EscalationLevel, NotificationTemplate>

export interface SlaTarget {
  target: number
  clock: ClockKind
}

export interface EscalationFacts {
  status: ReportStatus
  createdAt: Date
  firstResponseAt: Date | null
  reopenCount: number
  /** When the current resolution round started (the last reopening); null before any. */
  lastReopenedAt: Date | null
  /** As stored at filing (computed with the holidays then on record). */
  responseDueAt: Date
  resolutionDueAt: Date
  response: SlaTarget
  resolution: SlaTarget
}

export interface FiredLevel {
  target: EscalationTarget
  round: number
  level: number
}

export interface DueEscalation {
  target: EscalationTarget
  round: number
  level: EscalationLevel
  dueAt: Date
  /** When the next level of the same clock falls due; null after the last level. */
  nextDueAt: Date | null
}

/** A report escalates only while the state machine lets the system escalate it. */
export function isEscalationPaused(status: ReportStatus): boolean {
  return !canTransition(status, 'escalate', 'system')
}

interface Clock {
  target: EscalationTarget
  round: number
  dueAt: Record<EscalationLevel, Date>
}

function clocks(f: EscalationFacts, cal: SlaCalendar): Clock[] {
  const out: Clock[] = []
  if (f.firstResponseAt === null) {
    out.push({
      target: 'response',
      round: 1,
      dueAt: { 1: f.responseDueAt, 2: computeDueAt(f.createdAt, f.response.target * 2, f.response.clock, cal) },
    })
  }
  const round = currentResolutionNumber(f.reopenCount)
  // Round 1 keeps the due time the report was filed with; a reopened round counts from the reopening.
  const start = round > 1 && f.lastReopenedAt ? f.lastReopenedAt : f.createdAt
  out.push({
    target: 'resolution',
    round,
    dueAt: {
      1: round === 1 ? f.resolutionDueAt : computeDueAt(start, f.resolution.target, f.resolution.clock, cal),
      2: computeDueAt(start, f.resolution.target * 2, f.resolution.clock, cal),
    },
  })
  return out
}

/**
 * The levels to fire at `now`: past due (strictly: exactly at due is on time, as in
 * sla.isOverdue) and not fired before for the same target and round.
 */
export function dueEscalations(f: EscalationFacts, fired: readonly FiredLevel[], now: Date, cal: SlaCalendar): DueEscalation[] {
  if (isEscalationPaused(f.status)) return []
  const done = new Set(fired.map((x) => `${x.target}:${x.round}:${x.level}`))
  const out: DueEscalation[] = []
  for (const c of clocks(f, cal)) {
    for (const level of ESCALATION_LEVELS) {
      if (done.has(`${c.target}:${c.round}:${level}`)) continue
      if (now.getTime() <= c.dueAt[level].getTime()) continue
      const next = ESCALATION_LEVELS.find((l) => l > level)
      out.push({ target: c.target, round: c.round, level, dueAt: c.dueAt[level], nextDueAt: next ? c.dueAt[next] : null })
    }
  }
  return out
}

/** The highest level fired on the report's running clocks (0 = none), for the staff badges. */
export function currentEscalationLevel(
  report: { status: ReportStatus; firstResponseAt: Date | null; reopenCount: number },
  fired: readonly FiredLevel[],
): number {
  if (isEscalationPaused(report.status)) return 0
  const round = currentResolutionNumber(report.reopenCount)
  return fired.filter((x) => (x.target === 'response' ? report.firstResponseAt === null : x.round === round)).reduce((max, x) => Math.max(max, x.level), 0)
}

/** Event body stored with an `escalated` event; the UI renders it from the dictionaries. */
export function escalationMarker(e: { target: EscalationTarget; level: number }): string {
  return `sla:${e.target}:${e.level}`
}

export function parseEscalationMarker(body: string | null): { target: EscalationTarget; level: number } | null {
  const m = /^sla:(response|resolution):([12])$/.exec(body ?? '')
  return m ? { target: m[1] as EscalationTarget, level: Number(m[2]) } : null
}
