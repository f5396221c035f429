import { describe, expect, it } from 'vitest'
import { canAddInformation, canSubscribe } from './follow-up'
import { REPORT_STATUSES } from './vocabulary'

describe('follow-up rules (ADR 027)', () => {
  it('information can be added while open or resolved, never once final', () => {
    const allowed = REPORT_STATUSES.filter(canAddInformation)
    expect(allowed).toEqual(['submitted', 'verified', 'in_progress', 'resolved'])
  })

  it('public and anonymous reports can be followed, also when resolved; confidential, misconduct and final ones not', () => {
    expect(canSubscribe({ privacy: 'public', status: 'resolved' }, false)).toBe(true)
    expect(canSubscribe({ privacy: 'anonymous', status: 'submitted' }, false)).toBe(true)
    expect(canSubscribe({ privacy: 'confidential', status: 'submitted' }, false)).toBe(false)
    expect(canSubscribe({ privacy: 'public', status: 'submitted' }, true)).toBe(false)
    for (const status of ['closed', 'rejected', 'duplicate']) expect(canSubscribe({ privacy: 'public', status }, false)).toBe(false)
  })
})
