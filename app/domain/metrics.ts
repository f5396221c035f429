// The IKM formula (Indeks Kepuasan Masyarakat, PermenPAN-RB No. 14 Tahun 2017).
// The other figures' formulas live in app/domain/metric-figures.ts and
// app/domain/percentile.ts; docs/metrics.md describes each one.

// ---- IKM (Indeks Kepuasan Masyarakat), PermenPAN-RB No. 14 Tahun 2017 ----

export const IKM_UNSUR_COUNT = 9

export const IKM_UNSUR: readonly { key: string; id: string; en: string }[] = [
  { key: 'persyaratan', id: 'Persyaratan', en: 'Requirements' },
  { key: 'sistem_mekanisme_prosedur', id: 'Sistem, Mekanisme, dan Prosedur', en: 'Systems, mechanisms and procedures' },
  { key: 'waktu_penyelesaian', id: 'Waktu Penyelesaian', en: 'Completion time' },
  { key: 'biaya_tarif', id: 'Biaya/Tarif', en: 'Cost/tariff' },
  { key: 'produk_spesifikasi', id: 'Produk Spesifikasi Jenis Pelayanan', en: 'Service product specification' },
  { key: 'kompetensi_pelaksana', id: 'Kompetensi Pelaksana', en: 'Staff competence' },
  { key: 'perilaku_pelaksana', id: 'Perilaku Pelaksana', en: 'Staff behaviour' },
  {
    key: 'penanganan_pengaduan',
    id: 'Penanganan Pengaduan, Saran, dan Masukan',
    en: 'Handling of complaints, suggestions and feedback',
  },
  { key: 'sarana_prasarana', id: 'Sarana dan Prasarana', en: 'Facilities and infrastructure' },
]

export type IkmGrade = 'A' | 'B' | 'C' | 'D'

export interface IkmResult {
  respondents: number
  nrr: number[]
  ikm: number
  grade: IkmGrade
  performance: { id: string; en: string }
}

const PERFORMANCE: Record<IkmGrade, { id: string; en: string }> = {
  A: { id: 'Sangat Baik', en: 'Very good' },
  B: { id: 'Baik', en: 'Good' },
  C: { id: 'Kurang Baik', en: 'Poor' },
  D: { id: 'Tidak Baik', en: 'Very poor' },
}

/**
 * Grade per the regulation's interval table, applied to the 2-decimal value
 * (compared in integer hundredths so 88.30 vs 88.31 is exact).
 */
export function ikmGrade(ikm: number): IkmGrade {
  const h = Math.round(ikm * 100)
  if (!(h >= 2500 && h <= 10000)) throw new RangeError(`IKM must be within [25, 100], got ${ikm}`)
  if (h >= 8831) return 'A'
  if (h >= 7661) return 'B'
  if (h >= 6500) return 'C'
  return 'D'
}

/**
 * IKM = Σ NRR_i × (1/9) × 25 = total × 25 / (9n). Rounded half up to 2
 * decimals in integer arithmetic: the float route (e.g. 75.025 → 75.02) would
 * misgrade values sitting right on a boundary.
 */
export function computeIkm(responses: readonly (readonly number[])[]): IkmResult | null {
  const n = responses.length
  if (n === 0) return null
  const sums: number[] = new Array<number>(IKM_UNSUR_COUNT).fill(0)
  responses.forEach((r, idx) => {
    if (r.length !== IKM_UNSUR_COUNT) {
      throw new RangeError(`Response ${idx} has ${r.length} answers, expected ${IKM_UNSUR_COUNT}`)
    }
    r.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 1 || v > 4) throw new RangeError(`Response ${idx} answer ${i} is ${v}, expected 1..4`)
      sums[i] = (sums[i] ?? 0) + v
    })
  })
  return ikmFromSums(sums, n)
}

/**
 * The same IKM from per-unsur sums of answers and the respondent count (what SQL
 * aggregates return), so the database never re-implements the formula.
 */
export function ikmFromSums(sums: readonly number[], n: number): IkmResult | null {
  if (n === 0) return null
  if (sums.length !== IKM_UNSUR_COUNT || !Number.isInteger(n) || n < 0) throw new RangeError('IKM needs 9 sums and a count')
  const total = sums.reduce((a, b) => a + b, 0)
  if (!Number.isInteger(total) || total < 9 * n || total > 36 * n) throw new RangeError(`IKM sums out of range for n=${n}`)
  // hundredths = round(total*2500 / (9n)) = floor((2*total*2500 + 9n) / (18n)), all integers.
  const num = 2 * total * 2500 + 9 * n
  const den = 18 * n
  const hundredths = (num - (num % den)) / den
  const ikm = hundredths / 100
  const grade = ikmGrade(ikm)
  return { respondents: n, nrr: sums.map((s) => s / n), ikm, grade, performance: PERFORMANCE[grade] }
}

/**
 * Minimum respondents before a unit's IKM grade is shown. PermenPAN-RB 14/2017 sizes
 * samples with Krejcie–Morgan tables; 30 is the smallest sample it contemplates for a
 * small service population, and below it one respondent moves the score by > 3 points.
 */
export const IKM_MIN_RESPONDENTS = 30

/** The IKM result, or null when n is below IKM_MIN_RESPONDENTS (shown as "n too small"). */
export function publishableIkm(result: IkmResult | null): IkmResult | null {
  return result && result.respondents >= IKM_MIN_RESPONDENTS ? result : null
}
