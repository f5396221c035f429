import { describe, expect, it } from 'vitest'
import { canAnswerIkm, IKM_SCORES, IKM_UNSUR } from './ikm'

describe('IKM', () => {
  it('has the nine unsur of PermenPAN-RB 14/2017, scored 1–4', () => {
    expect(IKM_UNSUR).toHaveLength(9)
    expect(IKM_SCORES).toEqual([1, 2, 3, 4])
  })
  it('is offered after closure, once', () => {
    expect(canAnswerIkm({ status: 'closed' }, false)).toBe(true)
    expect(canAnswerIkm({ status: 'closed' }, true)).toBe(false)
    for (const status of ['submitted', 'verified', 'in_progress', 'resolved', 'rejected', 'duplicate']) expect(canAnswerIkm({ status }, false)).toBe(false)
  })
})
