// Simulation parameters: when reports arrive, what they are about, and how fast each
// unit handles them.
import type { RejectReason } from '../../app/domain/report-status'
import type { Privacy } from '../../app/domain/routing'
import { Weighted } from './rng'

/** Relative arrivals by local hour: quiet nights, peaks around 07–09 and 19–21. */
export const HOUR_WEIGHTS = [
  0.22, 0.13, 0.09, 0.09, 0.18, 0.45, 0.95, 1.6, 1.85, 1.6, 1.3, 1.2, 1.1, 1.1, 1.1, 1.05, 1.05, 1.1, 1.3, 1.65, 1.8, 1.55, 0.95, 0.5,
]
/** By weekday, Sunday first: Monday highest, Sunday lowest. */
export const WEEKDAY_WEIGHTS = [0.6, 1.32, 1.15, 1.1, 1.05, 0.95, 0.75]
export const HOLIDAY_FACTOR = 0.75
/** Volume at the start of the span relative to the end (slight growth over time). */
export const GROWTH_START = 0.8

/** Category mix by code; codes not listed get DEFAULT_CATEGORY_WEIGHT. */
export const CATEGORY_WEIGHTS: Record<string, number> = {
  pju: 18,
  jalan_rusak: 16,
  sampah_menumpuk: 15,
  drainase_tersumbat: 8,
  parkir_liar: 7,
  pohon_rawan: 5.5,
  ketertiban_umum: 6,
  layanan_adminduk: 6,
  rambu_marka: 5,
  lainnya: 5,
  pohon_tumbang: 2.5,
  banjir_genangan: 2.5,
  perilaku_asn: 0.8,
  kebakaran: 0.6,
}
export const DEFAULT_CATEGORY_WEIGHT = 3

/** Seasonal multipliers by month (1..12): rainy season Nov–Apr, dry season Jun–Sep. */
export function seasonalFactor(code: string, month: number): number {
  const wet = month >= 11 || month <= 3 ? 1 : month === 4 || month === 10 ? 0.5 : 0
  const dry = month >= 7 && month <= 9 ? 1 : month === 6 ? 0.5 : 0
  switch (code) {
    case 'banjir_genangan':
      return 0.25 + 2.5 * wet
    case 'pohon_tumbang':
      return 0.5 + 1.8 * wet
    case 'drainase_tersumbat':
      return 0.7 + 0.8 * wet
    case 'jalan_rusak':
      return 0.85 + 0.4 * wet
    case 'kebakaran':
      return 0.7 + 1.5 * dry
    default:
      return 1
  }
}

export const PRIVACY_CHOICE = new Weighted<Privacy>(['public', 'anonymous', 'confidential'], [80, 15, 5])
/** Share of reports with no kelurahan at all, by category (services are not about a place). */
export const NO_AREA_SHARE: Record<string, number> = { layanan_adminduk: 0.55, perilaku_asn: 0.6, lainnya: 0.2 }
export const DEFAULT_NO_AREA_SHARE = 0.03
/** Among reports with a kelurahan: share with a map point (gives ~70% overall). */
export const COORDINATE_SHARE = 0.76

export interface Profile {
  /** Working hours (or wall-clock hours for emergencies) to the first action. */
  respMedian: number
  respSigma: number
  /** Working hours (or wall-clock hours) from the start of work to the fix. */
  resMedian: number
  resSigma: number
}

/** Per-unit behaviour in office hours: BPBD/Damkar fast, DPUPRPKP/DLH medium, Dishub/Dispendukcapil slow. */
export const UNIT_PROFILES: Record<string, Profile> = {
  bpbd: { respMedian: 2, respSigma: 0.7, resMedian: 9, resSigma: 0.7 },
  damkar: { respMedian: 1, respSigma: 0.7, resMedian: 6, resSigma: 0.7 },
  dpuprpkp: { respMedian: 11, respSigma: 0.8, resMedian: 22, resSigma: 0.8 },
  'dpuprpkp-pju': { respMedian: 10, respSigma: 0.8, resMedian: 19, resSigma: 0.8 },
  'dpuprpkp-bina-marga': { respMedian: 12, respSigma: 0.8, resMedian: 24, resSigma: 0.8 },
  disperkim: { respMedian: 12, respSigma: 0.8, resMedian: 22, resSigma: 0.8 },
  dlh: { respMedian: 7, respSigma: 0.8, resMedian: 15, resSigma: 0.8 },
  dishub: { respMedian: 23, respSigma: 0.9, resMedian: 42, resSigma: 0.9 },
  dispendukcapil: { respMedian: 25, respSigma: 0.9, resMedian: 46, resSigma: 0.9 },
  'satpol-pp': { respMedian: 12, respSigma: 0.8, resMedian: 24, resSigma: 0.8 },
  diskominfo: { respMedian: 6, respSigma: 0.7, resMedian: 20, resSigma: 0.8 },
  inspektorat: { respMedian: 16, respSigma: 0.8, resMedian: 30, resSigma: 0.8 },
}
export const KECAMATAN_PROFILE: Profile = { respMedian: 9, respSigma: 0.8, resMedian: 20, resSigma: 0.8 }
export const DEFAULT_PROFILE: Profile = { respMedian: 14, respSigma: 0.8, resMedian: 26, resSigma: 0.85 }
/** Longer jobs: road works and investigations (their targets are 14 working days). */
export const CATEGORY_RESOLUTION_FACTOR: Record<string, number> = {
  jalan_rusak: 3.4,
  perilaku_asn: 3.2,
  drainase_tersumbat: 1.2,
  pohon_rawan: 1.3,
}
/** Emergencies run on wall-clock hours, as a fraction of the category's targets. */
export const EMERGENCY_SPEED: Record<string, { resp: number; res: number }> = {
  bpbd: { resp: 0.45, res: 0.5 },
  damkar: { resp: 0.3, res: 0.45 },
}
export const DEFAULT_EMERGENCY_SPEED = { resp: 0.8, res: 0.9 }

/** Where a misrouted report of a category usually ends up (unit keys, first existing one differing wins). */
export const TRANSFER_TARGETS: Record<string, string[]> = {
  pju: ['dishub', 'dpuprpkp'],
  jalan_rusak: ['dpuprpkp', 'dpuprpkp-pju'],
  drainase_tersumbat: ['dpuprpkp-bina-marga', 'dlh'],
  sampah_menumpuk: ['dlh', 'satpol-pp'],
  pohon_rawan: ['dpuprpkp', 'bpbd', 'disperkim'],
  pohon_tumbang: ['dlh', 'disperkim'],
  banjir_genangan: ['dpuprpkp', 'dpuprpkp-bina-marga'],
  parkir_liar: ['satpol-pp'],
  rambu_marka: ['dpuprpkp-pju', 'dpuprpkp'],
  ketertiban_umum: ['satpol-pp'],
  layanan_adminduk: ['diskominfo'],
  lainnya: ['dlh', 'dpuprpkp', 'dishub', 'satpol-pp', 'dispendukcapil', 'dpuprpkp-pju', 'dpuprpkp-bina-marga'],
}

export const REJECT_REASONS = new Weighted<RejectReason>(['out_of_remit', 'insufficient_info', 'spam'], [45, 35, 20])
