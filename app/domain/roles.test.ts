import { describe, expect, it } from 'vitest'
import { actorKindFor, canSeeDashboard, canUseQueue } from './roles'
import { STAFF_ROLES } from './vocabulary'

describe('staff roles', () => {
  it('executives see only dashboards; officers only the queue; admins and supervisors both', () => {
    const access = Object.fromEntries(STAFF_ROLES.map((r) => [r, [canUseQueue(r), canSeeDashboard(r)]]))
    expect(access).toEqual({
      officer: [true, false],
      supervisor: [true, true],
      admin: [true, true],
      executive: [false, true],
      inspector: [true, false],
    })
  })

  it('only officers act as officers in the state machine', () => {
    expect(STAFF_ROLES.map(actorKindFor)).toEqual(['officer', 'supervisor', 'supervisor', 'supervisor', 'supervisor'])
  })
})
