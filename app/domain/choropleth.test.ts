import { describe, expect, it } from 'vitest'
import { CHOROPLETH_COLOURS, choroplethClass, choroplethScale } from './choropleth'

describe('choropleth classes', () => {
  it('splits lower-is-better values into 5 equal classes, darker = longer (hand-computed)', () => {
    // 10 … 60 h: width 10 h → [10,20] [20,30] (30,40] (40,50] (50,60]
    const s = choroplethScale([10, 25, null, 60], 'lower')!
    expect(s.legend.map((l) => [l.from, l.to])).toEqual([
      [10, 20],
      [20, 30],
      [30, 40],
      [40, 50],
      [50, 60],
    ])
    expect([10, 20, 20.01, 25, 45, 60].map((v) => choroplethClass(s, v))).toEqual([0, 0, 1, 1, 3, 4])
    expect(choroplethClass(s, null)).toBeNull()
  })

  it('puts low shares in the dark classes when higher is better', () => {
    const s = choroplethScale([0.5, 1], 'higher')!
    expect(s.legend[0]).toEqual({ colour: CHOROPLETH_COLOURS[0], from: 0.9, to: 1 })
    expect(s.legend[4]!.from).toBe(0.5)
    expect(choroplethClass(s, 1)).toBe(0)
    expect(choroplethClass(s, 0.5)).toBe(4)
    expect(choroplethClass(s, 0.72)).toBe(2) // (1 − 0.44) × 5 = 2.8 → class 2
  })

  it('has no scale without data and one middle class when all values are equal', () => {
    expect(choroplethScale([null], 'lower')).toBeNull()
    expect(choroplethClass(choroplethScale([5, 5], 'lower'), 5)).toBe(2)
  })
})
