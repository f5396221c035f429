import { describe, it, expect } from 'vitest'
import { IKM_MIN_RESPONDENTS, IKM_UNSUR, IKM_UNSUR_COUNT, computeIkm, ikmFromSums, ikmGrade, publishableIkm } from './metrics'

describe('IKM unsur', () => {
  it('has the 9 unsur of PermenPAN-RB 14/2017 in order', () => {
    expect(IKM_UNSUR_COUNT).toBe(9)
    expect(IKM_UNSUR.map((u) => u.key)).toEqual([
      'persyaratan',
      'sistem_mekanisme_prosedur',
      'waktu_penyelesaian',
      'biaya_tarif',
      'produk_spesifikasi',
      'kompetensi_pelaksana',
      'perilaku_pelaksana',
      'penanganan_pengaduan',
      'sarana_prasarana',
    ])
    for (const u of IKM_UNSUR) {
      expect(u.id.length).toBeGreaterThan(0)
      expect(u.en.length).toBeGreaterThan(0)
    }
  })
})

const fill = (v: number) => new Array<number>(9).fill(v)

describe('computeIkm', () => {
  it('null for no responses', () => {
    expect(computeIkm([])).toBeNull()
  })

  it('all 4s -> 100, A, Sangat Baik', () => {
    const r = computeIkm([fill(4), fill(4)])
    expect(r).toEqual({
      respondents: 2,
      nrr: fill(4),
      ikm: 100,
      grade: 'A',
      performance: { id: 'Sangat Baik', en: 'Very good' },
    })
  })

  it('all 3s -> 75.00 -> C; all 1s -> 25 -> D', () => {
    const r3 = computeIkm([fill(3)])
    expect(r3?.ikm).toBe(75)
    expect(r3?.grade).toBe('C')
    expect(r3?.performance).toEqual({ id: 'Kurang Baik', en: 'Poor' })
    const r1 = computeIkm([fill(1)])
    expect(r1?.ikm).toBe(25)
    expect(r1?.grade).toBe('D')
    expect(r1?.performance).toEqual({ id: 'Tidak Baik', en: 'Very poor' })
  })

  it('mixed 3-respondent case computed by hand', () => {
    // R1 [4,4,3,3,4,3,4,3,4] = 32; R2 [3,3,3,2,3,3,3,3,3] = 26; R3 [4,3,2,4,4,3,3,2,3] = 28.
    // Total 86. NRR per unsur: 11/3, 10/3, 8/3, 9/3, 11/3, 9/3, 10/3, 8/3, 10/3.
    // IKM = 86 * 25 / (9 * 3) = 2150 / 27 = 79.6296... -> 79.63 -> B (Baik).
    const r = computeIkm([
      [4, 4, 3, 3, 4, 3, 4, 3, 4],
      [3, 3, 3, 2, 3, 3, 3, 3, 3],
      [4, 3, 2, 4, 4, 3, 3, 2, 3],
    ])
    expect(r?.respondents).toBe(3)
    expect(r?.nrr).toEqual([11 / 3, 10 / 3, 8 / 3, 3, 11 / 3, 3, 10 / 3, 8 / 3, 10 / 3])
    expect(r?.ikm).toBe(79.63)
    expect(r?.grade).toBe('B')
    expect(r?.performance).toEqual({ id: 'Baik', en: 'Good' })
  })

  it('rounds an exact half up (where naive float rounding would go down)', () => {
    // 1000 respondents: all 3s (27000) plus 9 respondents with one 4 -> total 27009.
    // IKM = 27009 * 25 / 9000 = 75.025 exactly -> 75.03. In floats 75.025*100 = 7502.4999...
    const responses = Array.from({ length: 1000 }, (_, i) => (i < 9 ? [4, 3, 3, 3, 3, 3, 3, 3, 3] : fill(3)))
    expect(computeIkm(responses)?.ikm).toBe(75.03)
    // 536 all-4s + 1 all-2s + 463 all-1s: total 19296 + 18 + 4167 = 23481.
    // IKM = 23481 * 25 / 9000 = 65.225 exactly -> 65.23; (23481*25/9000)*100 in floats rounds to 6522.
    const many = [...Array.from({ length: 536 }, () => fill(4)), fill(2), ...Array.from({ length: 463 }, () => fill(1))]
    expect(computeIkm(many)?.ikm).toBe(65.23)
    // 8 respondents: seven sum 28, one sums 29 -> 225; 225 * 25 / 72 = 78.125 -> 78.13.
    const eight = [...Array.from({ length: 7 }, () => [3, 3, 3, 3, 3, 3, 3, 3, 4]), [3, 3, 3, 3, 3, 3, 3, 4, 4]]
    expect(computeIkm(eight)?.ikm).toBe(78.13)
  })

  it('rounds non-half values to the nearest hundredth', () => {
    // 1 respondent, total 28: 28 * 25 / 9 = 77.777... -> 77.78; total 29 -> 80.555... -> 80.56;
    // total 31: 86.111... -> 86.11.
    expect(computeIkm([[3, 3, 3, 3, 3, 3, 3, 3, 4]])?.ikm).toBe(77.78)
    expect(computeIkm([[3, 3, 3, 3, 3, 3, 3, 4, 4]])?.ikm).toBe(80.56)
    expect(computeIkm([[3, 3, 3, 3, 3, 4, 4, 4, 4]])?.ikm).toBe(86.11)
  })

  it('rejects malformed responses', () => {
    expect(() => computeIkm([[4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError) // 8 answers
    expect(() => computeIkm([[...fill(4), 4]])).toThrow(RangeError) // 10 answers
    expect(() => computeIkm([[5, 4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError)
    expect(() => computeIkm([[0, 4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError)
    expect(() => computeIkm([[2.5, 4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError)
    expect(() => computeIkm([fill(4), [Number.NaN, 4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError)
  })
})

describe('ikmGrade boundaries', () => {
  it.each([
    [100, 'A'],
    [88.31, 'A'],
    [88.3, 'B'],
    [76.61, 'B'],
    [76.6, 'C'],
    [65, 'C'],
    [64.99, 'D'],
    [25, 'D'],
  ] as const)('%s -> %s', (ikm, grade) => {
    expect(ikmGrade(ikm)).toBe(grade)
  })

  it('rejects values outside [25, 100]', () => {
    expect(() => ikmGrade(24.99)).toThrow(RangeError)
    expect(() => ikmGrade(100.01)).toThrow(RangeError)
    expect(() => ikmGrade(Number.NaN)).toThrow(RangeError)
  })
})

describe('ikmFromSums and the minimum n', () => {
  it('gives the same result as computeIkm from per-unsur sums', () => {
    // The hand-computed 3-respondent case above: sums 11,10,8,9,11,9,10,8,10 = 86 -> 79.63 B.
    expect(ikmFromSums([11, 10, 8, 9, 11, 9, 10, 8, 10], 3)?.ikm).toBe(79.63)
    expect(ikmFromSums(fill(0), 0)).toBeNull()
    expect(() => ikmFromSums([1, 1], 1)).toThrow(RangeError)
    expect(() => ikmFromSums(fill(5), 1)).toThrow(RangeError) // 45 > 36
  })

  it('publishes a grade only from 30 respondents', () => {
    expect(IKM_MIN_RESPONDENTS).toBe(30)
    expect(publishableIkm(ikmFromSums(fill(29 * 4), 29))).toBeNull()
    expect(publishableIkm(ikmFromSums(fill(30 * 4), 30))?.grade).toBe('A')
    expect(publishableIkm(null)).toBeNull()
  })
})
