import { describe, it, expect } from 'vitest';
import {
  REPORT_STATUSES,
  STATUS_LABELS,
  InvalidTransitionError,
  allowedActions,
  canTransition,
  isOpenStatus,
  open311Status,
  outcomeType,
  transition,
  type ActorKind,
  type ReportAction,
  type ReportStatus,
} from './report-status';

const ACTIONS: ReportAction['type'][] = [
  'verify',
  'start',
  'resolve',
  'close',
  'reopen',
  'reject',
  'mark_duplicate',
  'transfer',
  'escalate',
];
const ACTORS: ActorKind[] = ['officer', 'supervisor', 'reporter', 'system'];

// Written out by hand, independent of the implementation's table:
// "status action actor -> to event". Everything not listed must be refused.
const EXPECTED = `
submitted verify officer -> verified verified
submitted verify supervisor -> verified verified
submitted start officer -> in_progress status_changed
submitted start supervisor -> in_progress status_changed
submitted reject supervisor -> rejected rejected
submitted mark_duplicate officer -> duplicate duplicate_marked
submitted mark_duplicate supervisor -> duplicate duplicate_marked
submitted transfer officer -> submitted transferred
submitted transfer supervisor -> submitted transferred
submitted escalate system -> submitted escalated
submitted escalate supervisor -> submitted escalated
verified start officer -> in_progress status_changed
verified start supervisor -> in_progress status_changed
verified reject supervisor -> rejected rejected
verified mark_duplicate officer -> duplicate duplicate_marked
verified mark_duplicate supervisor -> duplicate duplicate_marked
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
`;

const expected = new Map<string, { to: string; eventType: string }>();
for (const line of EXPECTED.trim().split('\n')) {
  const [lhs, rhs] = line.split(' -> ');
  const [to, eventType] = (rhs ?? '').split(' ');
  expected.set((lhs ?? '').trim(), { to: to ?? '', eventType: eventType ?? '' });
}

function actionOf(type: ReportAction['type']): ReportAction {
  return type === 'reject' ? { type, reason: 'spam' } : ({ type } as ReportAction);
}

describe('transition table', () => {
  it('expected table has 32 allowed combinations', () => {
    expect(expected.size).toBe(32);
  });

  it('matches the hand-written table for every status × action × actor', () => {
    let checked = 0;
    for (const status of REPORT_STATUSES) {
      for (const action of ACTIONS) {
        for (const actor of ACTORS) {
          checked++;
          const want = expected.get(`${status} ${action} ${actor}`);
          expect(canTransition(status, action, actor), `${status} ${action} ${actor}`).toBe(!!want);
          if (want) {
            expect(transition(status, actionOf(action), actor)).toEqual({
              from: status,
              to: want.to,
              eventType: want.eventType,
            });
          } else {
            expect(() => transition(status, actionOf(action), actor)).toThrow(InvalidTransitionError);
          }
        }
      }
    }
    expect(checked).toBe(7 * 9 * 4);
  });

  it('terminal statuses accept nothing from anyone', () => {
    for (const s of ['closed', 'rejected', 'duplicate'] as ReportStatus[]) {
      for (const actor of ACTORS) expect(allowedActions(s, actor)).toEqual([]);
    }
  });

  it('officers cannot reject; supervisors can', () => {
    expect(canTransition('verified', 'reject', 'officer')).toBe(false);
    expect(canTransition('verified', 'reject', 'supervisor')).toBe(true);
  });

  it('allowedActions lists exactly the permitted actions', () => {
    expect(new Set(allowedActions('submitted', 'officer'))).toEqual(
      new Set(['verify', 'start', 'mark_duplicate', 'transfer']),
    );
    expect(new Set(allowedActions('resolved', 'reporter'))).toEqual(new Set(['close', 'reopen']));
    expect(allowedActions('in_progress', 'system')).toEqual(['escalate']);
    expect(allowedActions('submitted', 'reporter')).toEqual([]);
  });
});

describe('InvalidTransitionError', () => {
  it('carries from, action and actor', () => {
    let caught: unknown;
    try {
      transition('closed', { type: 'reopen' }, 'reporter');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidTransitionError);
    expect(caught).toBeInstanceOf(Error);
    const err = caught as InvalidTransitionError;
    expect(err.code).toBe('invalid_transition');
    expect(err.from).toBe('closed');
    expect(err.action).toBe('reopen');
    expect(err.actor).toBe('reporter');
    expect(err.message).toContain('reopen');
  });
});

describe('status groupings', () => {
  const table: [ReportStatus, boolean, 'open' | 'closed', 'open' | 'closed' | 'fixed'][] = [
    ['submitted', true, 'open', 'open'],
    ['verified', true, 'open', 'open'],
    ['in_progress', true, 'open', 'open'],
    ['resolved', false, 'closed', 'fixed'],
    ['closed', false, 'closed', 'fixed'],
    ['rejected', false, 'closed', 'closed'],
    ['duplicate', false, 'closed', 'closed'],
  ];
  it.each(table)('%s', (s, open, o311, outcome) => {
    expect(isOpenStatus(s)).toBe(open);
    expect(open311Status(s)).toBe(o311);
    expect(outcomeType(s)).toBe(outcome);
  });

  it('has Indonesian and English labels', () => {
    expect(STATUS_LABELS.in_progress).toEqual({ id: 'Diproses', en: 'In progress' });
    expect(STATUS_LABELS.submitted.id).toBe('Baru');
    expect(STATUS_LABELS.duplicate.id).toBe('Duplikat');
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...REPORT_STATUSES].sort());
  });
});
