import { describe, it, expect } from 'vitest'
import { EVENT_TYPES } from './vocabulary'
import {
  REPORT_STATUSES,
  STATUS_LABELS,
  InvalidTransitionError,
  NOTE_KINDS,
  NoteNotAllowedError,
  allowedActions,
  assertCanAddNote,
  canAddNote,
  isFirstResponse,
  noteEvent,
  canTransition,
  isOpenStatus,
  open311Status,
  outcomeType,
  transition,
  type ActorKind,
  type ReportAction,
  type ReportStatus,
} from './report-status'

const ACTIONS: ReportAction['type'][] = [
  'verify',
  'start',
  'resolve',
  'close',
  'reopen',
  'reject',
  'transfer',
  'escalate',
  'claim',
  'assign',
  'mark_duplicate',
  'propose_reject',
  'dismiss_reject_proposal',
]
const ACTORS: ActorKind[] = ['officer', 'supervisor', 'reporter', 'system']

// Written out by hand, independent of the implementation's table:
// "status action actor -> to event". Everything not listed must be refused.
const EXPECTED = `
submitted verify officer -> verified verified
submitted verify supervisor -> verified verified
submitted start officer -> in_progress status_changed
submitted start supervisor -> in_progress status_changed
submitted reject supervisor -> rejected rejected
submitted transfer officer -> submitted transferred
submitted transfer supervisor -> submitted transferred
submitted escalate system -> submitted escalated
submitted escalate supervisor -> submitted escalated
verified start officer -> in_progress status_changed
verified start supervisor -> in_progress status_changed
verified reject supervisor -> rejected rejected
verified transfer officer -> verified transferred
verified transfer supervisor -> verified transferred
verified escalate system -> verified escalated
verified escalate supervisor -> verified escalated
in_progress resolve officer -> resolved resolved
in_progress resolve supervisor -> resolved resolved
in_progress reject supervisor -> rejected rejected
in_progress transfer officer -> in_progress transferred
in_progress transfer supervisor -> in_progress transferred
in_progress escalate system -> in_progress escalated
in_progress escalate supervisor -> in_progress escalated
resolved close reporter -> closed status_changed
resolved close system -> closed status_changed
resolved close supervisor -> closed status_changed
resolved reopen reporter -> in_progress reopened
resolved reopen supervisor -> in_progress reopened
submitted claim officer -> submitted claimed internal
submitted claim supervisor -> submitted claimed internal
submitted assign supervisor -> submitted assigned internal
submitted mark_duplicate officer -> duplicate duplicate_marked
submitted mark_duplicate supervisor -> duplicate duplicate_marked
submitted propose_reject officer -> submitted reject_proposed internal
verified claim officer -> verified claimed internal
verified claim supervisor -> verified claimed internal
verified assign supervisor -> verified assigned internal
verified mark_duplicate officer -> duplicate duplicate_marked
verified mark_duplicate supervisor -> duplicate duplicate_marked
verified propose_reject officer -> verified reject_proposed internal
in_progress claim officer -> in_progress claimed internal
in_progress claim supervisor -> in_progress claimed internal
in_progress assign supervisor -> in_progress assigned internal
in_progress mark_duplicate officer -> duplicate duplicate_marked
in_progress mark_duplicate supervisor -> duplicate duplicate_marked
in_progress propose_reject officer -> in_progress reject_proposed internal
submitted dismiss_reject_proposal supervisor -> submitted internal_note internal
verified dismiss_reject_proposal supervisor -> verified internal_note internal
in_progress dismiss_reject_proposal supervisor -> in_progress internal_note internal
`

const expected = new Map<string, { to: string; eventType: string; visibility: string }>()
for (const line of EXPECTED.trim().split('\n')) {
  const [lhs, rhs] = line.split(' -> ')
  const [to, eventType, visibility] = (rhs ?? '').split(' ')
  expected.set((lhs ?? '').trim(), { to: to ?? '', eventType: eventType ?? '', visibility: visibility ?? 'public' })
}

function actionOf(type: ReportAction['type']): ReportAction {
  return type === 'reject' || type === 'propose_reject' ? { type, reason: 'spam' } : ({ type } as ReportAction)
}

describe('transition table', () => {
  it('expected table has 49 allowed combinations', () => {
    expect(expected.size).toBe(49)
  })

  it('matches the hand-written table for every status × action × actor', () => {
    let checked = 0
    for (const status of REPORT_STATUSES) {
      for (const action of ACTIONS) {
        for (const actor of ACTORS) {
          checked++
          const want = expected.get(`${status} ${action} ${actor}`)
          expect(canTransition(status, action, actor), `${status} ${action} ${actor}`).toBe(!!want)
          if (want) {
            expect(transition(status, actionOf(action), actor)).toEqual({
              from: status,
              to: want.to,
              eventType: want.eventType,
              visibility: want.visibility,
            })
          } else {
            expect(() => transition(status, actionOf(action), actor)).toThrow(InvalidTransitionError)
          }
        }
      }
    }
    expect(checked).toBe(7 * 13 * 4)
  })

  it('terminal statuses accept nothing from anyone', () => {
    for (const s of ['closed', 'rejected', 'duplicate'] as ReportStatus[]) {
      for (const actor of ACTORS) expect(allowedActions(s, actor)).toEqual([])
    }
  })

  it('officers cannot reject; supervisors can', () => {
    expect(canTransition('verified', 'reject', 'officer')).toBe(false)
    expect(canTransition('verified', 'reject', 'supervisor')).toBe(true)
  })

  it('allowedActions lists exactly the permitted actions', () => {
    expect(new Set(allowedActions('submitted', 'officer'))).toEqual(new Set(['verify', 'start', 'transfer', 'claim', 'mark_duplicate', 'propose_reject']))
    expect(new Set(allowedActions('resolved', 'reporter'))).toEqual(new Set(['close', 'reopen']))
    expect(allowedActions('in_progress', 'system')).toEqual(['escalate'])
    expect(allowedActions('submitted', 'reporter')).toEqual([])
  })
})

describe('marking duplicates and proposals (ADR 018)', () => {
  it('only open reports become duplicates, by staff only', () => {
    for (const status of REPORT_STATUSES) {
      for (const actor of ACTORS) {
        const allowed = (actor === 'officer' || actor === 'supervisor') && isOpenStatus(status)
        expect(canTransition(status, 'mark_duplicate', actor), `${status} ${actor}`).toBe(allowed)
      }
    }
  })

  it('an officer proposes a rejection, a supervisor rejects; assigning is for supervisors', () => {
    expect(canTransition('submitted', 'propose_reject', 'officer')).toBe(true)
    expect(canTransition('submitted', 'propose_reject', 'supervisor')).toBe(false)
    expect(canTransition('submitted', 'assign', 'officer')).toBe(false)
    expect(transition('verified', { type: 'propose_reject', reason: 'spam' }, 'officer').visibility).toBe('internal')
  })

  it('keeps the duplicate status in the vocabulary (simulated history still has it)', () => {
    expect(REPORT_STATUSES).toContain('duplicate')
    expect(isOpenStatus('duplicate')).toBe(false)
  })
})

describe('notes', () => {
  // Written out by hand: a note may be added while the report is being handled or
  // waits for the reporter's answer; never once it is closed, rejected or a duplicate.
  const NOTE_ALLOWED: Record<ReportStatus, boolean> = {
    submitted: true,
    verified: true,
    in_progress: true,
    resolved: true,
    closed: false,
    rejected: false,
    duplicate: false,
  }

  it.each(NOTE_KINDS.flatMap((kind) => REPORT_STATUSES.map((status) => [kind, status] as const)))('%s in %s', (kind, status) => {
    for (const actor of ['officer', 'supervisor'] as ActorKind[]) {
      expect(canAddNote(status, kind, actor)).toBe(NOTE_ALLOWED[status])
      if (NOTE_ALLOWED[status]) expect(() => assertCanAddNote(status, kind, actor)).not.toThrow()
      else expect(() => assertCanAddNote(status, kind, actor)).toThrow(NoteNotAllowedError)
    }
    // Notes are staff work: reporters and the system write none.
    expect(canAddNote(status, kind, 'reporter')).toBe(false)
    expect(canAddNote(status, kind, 'system')).toBe(false)
  })

  it('a refused note carries the status, for a true message', () => {
    let caught: unknown
    try {
      assertCanAddNote('closed', 'internal_note', 'officer')
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(NoteNotAllowedError)
    expect((caught as NoteNotAllowedError).status).toBe('closed')
    expect((caught as NoteNotAllowedError).code).toBe('note_not_allowed')
  })

  it('writes a public update publicly and an internal note internally', () => {
    expect(noteEvent('public_update')).toEqual({ eventType: 'public_update', visibility: 'public' })
    expect(noteEvent('internal_note')).toEqual({ eventType: 'internal_note', visibility: 'internal' })
  })
})

describe('first response (ADR 007)', () => {
  // By hand: what tells the citizen their report is being handled.
  const COUNTS = ['verified', 'status_changed', 'public_update', 'resolved', 'rejected', 'duplicate_marked']

  it.each(EVENT_TYPES)('%s', (type) => {
    expect(isFirstResponse({ type, actor: 'staff' })).toBe(COUNTS.includes(type))
    expect(isFirstResponse({ type, actor: 'reporter' })).toBe(false)
    expect(isFirstResponse({ type, actor: 'system' })).toBe(false)
  })

  it('a transfer and an internal note are not a response; verify, start and a public update are', () => {
    const staffDoes = (action: ReportAction['type'], from: ReportStatus) =>
      isFirstResponse({ type: transition(from, actionOf(action), 'officer').eventType, actor: 'staff' })
    expect(staffDoes('transfer', 'submitted')).toBe(false)
    expect(staffDoes('verify', 'submitted')).toBe(true)
    expect(staffDoes('start', 'submitted')).toBe(true)
    expect(isFirstResponse({ type: noteEvent('internal_note').eventType, actor: 'staff' })).toBe(false)
    expect(isFirstResponse({ type: noteEvent('public_update').eventType, actor: 'staff' })).toBe(true)
  })
})

describe('InvalidTransitionError', () => {
  it('carries from, action and actor', () => {
    let caught: unknown
    try {
      transition('closed', { type: 'reopen' }, 'reporter')
    } catch (e) {
      caught = e
    }
    expect(caught).toBeInstanceOf(InvalidTransitionError)
    expect(caught).toBeInstanceOf(Error)
    const err = caught as InvalidTransitionError
    expect(err.code).toBe('invalid_transition')
    expect(err.from).toBe('closed')
    expect(err.action).toBe('reopen')
    expect(err.actor).toBe('reporter')
    expect(err.message).toContain('reopen')
  })
})

describe('status groupings', () => {
  const table: [ReportStatus, boolean, 'open' | 'closed', 'open' | 'closed' | 'fixed'][] = [
    ['submitted', true, 'open', 'open'],
    ['verified', true, 'open', 'open'],
    ['in_progress', true, 'open', 'open'],
    ['resolved', false, 'closed', 'fixed'],
    ['closed', false, 'closed', 'fixed'],
    ['rejected', false, 'closed', 'closed'],
    ['duplicate', false, 'closed', 'closed'],
  ]
  it.each(table)('%s', (s, open, o311, outcome) => {
    expect(isOpenStatus(s)).toBe(open)
    expect(open311Status(s)).toBe(o311)
    expect(outcomeType(s)).toBe(outcome)
  })

  it('has Indonesian and English labels', () => {
    expect(STATUS_LABELS.in_progress).toEqual({ id: 'Diproses', en: 'In progress' })
    expect(STATUS_LABELS.submitted.id).toBe('Baru')
    expect(STATUS_LABELS.duplicate.id).toBe('Duplikat')
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...REPORT_STATUSES].sort())
  })
})
