// Historical-report simulator: fills one jurisdiction with months of realistic,
// reproducible complaint history (reports, their event trail, ratings and IKM
// survey answers) for dashboards, demos and load tests.
//
// - Deterministic: the same seed, `now` and database contents give the same rows.
// - Every status change goes through the domain state machine (`transition()`), so
//   simulated history never contains a move the application itself would refuse.
// - Bulk path: reports are generated in creation order and written in batches, one
//   INSERT … SELECT FROM json_to_recordset($1) statement per table per batch (a single
//   parameter, so it works the same on PGlite; json rather than jsonb because a
//   one-shot read of text JSON is cheaper than building jsonb first), each batch in
//   its own transaction. The next batch is generated while the database writes the
//   previous one (one batch in flight).
// - Simulated reports have no report_contacts (no personal data) and source
//   'simulated'; simulated staff accounts are inactive and have a random,
//   discarded password.
import { randomBytes } from 'node:crypto'
import { hash } from '@node-rs/argon2'
import { sql, type Kysely } from 'kysely'
import {
  transition,
  type ActorKind,
  type EventType,
  type RejectReason,
  type ReportAction,
  type ReportStatus,
} from '../app/domain/report-status'
import { effectivePrivacy, routeReport, type Privacy, type PrivacyRule, type RoutingRule } from '../app/domain/routing'
import { computeDueAt, isWorkingDay, localDate, makeCalendar, zonedTimeToUtc, type ClockKind, type SlaCalendar } from '../app/domain/sla'
import { generateTrackingCode } from '../app/domain/tracking-code'
import { ARGON2_OPTIONS } from './seed'
import type { DB } from './types'

export interface SimulateOptions {
  count: number
  /** Default 'kota-malang'. */
  jurisdictionSlug?: string
  /** PRNG seed, default 42. */
  seed?: number
  /** End of the simulated history, default new Date(). */
  now?: Date
  /** History span in days, default 365. */
  days?: number
  /** Reports per batch (and per transaction), default 2000. */
  batchSize?: number
  /** Called after each committed batch with the number of reports written so far. */
  onProgress?: (done: number) => void
}

export interface SimulateResult {
  reports: number
  events: number
  ratings: number
  ms: number
}

const MINUTE = 60_000
const HOUR = 3_600_000
const DAY = 86_400_000
/** A resolved report is closed by the system after this long without a reaction from the reporter. */
export const AUTO_CLOSE_MS = 10 * DAY
/** Office hours of simulated staff (local time). */
const WORK_START_HOUR = 7
const WORK_END_HOUR = 16

// ---- pseudo-random numbers --------------------------------------------------------------

/** sfc32 seeded through splitmix32: small, fast, good enough for simulation. */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number
  private spare: number | null = null

  constructor(seed: number, stream = 0) {
    let s = (Math.trunc(seed) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0
    const split = () => {
      s = (s + 0x9e3779b9) | 0
      let z = s
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.a = split()
    this.b = split()
    this.c = split()
    this.d = split()
    for (let i = 0; i < 12; i++) this.next()
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return (t >>> 0) / 4294967296
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** Integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1)
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  /** Standard normal (Box–Muller, second value cached). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare
      this.spare = null
      return v
    }
    let u = 0
    while (u === 0) u = this.next()
    const v = this.next()
    const r = Math.sqrt(-2 * Math.log(u))
    this.spare = r * Math.sin(2 * Math.PI * v)
    return r * Math.cos(2 * Math.PI * v)
  }

  /** Log-normal with the given median and log-space sigma. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal())
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[this.int(items.length)] as T
  }
}

/** Weighted choice by binary search over cumulative weights. */
class Weighted<T> {
  private readonly cum: Float64Array
  private readonly total: number
  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0) throw new Error('Weighted: no items')
    this.cum = new Float64Array(items.length)
    let sum = 0
    items.forEach((_, i) => {
      sum += Math.max(0, weights[i] ?? 0)
      this.cum[i] = sum
    })
    if (!(sum > 0)) throw new Error('Weighted: all weights are zero')
    this.total = sum
  }
  pick(rng: Rng): T {
    const u = rng.next() * this.total
    let lo = 0
    let hi = this.cum.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.cum[mid] as number) > u) hi = mid
      else lo = mid + 1
    }
    return this.items[lo] as T
  }
}

// ---- local calendar (fast local-time arithmetic over the simulated span) ------------------

interface LocalDay {
  /** Instant of local midnight. */
  start: number
  date: string
  /** 0 = Sunday. */
  weekday: number
  /** 1..12 */
  month: number
  working: boolean
}

/**
 * Local days of the jurisdiction covering [from, to]. Built once through the domain's
 * zone functions, then instants are mapped to local days by arithmetic, which keeps
 * the per-report cost free of Intl calls.
 */
class LocalDays {
  readonly days: LocalDay[] = []
  constructor(fromMs: number, toMs: number, cal: SlaCalendar) {
    let date = localDate(new Date(fromMs - DAY), cal.timeZone)
    const last = localDate(new Date(toMs + DAY), cal.timeZone)
    for (;;) {
      const utcMidnight = Date.parse(`${date}T00:00:00Z`)
      this.days.push({
        start: zonedTimeToUtc(date, 0, 0, cal.timeZone).getTime(),
        date,
        weekday: new Date(utcMidnight).getUTCDay(),
        month: new Date(utcMidnight).getUTCMonth() + 1,
        working: isWorkingDay(date, cal),
      })
      if (date === last) break
      date = new Date(utcMidnight + DAY).toISOString().slice(0, 10)
    }
  }

  /** Index of the local day containing t, or -1 outside the table. */
  indexOf(t: number): number {
    const days = this.days
    const first = days[0] as LocalDay
    if (t < first.start) return -1
    let i = Math.min(days.length - 1, Math.floor((t - first.start) / DAY))
    while (i > 0 && t < (days[i] as LocalDay).start) i--
    while (i + 1 < days.length && t >= (days[i + 1] as LocalDay).start) i++
    // The last day has no known end: treat instants past it as outside the table.
    if (i === days.length - 1 && t >= (days[i] as LocalDay).start + DAY) return -1
    return i
  }

  dayAt(t: number): LocalDay {
    const i = this.indexOf(t)
    if (i < 0) throw new RangeError(`Instant ${new Date(t).toISOString()} outside the simulated calendar`)
    return this.days[i] as LocalDay
  }

  /**
   * t plus `ms` of office time (WORK_START_HOUR–WORK_END_HOUR on working days).
   * Infinity when the result lies past the end of the table (i.e. after `now`).
   */
  addWorkTime(t: number, ms: number): number {
    let i = this.indexOf(t)
    if (i < 0) return Infinity
    let left = ms
    let at = t
    const days = this.days
    while (i < days.length) {
      const d = days[i] as LocalDay
      if (d.working) {
        const ws = d.start + WORK_START_HOUR * HOUR
        const we = d.start + WORK_END_HOUR * HOUR
        if (at < ws) at = ws
        if (at < we) {
          const avail = we - at
          if (left <= avail) return at + left
          left -= avail
        }
      }
      i++
      if (i >= days.length) break
      at = (days[i] as LocalDay).start
    }
    return Infinity
  }
}

// ---- simulation parameters -----------------------------------------------------------------

/** Relative arrivals by local hour: quiet nights, peaks around 07–09 and 19–21. */
const HOUR_WEIGHTS = [
  0.22, 0.13, 0.09, 0.09, 0.18, 0.45, 0.95, 1.6, 1.85, 1.6, 1.3, 1.2, 1.1, 1.1, 1.1, 1.05, 1.05, 1.1, 1.3, 1.65,
  1.8, 1.55, 0.95, 0.5,
]
/** By weekday, Sunday first: Monday highest, Sunday lowest. */
const WEEKDAY_WEIGHTS = [0.6, 1.32, 1.15, 1.1, 1.05, 0.95, 0.75]
const HOLIDAY_FACTOR = 0.75
/** Volume at the start of the span relative to the end (slight growth over time). */
const GROWTH_START = 0.8

/** Category mix by code; codes not listed get DEFAULT_CATEGORY_WEIGHT. */
const CATEGORY_WEIGHTS: Record<string, number> = {
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
const DEFAULT_CATEGORY_WEIGHT = 3

/** Seasonal multipliers by month (1..12): rainy season Nov–Apr, dry season Jun–Sep. */
function seasonalFactor(code: string, month: number): number {
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

const PRIVACY_CHOICE = new Weighted<Privacy>(['public', 'anonymous', 'confidential'], [80, 15, 5])
/** Share of reports with no kelurahan at all, by category (services are not about a place). */
const NO_AREA_SHARE: Record<string, number> = { layanan_adminduk: 0.55, perilaku_asn: 0.6, lainnya: 0.2 }
const DEFAULT_NO_AREA_SHARE = 0.03
/** Among reports with a kelurahan: share with a map point (gives ~70% overall). */
const COORDINATE_SHARE = 0.76

interface Profile {
  /** Working hours (or wall-clock hours for emergencies) to the first action. */
  respMedian: number
  respSigma: number
  /** Working hours (or wall-clock hours) from the start of work to the fix. */
  resMedian: number
  resSigma: number
}

/** Per-unit behaviour in office hours: BPBD/Damkar fast, DPUPRPKP/DLH medium, Dishub/Dispendukcapil slow. */
const UNIT_PROFILES: Record<string, Profile> = {
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
const KECAMATAN_PROFILE: Profile = { respMedian: 9, respSigma: 0.8, resMedian: 20, resSigma: 0.8 }
const DEFAULT_PROFILE: Profile = { respMedian: 14, respSigma: 0.8, resMedian: 26, resSigma: 0.85 }
/** Longer jobs: road works and investigations (their targets are 14 working days). */
const CATEGORY_RESOLUTION_FACTOR: Record<string, number> = {
  jalan_rusak: 3.4,
  perilaku_asn: 3.2,
  drainase_tersumbat: 1.2,
  pohon_rawan: 1.3,
}
/** Emergencies run on wall-clock hours, as a fraction of the category's targets. */
const EMERGENCY_SPEED: Record<string, { resp: number; res: number }> = {
  bpbd: { resp: 0.45, res: 0.5 },
  damkar: { resp: 0.3, res: 0.45 },
}
const DEFAULT_EMERGENCY_SPEED = { resp: 0.8, res: 0.9 }

/** Where a misrouted report of a category usually ends up (unit keys, first existing one differing wins). */
const TRANSFER_TARGETS: Record<string, string[]> = {
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

const REJECT_REASONS = new Weighted<RejectReason>(['out_of_remit', 'insufficient_info', 'spam'], [45, 35, 20])

// ---- Indonesian text ----------------------------------------------------------------------

/** Templates compiled once into literal/placeholder parts (odd indexes are placeholder names). */
type Template = string[]
function compile(text: string): Template {
  return text.split(/\{(\w+)\}/)
}
const compileAll = (texts: readonly string[]) => texts.map(compile)


const MALANG_STREETS = [
  'Jl. Soekarno Hatta', 'Jl. Ijen', 'Jl. Kawi', 'Jl. Basuki Rahmat', 'Jl. Merdeka Utara', 'Jl. Veteran',
  'Jl. MT Haryono', 'Jl. Gajayana', 'Jl. Sumbersari', 'Jl. Bandung', 'Jl. Jakarta', 'Jl. Semeru', 'Jl. Tlogomas',
  'Jl. Letjen Sutoyo', 'Jl. Ahmad Yani', 'Jl. Borobudur', 'Jl. Panji Suroso', 'Jl. Raden Intan',
  'Jl. Ki Ageng Gribig', 'Jl. Danau Toba', 'Jl. Mayjen Sungkono', 'Jl. Kolonel Sugiono', 'Jl. S. Supriadi',
  'Jl. Gatot Subroto', 'Jl. Laksamana Martadinata', 'Jl. Ciliwung', 'Jl. Sulfat', 'Jl. Candi Panggung',
  'Jl. Galunggung', 'Jl. Terusan Dieng', 'Jl. Bondowoso', 'Jl. Pahlawan Trip', 'Jl. Jaksa Agung Suprapto',
  'Jl. Kahuripan', 'Jl. Zainul Arifin', 'Jl. Mayjen Panjaitan', 'Jl. Bendungan Sutami', 'Jl. Tidar',
  'Jl. Raya Langsep', 'Jl. Janti', 'Jl. Muharto', 'Jl. Kebalen Wetan', 'Jl. Ranugrati', 'Jl. Danau Kerinci',
  'Jl. Sawojajar', 'Jl. Raya Tlogomas', 'Jl. Simpang Borobudur', 'Jl. Dinoyo', 'Jl. Gadang', 'Jl. Kyai Tamin',
  'Jl. Hamid Rusdi', 'Jl. Tumenggung Suryo', 'Jl. Arjuno', 'Jl. Bromo', 'Jl. Wilis', 'Jl. Raya Sulfat',
  'Jl. Kolonel Sugiono', 'Jl. Mergan Raya', 'Jl. Raya Candi', 'Jl. Sudimoro', 'Jl. Akordion', 'Jl. Kedawung',
]
const MADIUN_STREETS = [
  'Jl. Pahlawan', 'Jl. Diponegoro', 'Jl. HOS Cokroaminoto', 'Jl. Urip Sumoharjo', 'Jl. Serayu', 'Jl. Mastrip',
  'Jl. Ahmad Yani', 'Jl. Salak', 'Jl. Panglima Sudirman', 'Jl. Kolonel Marhadi', 'Jl. MH Thamrin', 'Jl. Agus Salim',
  'Jl. Sulawesi', 'Jl. Hayam Wuruk', 'Jl. Yos Sudarso', 'Jl. Tanjung Raya', 'Jl. Basuki Rahmat', 'Jl. Kalimantan',
]
const GENERIC_STREETS = [
  'Jl. Merdeka', 'Jl. Pahlawan', 'Jl. Diponegoro', 'Jl. Sudirman', 'Jl. Ahmad Yani', 'Jl. Gajah Mada',
  'Jl. Pemuda', 'Jl. Veteran', 'Jl. Kartini', 'Jl. Imam Bonjol',
]
const STREETS_BY_SLUG: Record<string, string[]> = { 'kota-malang': MALANG_STREETS, 'kota-madiun': MADIUN_STREETS }

const LANDMARKS = [
  'depan masjid', 'dekat SD Negeri', 'samping minimarket', 'seberang pos kamling', 'dekat pasar', 'depan kantor kelurahan',
  'dekat balai RW', 'di pertigaan', 'dekat jembatan', 'depan halte', 'dekat puskesmas', 'depan gereja',
  'samping warung kopi', 'dekat SPBU', 'depan gang masuk perumahan', 'dekat lapangan', 'depan musala', 'dekat kampus',
]
/** After "sudah …": how long the problem has lasted. */
const DURATIONS = ['2 hari', '3 hari', 'beberapa hari', 'seminggu', 'lebih dari seminggu', 'dua minggu', 'hampir sebulan']
/** After "sejak …": when it started. */
const SINCE = ['kemarin', 'tiga hari yang lalu', 'minggu lalu', 'awal bulan ini', 'bulan lalu', 'beberapa hari yang lalu']
const TIMES_OF_DAY = ['pagi hari', 'sore hari', 'malam hari', 'jam pulang kerja', 'akhir pekan']
const PARKING_FEES = ['5.000', '10.000', '15.000', '20.000']
const BRIBES = ['50.000', '100.000', '150.000', '250.000', '500.000']
const OPENINGS: Template[] = compileAll([
  'Selamat pagi. ', 'Selamat siang Bapak/Ibu. ', 'Mohon izin melapor. ', 'Assalamualaikum, mohon izin menyampaikan laporan. ',
  'Permisi, saya warga Kel. {kel}. ', 'Selamat malam. ',
])
const CLOSINGS = [
  ' Mohon segera ditindaklanjuti.', ' Terima kasih atas perhatiannya.', ' Mohon bantuannya, Bapak/Ibu petugas.',
  ' Sudah pernah disampaikan lewat RT tetapi belum ada tindak lanjut.', ' Warga sekitar sangat berharap segera ada perbaikan.',
  ' Foto bisa dikirim bila diperlukan.', ' Terima kasih.',
]

const DESCRIPTIONS: Record<string, string[]> = {
  pju: [
    'Lampu PJU di {jalan} {patokan} mati sudah {durasi}. Malam hari jalan sangat gelap dan rawan kecelakaan.',
    'Ada {n} titik lampu jalan yang padam di sepanjang {jalan}, Kel. {kel}. Warga khawatir terjadi tindak kejahatan karena gelap.',
    'Lampu penerangan jalan {patokan} di {jalan} berkedip-kedip terus sejak {sejak}, kadang mati total.',
    'Lampu PJU di {jalan} menyala terus pada siang hari, mohon dicek karena boros listrik.',
    'Tiang lampu jalan di {jalan} {patokan} miring dan kabelnya menjuntai rendah, berbahaya bagi pengendara.',
  ],
  jalan_rusak: [
    'Jalan di {jalan} {patokan} berlubang cukup dalam, sudah {durasi} belum diperbaiki. Banyak pengendara motor hampir jatuh, apalagi saat hujan lubangnya tertutup genangan.',
    'Aspal di {jalan}, Kel. {kel}, mengelupas sepanjang kurang lebih {m} meter. Mohon segera ditambal.',
    'Ada lubang besar di tengah {jalan} {patokan}, diameternya sekitar {cm} cm. Sudah ada pengendara yang jatuh.',
    'Jalan ambles di {jalan} dekat saluran air, retakannya makin lebar sejak {sejak}.',
    'Tambalan jalan di {jalan} rusak lagi, sekarang bergelombang dan membahayakan pengendara.',
  ],
  sampah_menumpuk: [
    'Sampah menumpuk {patokan} di {jalan} sudah {durasi} tidak diangkut. Baunya menyengat dan banyak lalat.',
    'TPS di Kel. {kel} penuh dan sampah meluber sampai ke badan jalan {jalan}.',
    'Ada pembuangan sampah liar di lahan kosong {patokan}, {jalan}. Orang dari luar sering membuang sampah di sini pada {jam}.',
    'Sampah di Kel. {kel} tidak diangkut petugas sejak {sejak}. Sampah rumah tangga mulai menumpuk di depan rumah warga.',
  ],
  drainase_tersumbat: [
    'Saluran air di {jalan} {patokan} tersumbat sampah dan lumpur, kalau hujan air meluap ke jalan.',
    'Gorong-gorong di {jalan}, Kel. {kel}, mampet sejak {sejak}. Air tergenang dan berbau.',
    'Tutup saluran di {jalan} hilang, lubangnya menganga dan berbahaya untuk pejalan kaki.',
  ],
  pohon_tumbang: [
    'Pohon tumbang di {jalan} {patokan} menutup sebagian jalan setelah hujan deras dan angin kencang.',
    'Dahan besar patah dan menimpa kabel listrik di {jalan}, Kel. {kel}. Lalu lintas tersendat.',
    'Pohon roboh menimpa pagar rumah warga di {jalan}. Mohon segera dievakuasi.',
  ],
  banjir_genangan: [
    'Banjir di {jalan} {patokan} setinggi kurang lebih {cm} cm, air masih naik.',
    'Genangan air di {jalan}, Kel. {kel}, tidak surut sejak hujan {jam}. Banyak kendaraan mogok.',
    'Air masuk ke rumah-rumah warga di sekitar {jalan} setelah hujan deras, tingginya sekitar {cm} cm.',
  ],
  pohon_rawan: [
    'Pohon besar di {jalan} {patokan} sudah miring ke arah jalan dan akarnya terangkat. Mohon dipangkas sebelum tumbang.',
    'Dahan pohon di {jalan} menjuntai dan menyentuh kabel listrik, dikhawatirkan patah saat angin kencang.',
    'Pohon di depan rumah warga di Kel. {kel} batangnya keropos, mohon dicek oleh petugas.',
  ],
  kebakaran: [
    'Terjadi kebakaran di permukiman {jalan} {patokan}. Sudah menghubungi 113, mohon tindak lanjut dan pendataan.',
    'Lahan kosong di {jalan}, Kel. {kel}, terbakar dan asapnya mengganggu warga.',
    'Korsleting listrik menyebabkan kebakaran di rumah warga di {jalan}. Api sudah padam, mohon pemeriksaan lanjutan.',
  ],
  parkir_liar: [
    'Banyak kendaraan parkir di bahu {jalan} {patokan} sehingga jalan macet, terutama pada {jam}.',
    'Juru parkir tanpa rompi dan karcis resmi di {jalan} menarik tarif Rp{tarif}, jauh di atas tarif resmi.',
    'Trotoar di {jalan} dipakai untuk parkir motor, pejalan kaki terpaksa turun ke jalan.',
  ],
  rambu_marka: [
    'Lampu lalu lintas di simpang {jalan} mati sejak {sejak}, arus kendaraan semrawut.',
    'Rambu dilarang parkir di {jalan} roboh dan tergeletak di trotoar.',
    'Marka jalan dan zebra cross di {jalan} {patokan} sudah pudar, membahayakan anak sekolah yang menyeberang.',
  ],
  layanan_adminduk: [
    'Saya mengurus KTP-el sejak {sejak} tetapi sampai sekarang belum jadi, selalu diminta kembali minggu depan.',
    'Antrean layanan kartu keluarga sangat panjang dan pendaftaran antrean daring tidak berfungsi.',
    'Akta kelahiran anak saya belum terbit padahal berkas sudah lengkap sejak {sejak}.',
    'Data pindah datang saya belum diperbarui, sehingga belum bisa mengurus layanan lain.',
  ],
  ketertiban_umum: [
    'Pedagang kaki lima berjualan di trotoar {jalan} {patokan} sehingga pejalan kaki harus turun ke jalan.',
    'Ada bangunan liar di atas saluran air di {jalan}, Kel. {kel}.',
    'Setiap {jam} ada keramaian dan suara musik keras di {jalan} yang mengganggu warga.',
  ],
  perilaku_asn: [
    'Saat mengurus dokumen di kantor pelayanan, oknum petugas meminta uang tambahan Rp{uang} agar berkas cepat selesai.',
    'Petugas di loket pelayanan bersikap tidak ramah dan menolak melayani tanpa alasan yang jelas.',
    'Ada calo yang bekerja sama dengan oknum pegawai untuk mempercepat pengurusan izin dengan imbalan Rp{uang}.',
  ],
  lainnya: [
    'Mohon tindak lanjut terkait fasilitas umum di {jalan}, Kel. {kel}, yang sudah lama tidak terawat.',
    'Taman {patokan} di {jalan} kotor dan banyak fasilitas yang rusak.',
    'Saran agar dipasang papan petunjuk arah di {jalan} karena banyak pendatang yang tersesat.',
    'Suara bising dari kegiatan proyek di {jalan} berlangsung sampai larut malam.',
  ],
}
const DEFAULT_DESCRIPTIONS = ['Mohon tindak lanjut atas permasalahan di {jalan}, Kel. {kel}, yang sudah berlangsung {durasi}.']

const RESOLUTION_NOTES: Record<string, string[]> = {
  pju: ['Lampu PJU sudah diganti dan menyala kembali.', 'Kabel PJU yang putus sudah diperbaiki.', 'Tiang dan lampu sudah diperbaiki oleh tim PJU.'],
  jalan_rusak: [
    'Lubang jalan sudah ditambal dengan aspal.',
    'Perbaikan jalan sudah selesai dikerjakan.',
    'Jalan sudah ditambal; pengaspalan ulang masuk program pemeliharaan berikutnya.',
  ],
  sampah_menumpuk: ['Sampah sudah diangkut oleh petugas.', 'TPS sudah dibersihkan dan jadwal pengangkutan sudah normal kembali.'],
  drainase_tersumbat: ['Saluran sudah dibersihkan dari sampah dan lumpur.', 'Tutup saluran baru sudah dipasang.'],
  pohon_tumbang: ['Pohon sudah dipotong dan jalan sudah bisa dilalui kembali.'],
  banjir_genangan: ['Genangan sudah surut; saluran di sekitar lokasi sudah dibersihkan.'],
  pohon_rawan: ['Pohon sudah dipangkas.', 'Pohon sudah ditebang karena keropos dan membahayakan.'],
  kebakaran: ['Api sudah padam dan lokasi sudah diamankan.', 'Pendinginan dan pendataan kerugian sudah dilakukan.'],
  parkir_liar: ['Petugas sudah melakukan penertiban parkir di lokasi.', 'Juru parkir liar sudah dibina dan diberi teguran.'],
  rambu_marka: ['Lampu lalu lintas sudah berfungsi normal.', 'Rambu sudah dipasang kembali.', 'Marka jalan sudah dicat ulang.'],
  layanan_adminduk: ['Dokumen sudah selesai dan dapat diambil.', 'Data kependudukan sudah diperbarui.'],
  ketertiban_umum: ['Penertiban sudah dilakukan oleh petugas.', 'Pelanggar sudah diberi surat teguran.'],
  perilaku_asn: [
    'Pemeriksaan sudah selesai; pegawai yang bersangkutan dijatuhi sanksi sesuai ketentuan.',
    'Laporan sudah ditindaklanjuti oleh Inspektorat.',
  ],
}
const DEFAULT_RESOLUTION_NOTES = ['Laporan sudah ditindaklanjuti oleh perangkat daerah terkait.']
const PUBLIC_UPDATES = [
  'Petugas sudah meninjau lokasi.',
  'Laporan sudah dijadwalkan untuk penanganan.',
  'Penanganan menunggu ketersediaan material.',
  'Tim lapangan sudah diterjunkan.',
  'Penanganan dijadwalkan minggu ini.',
  'Sedang berkoordinasi dengan pihak terkait.',
]
const INTERNAL_NOTES = [
  'Sudah koordinasi dengan kelurahan setempat.',
  'Perlu survei lapangan sebelum pengerjaan.',
  'Menunggu anggaran pemeliharaan.',
  'Diteruskan ke regu lapangan wilayah.',
  'Pelapor belum bisa dihubungi untuk konfirmasi lokasi.',
  'Material sudah diajukan ke gudang.',
]
const REJECT_NOTES: Record<RejectReason, string> = {
  out_of_remit:
    'Permasalahan ini bukan kewenangan Pemerintah Kota; silakan menghubungi instansi terkait (mis. PLN, PDAM, atau BBPJN).',
  insufficient_info:
    'Informasi lokasi dan uraian belum cukup untuk ditindaklanjuti. Silakan kirim laporan baru dengan keterangan yang lebih lengkap.',
  spam: 'Laporan tidak berisi pengaduan yang dapat ditindaklanjuti.',
}
const REOPEN_NOTES = [
  'Masalahnya muncul lagi.',
  'Belum diperbaiki sepenuhnya.',
  'Perbaikannya tidak tahan lama, sudah rusak lagi.',
  'Lokasi yang diperbaiki bukan yang saya laporkan.',
]
const ESCALATION_NOTE = 'Melewati batas waktu penyelesaian; dieskalasi ke kepala perangkat daerah.'
const AUTO_CLOSE_NOTE = 'Ditutup otomatis 10 hari setelah diselesaikan karena tidak ada tanggapan dari pelapor.'
const RATING_COMMENTS: Record<number, string[]> = {
  1: ['Sangat lambat dan masalahnya belum beres.', 'Kecewa, tidak ada perbaikan nyata.'],
  2: ['Penanganannya lama sekali.', 'Kurang memuaskan, perlu dicek ulang.'],
  3: ['Cukup, tetapi bisa lebih cepat.', 'Sudah ditangani walau agak lama.'],
  4: ['Terima kasih, sudah diperbaiki.', 'Penanganan cukup cepat.'],
  5: ['Terima kasih, cepat sekali tanggapannya!', 'Mantap, pelayanannya sangat baik.', 'Sangat membantu, terima kasih petugas.'],
}

// ---- data loaded from the database -------------------------------------------------------

interface CategoryInfo {
  id: number
  code: string
  defaultUnitId: number | null
  privacyRule: PrivacyRule
  isMisconduct: boolean
  isEmergency: boolean
  responseTarget: number
  responseClock: ClockKind
  resolutionTarget: number
  resolutionClock: ClockKind
  templates: Template[]
  resolutionNotes: string[]
  noAreaShare: number
  resolutionFactor: number
}

interface UnitInfo {
  id: number
  key: string
  kind: string
  shortName: string
  officerId: number
  supervisorId: number
  profile: Profile
}

interface Kelurahan {
  id: number
  kecamatanId: number
  name: string
  lat: number | null
  lng: number | null
  streets: string[]
}

// ---- generated rows -------------------------------------------------------------------------

interface PoolEntry {
  code: string
  /** Database id once the batch holding it has been written. */
  id: number
  createdAt: number
}

interface SimEvent {
  t: number
  actor: 'staff' | 'reporter' | 'system'
  user: number | null
  type: EventType
  from: ReportStatus | null
  to: ReportStatus | null
  fromUnit: number | null
  toUnit: number | null
  body: string | null
  visibility: 'public' | 'internal'
}

interface SimReport {
  code: string
  categoryId: number
  areaId: number | null
  lat: number | null
  lng: number | null
  address: string | null
  description: string
  privacy: Privacy
  status: ReportStatus
  rejectReason: RejectReason | null
  unitId: number
  assignedUserId: number | null
  createdAt: number
  updatedAt: number
  firstResponseAt: number | null
  resolvedAt: number | null
  closedAt: number | null
  responseDueAt: number
  resolutionDueAt: number
  reopenCount: number
  duplicateOf: PoolEntry | null
  supporterCount: number
  version: number
  events: SimEvent[]
  rating: { score: number; comment: string | null; fixed: 'yes' | 'no' | 'unknown'; t: number } | null
  ikm: number[] | null
  /** Set when this report may later be the original of duplicates. */
  poolEntry: PoolEntry | null
}

// ---- the simulator ------------------------------------------------------------------------

/**
 * Adds `count` simulated reports (with events, ratings and IKM answers) to a jurisdiction
 * whose reference data is seeded. Each batch commits on its own: if a batch fails, the
 * batches before it stay in the database and the error is rethrown.
 */
export async function simulateReports(db: Kysely<DB>, options: SimulateOptions): Promise<SimulateResult> {
  const started = performance.now()
  const count = Math.max(0, Math.floor(options.count))
  const slug = options.jurisdictionSlug ?? 'kota-malang'
  const seed = options.seed ?? 42
  const now = (options.now ?? new Date()).getTime()
  const days = options.days ?? 365
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 2000))
  if (!(days > 0)) throw new RangeError(`days must be positive, got ${days}`)

  const world = await loadWorld(db, slug)
  const result: SimulateResult = { reports: 0, events: 0, ratings: 0, ms: 0 }
  if (count === 0) {
    result.ms = performance.now() - started
    return result
  }

  const startMs = now - days * DAY
  const localDays = new LocalDays(startMs, now, world.calendar)
  const sim = new Simulator(world, localDays, seed, now)
  const arrivals = sim.sampleArrivals(count, startMs)

  let inFlight: Promise<unknown> | null = null
  const settle = async () => {
    if (!inFlight) return
    const outcome = await inFlight
    inFlight = null
    if (outcome instanceof Error) throw outcome
  }

  for (let from = 0; from < count; from += batchSize) {
    const to = Math.min(count, from + batchSize)
    const batch: SimReport[] = []
    for (let i = from; i < to; i++) {
      batch.push(sim.report(arrivals[i] as number))
      // Let the database progress with the previous batch while this one is generated.
      if (inFlight && (i - from) % 200 === 199) await new Promise<void>((r) => setImmediate(r))
    }
    await settle()
    inFlight = writeBatch(db, world.jurisdictionId, batch).then(
      (written) => {
        result.reports += written.reports
        result.events += written.events
        result.ratings += written.ratings
        options.onProgress?.(result.reports)
        return null
      },
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    )
  }
  await settle()
  result.ms = performance.now() - started
  return result
}

interface World {
  jurisdictionId: number
  slug: string
  codePrefix: string
  calendar: SlaCalendar
  categories: CategoryInfo[]
  kelurahan: Kelurahan[]
  units: Map<number, UnitInfo>
  unitsByKey: Map<string, UnitInfo>
  rules: RoutingRule[]
  triageUnitId: number
  inspectorateUnitId: number | null
  usedCodes: Set<string>
}

async function loadWorld(db: Kysely<DB>, slug: string): Promise<World> {
  const jurisdiction = await db
    .selectFrom('jurisdictions')
    .select(['id', 'slug', 'code_prefix', 'time_zone'])
    .where('slug', '=', slug)
    .executeTakeFirst()
  if (!jurisdiction) throw new Error(`Unknown jurisdiction "${slug}": seed the reference data first (seedReferenceData)`)
  const jid = jurisdiction.id

  const [categoryRows, areaRows, unitRows, ruleRows, holidayRows, codeRows] = await Promise.all([
    db.selectFrom('categories').selectAll().where('jurisdiction_id', '=', jid).where('active', '=', true).orderBy('sort_order').orderBy('id').execute(),
    db
      .selectFrom('areas')
      .select(['id', 'level', 'code', 'name', 'parent_id', 'centroid_lat', 'centroid_lng'])
      .where('jurisdiction_id', '=', jid)
      .orderBy('code')
      .execute(),
    db.selectFrom('units').select(['id', 'key', 'kind', 'short_name', 'active']).where('jurisdiction_id', '=', jid).orderBy('id').execute(),
    db.selectFrom('routing_rules').selectAll().where('jurisdiction_id', '=', jid).orderBy('id').execute(),
    db
      .selectFrom('holidays')
      .select(['date'])
      .where((eb) => eb.or([eb('jurisdiction_id', 'is', null), eb('jurisdiction_id', '=', jid)]))
      .execute(),
    db.selectFrom('reports').select('code').where('jurisdiction_id', '=', jid).execute(),
  ])
  if (categoryRows.length === 0) throw new Error(`Jurisdiction "${slug}" has no categories: seed the reference data first`)
  if (unitRows.length === 0) throw new Error(`Jurisdiction "${slug}" has no units: seed the reference data first`)
  const kelurahanRows = areaRows.filter((a) => a.level === 'kelurahan' && a.parent_id !== null)
  if (kelurahanRows.length === 0) throw new Error(`Jurisdiction "${slug}" has no kelurahan: seed the reference data first`)

  const calendar = makeCalendar(
    jurisdiction.time_zone,
    holidayRows.map((h) => String(h.date).slice(0, 10)),
  )
  const staff = await ensureSimStaff(db, jid, jurisdiction.slug, unitRows)

  const units = new Map<number, UnitInfo>()
  const unitsByKey = new Map<string, UnitInfo>()
  for (const u of unitRows) {
    const s = staff.get(u.id)
    if (!s) throw new Error(`No simulated staff for unit ${u.key}`)
    const profile = UNIT_PROFILES[u.key] ?? (u.kind === 'kecamatan' || u.kind === 'kelurahan' ? KECAMATAN_PROFILE : DEFAULT_PROFILE)
    const info: UnitInfo = { id: u.id, key: u.key, kind: u.kind, shortName: u.short_name, officerId: s.officer, supervisorId: s.supervisor, profile }
    units.set(u.id, info)
    unitsByKey.set(u.key, info)
  }

  const streets = STREETS_BY_SLUG[slug] ?? GENERIC_STREETS
  // Each kelurahan gets a fixed handful of streets (derived from its code, not the run seed).
  const kelurahan: Kelurahan[] = kelurahanRows.map((a) => {
    const local = new Rng(hashString(a.code))
    const own = new Set<string>()
    while (own.size < Math.min(6, streets.length)) own.add(local.pick(streets))
    return {
      id: a.id,
      kecamatanId: a.parent_id as number,
      name: a.name,
      lat: a.centroid_lat,
      lng: a.centroid_lng,
      streets: [...own],
    }
  })

  const categories: CategoryInfo[] = categoryRows.map((c) => ({
    id: c.id,
    code: c.code,
    defaultUnitId: c.default_unit_id,
    privacyRule: c.privacy_rule,
    isMisconduct: c.is_misconduct,
    isEmergency: c.is_emergency,
    responseTarget: Number(c.response_target),
    responseClock: c.response_clock,
    resolutionTarget: Number(c.resolution_target),
    resolutionClock: c.resolution_clock,
    templates: compileAll(DESCRIPTIONS[c.code] ?? DEFAULT_DESCRIPTIONS),
    resolutionNotes: RESOLUTION_NOTES[c.code] ?? DEFAULT_RESOLUTION_NOTES,
    noAreaShare: NO_AREA_SHARE[c.code] ?? DEFAULT_NO_AREA_SHARE,
    resolutionFactor: CATEGORY_RESOLUTION_FACTOR[c.code] ?? 1,
  }))

  const triage = unitRows.find((u) => u.kind === 'triage_desk') ?? unitRows[0]
  const inspectorate = unitRows.find((u) => u.kind === 'inspektorat')
  return {
    jurisdictionId: jid,
    slug,
    codePrefix: jurisdiction.code_prefix,
    calendar,
    categories,
    kelurahan,
    units,
    unitsByKey,
    rules: ruleRows.map((r) => ({
      id: r.id,
      categoryId: r.category_id,
      scope: r.scope,
      areaId: r.area_id,
      unitId: r.unit_id,
      precedence: r.precedence,
    })),
    triageUnitId: (triage as { id: number }).id,
    inspectorateUnitId: inspectorate?.id ?? null,
    usedCodes: new Set(codeRows.map((r) => r.code)),
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

function hashString(s: string): number {
  let h = 2166136261
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}

export function simStaffEmail(unitKey: string, jurisdictionSlug: string, role: 'officer' | 'supervisor') {
  return role === 'officer' ? `sim.${unitKey}@${jurisdictionSlug}.sim` : `sim.kepala.${unitKey}@${jurisdictionSlug}.sim`
}

/**
 * One inactive officer and one inactive supervisor per unit, created if absent. They
 * exist only so that staff events have an actor; nobody can log in as them (inactive,
 * and the password is random and thrown away).
 */
async function ensureSimStaff(
  db: Kysely<DB>,
  jurisdictionId: number,
  slug: string,
  units: { id: number; key: string; short_name: string }[],
): Promise<Map<number, { officer: number; supervisor: number }>> {
  const wanted = units.flatMap((u) => [
    { email: simStaffEmail(u.key, slug, 'officer'), role: 'officer' as const, unit: u, name: `Petugas Simulasi ${u.short_name}` },
    { email: simStaffEmail(u.key, slug, 'supervisor'), role: 'supervisor' as const, unit: u, name: `Kepala ${u.short_name} (simulasi)` },
  ])
  const emails = wanted.map((w) => w.email)
  const load = () =>
    db
      .selectFrom('users')
      .select(['id', 'email'])
      .where((eb) => eb(eb.fn('lower', ['email']), 'in', emails))
      .execute()
  let existing = await load()
  const have = new Set(existing.map((r) => r.email.toLowerCase()))
  const missing = wanted.filter((w) => !have.has(w.email))
  if (missing.length > 0) {
    const passwordHash = await hash(randomBytes(32).toString('base64url'), ARGON2_OPTIONS)
    const rows = missing.map((w) => ({
      email: w.email,
      name: w.name,
      role: w.role,
      unit_id: w.unit.id,
    }))
    await sql`INSERT INTO users (jurisdiction_id, email, name, password_hash, role, unit_id, active)
      SELECT ${jurisdictionId}, x.email, x.name, ${passwordHash}, x.role, x.unit_id, false
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(email text, name text, role text, unit_id integer)
      ON CONFLICT (lower(email)) DO NOTHING`.execute(db)
    existing = await load()
  }
  const idByEmail = new Map(existing.map((r) => [r.email.toLowerCase(), r.id]))
  const out = new Map<number, { officer: number; supervisor: number }>()
  for (const u of units) {
    const officer = idByEmail.get(simStaffEmail(u.key, slug, 'officer'))
    const supervisor = idByEmail.get(simStaffEmail(u.key, slug, 'supervisor'))
    if (officer === undefined || supervisor === undefined) throw new Error(`Could not create simulated staff for unit ${u.key}`)
    out.set(u.id, { officer, supervisor })
  }
  return out
}

class Simulator {
  private readonly rng: Rng
  private readonly codeRng: Rng
  private readonly categoryByMonth: Weighted<CategoryInfo>[] = []
  private readonly kelurahanPicker: Weighted<Kelurahan>
  private readonly routeCache = new Map<string, number>()
  private readonly dueCache = new Map<string, number>()
  private readonly pool = new Map<string, PoolEntry[]>()
  private readonly transferTargets = new Map<string, UnitInfo[]>()
  private readonly fallbackTargets: UnitInfo[]

  constructor(
    private readonly world: World,
    private readonly local: LocalDays,
    seed: number,
    private readonly now: number,
  ) {
    this.rng = new Rng(seed, 1)
    this.codeRng = new Rng(seed, 2)
    const setup = new Rng(seed, 3)
    for (let month = 1; month <= 12; month++) {
      const weights = world.categories.map((c) => (CATEGORY_WEIGHTS[c.code] ?? DEFAULT_CATEGORY_WEIGHT) * seasonalFactor(c.code, month))
      this.categoryByMonth[month] = new Weighted(world.categories, weights)
    }
    // Some kelurahan report much more than others (density, activity of residents).
    this.kelurahanPicker = new Weighted(
      world.kelurahan,
      world.kelurahan.map(() => Math.exp(0.55 * setup.normal())),
    )
    for (const c of world.categories) {
      const targets = (TRANSFER_TARGETS[c.code] ?? []).map((k) => world.unitsByKey.get(k)).filter((u): u is UnitInfo => u !== undefined)
      this.transferTargets.set(c.code, targets)
    }
    this.fallbackTargets = [...world.units.values()].filter(
      (u) => u.kind !== 'kecamatan' && u.kind !== 'kelurahan' && u.kind !== 'inspektorat' && u.kind !== 'triage_desk',
    )
  }

  /** `count` arrival instants in [startMs, now), sorted. */
  sampleArrivals(count: number, startMs: number): Float64Array {
    const starts: number[] = []
    const ends: number[] = []
    const weights: number[] = []
    const span = this.now - startMs
    const days = this.local.days
    for (let i = 0; i + 1 < days.length; i++) {
      const d = days[i] as LocalDay
      const next = (days[i + 1] as LocalDay).start
      const dayFactor = (WEEKDAY_WEIGHTS[d.weekday] ?? 1) * (d.working || d.weekday === 0 || d.weekday === 6 ? 1 : HOLIDAY_FACTOR)
      for (let h = 0; h < 24; h++) {
        const s = Math.max(startMs, d.start + h * HOUR)
        const e = Math.min(this.now, h === 23 ? next : d.start + (h + 1) * HOUR)
        if (e <= s) continue
        const growth = GROWTH_START + (1 - GROWTH_START) * ((s - startMs) / span)
        starts.push(s)
        ends.push(e)
        weights.push((HOUR_WEIGHTS[h] ?? 1) * dayFactor * growth * ((e - s) / HOUR))
      }
    }
    const slots = new Weighted(
      starts.map((_, i) => i),
      weights,
    )
    const out = new Float64Array(count)
    for (let i = 0; i < count; i++) {
      const slot = slots.pick(this.rng)
      const s = starts[slot] as number
      const e = ends[slot] as number
      out[i] = Math.floor(s + this.rng.next() * (e - s))
    }
    return out.sort()
  }

  private trackingCode(): string {
    const bytes = (n: number) => {
      const out = new Uint8Array(n)
      for (let i = 0; i < n; i++) out[i] = Math.floor(this.codeRng.next() * 256)
      return out
    }
    for (;;) {
      const code = generateTrackingCode(this.world.codePrefix, bytes)
      if (!this.world.usedCodes.has(code)) {
        this.world.usedCodes.add(code)
        return code
      }
    }
  }

  private route(category: CategoryInfo, kel: Kelurahan | null): number {
    const key = `${category.id}:${kel?.id ?? 0}`
    let unit = this.routeCache.get(key)
    if (unit === undefined) {
      unit = routeReport({
        category: {
          id: category.id,
          defaultUnitId: category.defaultUnitId,
          privacyRule: category.privacyRule,
          isMisconduct: category.isMisconduct,
        },
        kelurahan: kel ? { id: kel.id, kecamatanId: kel.kecamatanId } : null,
        rules: this.world.rules,
        triageUnitId: this.world.triageUnitId,
        inspectorateUnitId: this.world.inspectorateUnitId,
      }).unitId
      this.routeCache.set(key, unit)
    }
    return unit
  }

  /** computeDueAt, cached per local filing day for working-day clocks. */
  private due(createdAt: number, target: number, clock: ClockKind): number {
    if (clock === 'calendar_hours') return computeDueAt(new Date(createdAt), target, clock, this.world.calendar).getTime()
    const day = this.local.dayAt(createdAt)
    const key = `${day.date}:${target}`
    let due = this.dueCache.get(key)
    if (due === undefined) {
      due = computeDueAt(new Date(createdAt), target, clock, this.world.calendar).getTime()
      this.dueCache.set(key, due)
    }
    return due
  }

  private unit(id: number): UnitInfo {
    const u = this.world.units.get(id)
    if (!u) throw new Error(`Unit ${id} is not a unit of the jurisdiction`)
    return u
  }

  /** When staff of `unit` act on something that reached them at t. */
  private staffTime(t: number, unit: UnitInfo, category: CategoryInfo, phase: 'resp' | 'res' | 'start', scale = 1): number {
    const rng = this.rng
    let at: number
    if (category.isEmergency) {
      const speed = EMERGENCY_SPEED[unit.key] ?? DEFAULT_EMERGENCY_SPEED
      const hours =
        phase === 'resp'
          ? rng.lognormal(category.responseClock === 'calendar_hours' ? category.responseTarget * speed.resp : 1, 0.6)
          : phase === 'start'
            ? rng.lognormal(0.15, 0.6)
            : rng.lognormal(category.resolutionClock === 'calendar_hours' ? category.resolutionTarget * speed.res : 8, 0.65)
      at = t + hours * scale * HOUR
    } else {
      const p = unit.profile
      const hours =
        phase === 'resp'
          ? rng.lognormal(p.respMedian, p.respSigma)
          : phase === 'start'
            ? rng.lognormal(5, 1)
            : rng.lognormal(p.resMedian * category.resolutionFactor, p.resSigma)
      const ms = hours * scale * HOUR
      // Mostly office hours; now and then someone acts in the evening or at the weekend.
      at = rng.chance(0.07) ? t + ms : this.local.addWorkTime(t, ms)
    }
    return Math.max(at, t + MINUTE)
  }

  private description(category: CategoryInfo, kel: Kelurahan | null, street: string): string {
    const rng = this.rng
    const fill = (parts: Template) => {
      let out = ''
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as string
        if (i % 2 === 0) {
          out += part
          continue
        }
        switch (part) {
          case 'jalan':
            out += street
            break
          case 'kel':
            // Without a kelurahan: "…di Jl. X, Kel. {kel}, …" loses the clause, "di Kel. {kel}" becomes "di sekitar sini".
            if (kel) out += kel.name
            else if (out.endsWith(', Kel. ')) out = out.slice(0, -', Kel. '.length)
            else out = (out.endsWith('Kel. ') ? out.slice(0, -'Kel. '.length) : out) + 'sekitar sini'
            break
          case 'patokan':
            out += rng.pick(LANDMARKS)
            break
          case 'durasi':
            out += rng.pick(DURATIONS)
            break
          case 'sejak':
            out += rng.pick(SINCE)
            break
          case 'jam':
            out += rng.pick(TIMES_OF_DAY)
            break
          case 'n':
            out += String(rng.range(2, 6))
            break
          case 'm':
            out += String(rng.range(2, 40) * 5)
            break
          case 'cm':
            out += String(rng.range(2, 16) * 5)
            break
          case 'tarif':
            out += rng.pick(PARKING_FEES)
            break
          case 'uang':
            out += rng.pick(BRIBES)
            break
          default:
            out += part
        }
      }
      return out
    }
    const templates = category.templates
    const first = rng.int(templates.length)
    let text = fill(templates[first] as Template)
    if (rng.chance(0.3)) text = fill(rng.pick(OPENINGS)) + text
    // Now and then a second, different complaint about the same place.
    if (templates.length > 1 && rng.chance(0.15)) {
      text += ' Selain itu, ' + lowerFirst(fill(templates[(first + 1 + rng.int(templates.length - 1)) % templates.length] as Template))
    }
    if (rng.chance(0.6)) text += rng.pick(CLOSINGS)
    return text.length > 5000 ? text.slice(0, 5000) : text
  }

  /** A whole report with its history up to `now`. */
  report(t0: number): SimReport {
    const rng = this.rng
    const now = this.now
    const day = this.local.dayAt(t0)
    const category = (this.categoryByMonth[day.month] as Weighted<CategoryInfo>).pick(rng)
    const kel = rng.chance(category.noAreaShare) ? null : this.kelurahanPicker.pick(rng)
    let unit = this.unit(this.route(category, kel))
    const privacy = effectivePrivacy(PRIVACY_CHOICE.pick(rng), category.privacyRule)

    const street = kel ? rng.pick(kel.streets) : rng.pick(STREETS_BY_SLUG[this.world.slug] ?? GENERIC_STREETS)
    let lat: number | null = null
    let lng: number | null = null
    if (kel && kel.lat !== null && kel.lng !== null && rng.chance(COORDINATE_SHARE)) {
      lat = Math.round((kel.lat + rng.normal() * 0.004) * 1e6) / 1e6
      lng = Math.round((kel.lng + rng.normal() * 0.004) * 1e6) / 1e6
    }
    // Service complaints (ID cards, misconduct) are not about a place: no street address.
    const address = kel && category.noAreaShare < 0.5 && rng.chance(0.85) ? (rng.chance(0.8) ? `${street} No. ${rng.range(1, 250)}` : street) : null

    const r: SimReport = {
      code: this.trackingCode(),
      categoryId: category.id,
      areaId: kel?.id ?? null,
      lat,
      lng,
      address,
      description: this.description(category, kel, street),
      privacy,
      status: 'submitted',
      rejectReason: null,
      unitId: unit.id,
      assignedUserId: null,
      createdAt: t0,
      updatedAt: t0,
      firstResponseAt: null,
      resolvedAt: null,
      closedAt: null,
      responseDueAt: this.due(t0, category.responseTarget, category.responseClock),
      resolutionDueAt: this.due(t0, category.resolutionTarget, category.resolutionClock),
      reopenCount: 0,
      duplicateOf: null,
      supporterCount: privacy === 'public' && rng.chance(0.25) ? Math.min(500, Math.floor(rng.lognormal(2, 1.1))) : 0,
      version: 1,
      events: [],
      rating: null,
      ikm: null,
      poolEntry: null,
    }
    const ev = (t: number, actor: SimEvent['actor'], user: number | null, type: EventType, body: string | null, visibility: 'public' | 'internal' = 'public', extra: Partial<SimEvent> = {}) => {
      r.events.push({ t, actor, user, type, from: null, to: null, fromUnit: null, toUnit: null, body, visibility, ...extra })
      r.updatedAt = t
      if (actor === 'staff' && r.firstResponseAt === null) r.firstResponseAt = t
    }
    /** Applies an action through the domain state machine and records its event. */
    const act = (t: number, action: ReportAction, actor: ActorKind, body: string | null, visibility: 'public' | 'internal' = 'public', extra: Partial<SimEvent> = {}) => {
      const tr = transition(r.status, action, actor)
      const user = actor === 'officer' ? unit.officerId : actor === 'supervisor' ? unit.supervisorId : null
      const kind = actor === 'officer' || actor === 'supervisor' ? 'staff' : actor
      ev(t, kind, user, tr.eventType, body, visibility, { from: tr.from, to: tr.to, ...extra })
      r.status = tr.to
      r.version++
    }
    r.events.push({ t: t0, actor: 'reporter', user: null, type: 'created', from: null, to: 'submitted', fromUnit: null, toUnit: unit.id, body: null, visibility: 'public' })

    // Outcome drawn up front; actions after `now` simply have not happened yet.
    const u = rng.next()
    const rejectShare = unit.kind === 'triage_desk' ? 0.1 : 0.035
    let outcome: 'normal' | 'reject' | 'duplicate' = u < rejectShare ? 'reject' : u < rejectShare + 0.03 ? 'duplicate' : 'normal'
    let original: PoolEntry | null = null
    if (outcome === 'duplicate') {
      original = kel ? this.findOriginal(category.id, kel.id, t0) : null
      if (!original) outcome = 'normal'
    }
    // Misconduct reports stay with the Inspektorat: never hand them to another unit.
    const transfer = outcome === 'normal' && !category.isMisconduct && rng.chance(unit.kind === 'triage_desk' ? 0.45 : 0.03)
    const verifyFirst = rng.chance(0.7)
    if (outcome === 'normal' && kel && !category.isMisconduct) {
      r.poolEntry = { code: r.code, id: 0, createdAt: t0 }
      this.remember(category.id, kel.id, r.poolEntry)
    }

    let t = this.staffTime(t0, unit, category, 'resp')
    if (t > now) return r

    if (transfer) {
      const target = this.transferTarget(category, unit)
      if (target) {
        act(t, { type: 'transfer' }, 'officer', `Laporan dialihkan ke ${target.shortName} sesuai kewenangan.`, 'public', {
          fromUnit: unit.id,
          toUnit: target.id,
        })
        unit = target
        r.unitId = unit.id
        t = this.staffTime(t, unit, category, 'resp', 0.7)
        if (t > now) return r
      }
    }

    if (outcome === 'reject') {
      const reason = REJECT_REASONS.pick(rng)
      if (reason === 'insufficient_info' && verifyFirst) {
        act(t, { type: 'verify' }, 'officer', null)
        r.assignedUserId = unit.officerId
        t = this.staffTime(t, unit, category, 'start')
        if (t > now) return r
      }
      act(t, { type: 'reject', reason }, 'supervisor', REJECT_NOTES[reason])
      r.rejectReason = reason
      r.assignedUserId = null
      return r
    }

    if (outcome === 'duplicate' && original) {
      act(t, { type: 'mark_duplicate' }, 'officer', `Laporan serupa sudah ada dengan kode ${original.code}; tindak lanjut dipantau pada laporan tersebut.`)
      r.duplicateOf = original
      return r
    }

    // Normal handling: verify (usually), start, work, resolve.
    r.assignedUserId = unit.officerId
    if (verifyFirst) {
      act(t, { type: 'verify' }, 'officer', null)
      t = this.staffTime(t, unit, category, 'start')
      if (t > now) return r
    }
    act(t, { type: 'start' }, 'officer', null)
    const tStart = t
    // A few reports get stuck (waiting for budget, material, another agency).
    const stuck = rng.chance(0.03) ? rng.lognormal(6, 0.5) : 1
    let tResolve = this.staffTime(tStart, unit, category, 'res', stuck)
    this.workEvents(r, tStart, tResolve, unit, act, ev)
    if (tResolve > now) return r
    act(tResolve, { type: 'resolve' }, 'officer', rng.pick(category.resolutionNotes))
    r.resolvedAt = tResolve

    const late = tResolve > r.resolutionDueAt
    if (rng.chance(late ? 0.11 : 0.07)) {
      const tReopen = tResolve + rng.lognormal(30, 0.8) * HOUR
      if (tReopen < tResolve + AUTO_CLOSE_MS) {
        if (tReopen > now) return r
        act(tReopen, { type: 'reopen' }, 'reporter', rng.pick(REOPEN_NOTES))
        r.reopenCount++
        tResolve = this.staffTime(tReopen, unit, category, 'res', 0.5)
        if (tResolve > now) return r
        act(tResolve, { type: 'resolve' }, 'officer', rng.pick(category.resolutionNotes))
        r.resolvedAt = tResolve
      }
    }

    // Closing: the reporter rates (and thereby closes), or the system closes after 10 days.
    const resolvedAt = r.resolvedAt
    const tRate = resolvedAt + rng.lognormal(18, 1) * HOUR
    if (rng.chance(0.47) && tRate < resolvedAt + AUTO_CLOSE_MS) {
      if (tRate > now) return r
      const rating = this.rating(r)
      r.rating = { ...rating, t: tRate }
      ev(tRate, 'reporter', null, 'rated', rating.comment)
      act(tRate + 1000, { type: 'close' }, 'reporter', null)
      r.closedAt = tRate + 1000
      if (rng.chance(0.2)) r.ikm = this.ikm(rating.score, r.resolvedAt > r.resolutionDueAt)
      return r
    }
    const tAuto = resolvedAt + AUTO_CLOSE_MS
    if (tAuto > now) return r
    act(tAuto, { type: 'close' }, 'system', AUTO_CLOSE_NOTE)
    r.closedAt = tAuto
    return r
  }

  /** Progress updates, internal notes and escalation between the start of work and the fix. */
  private workEvents(
    r: SimReport,
    tStart: number,
    tResolve: number,
    unit: UnitInfo,
    act: (t: number, action: ReportAction, actor: ActorKind, body: string | null, visibility?: 'public' | 'internal') => void,
    ev: (t: number, actor: SimEvent['actor'], user: number | null, type: EventType, body: string | null, visibility?: 'public' | 'internal') => void,
  ) {
    const rng = this.rng
    const end = Math.min(tResolve, this.now)
    const span = tResolve - tStart
    const items: { t: number; run: () => void }[] = []
    if (rng.chance(0.35)) {
      const at = tStart + span * (0.2 + 0.6 * rng.next())
      const body = rng.pick(PUBLIC_UPDATES)
      items.push({ t: at, run: () => ev(at, 'staff', unit.officerId, 'public_update', body, 'public') })
    }
    if (rng.chance(0.2)) {
      const at = tStart + span * (0.1 + 0.8 * rng.next())
      const body = rng.pick(INTERNAL_NOTES)
      items.push({ t: at, run: () => ev(at, 'staff', unit.officerId, 'internal_note', body, 'internal') })
    }
    const escalateAt = r.resolutionDueAt + DAY
    if (escalateAt > tStart && escalateAt < tResolve && rng.chance(0.6)) {
      items.push({ t: escalateAt, run: () => act(escalateAt, { type: 'escalate' }, 'system', ESCALATION_NOTE, 'internal') })
    }
    items.sort((a, b) => a.t - b.t)
    for (const item of items) {
      // Strictly between start and resolution, and not in the future.
      if (item.t > tStart + 1000 && item.t < tResolve - 1000 && item.t <= end) item.run()
    }
  }

  private rating(r: SimReport): { score: number; comment: string | null; fixed: 'yes' | 'no' | 'unknown' } {
    const rng = this.rng
    const resolvedAt = r.resolvedAt as number
    const lateDays = Math.max(0, (resolvedAt - r.resolutionDueAt) / DAY)
    let mu = 4.35
    if (lateDays > 0) mu -= 0.9 + Math.min(1, lateDays / 10) * 0.7
    if (r.reopenCount > 0) mu -= 0.9
    const score = Math.min(5, Math.max(1, Math.round(mu + rng.normal() * 0.75)))
    const f = rng.next()
    const fixed: 'yes' | 'no' | 'unknown' =
      score >= 4 ? (f < 0.9 ? 'yes' : 'unknown') : score === 3 ? (f < 0.5 ? 'yes' : f < 0.8 ? 'unknown' : 'no') : f < 0.65 ? 'no' : f < 0.85 ? 'unknown' : 'yes'
    const comment = rng.chance(0.3) ? rng.pick(RATING_COMMENTS[score] ?? []) : null
    return { score, comment, fixed }
  }

  /** IKM unsur u1..u9 (1–4), correlated with the rating; u4 (cost) is high since the service is free. */
  private ikm(score: number, late: boolean): number[] {
    const rng = this.rng
    const base = 1 + ((score - 1) * 3) / 4
    const out: number[] = []
    for (let i = 1; i <= 9; i++) {
      let v = base + rng.normal() * 0.55
      if (i === 4) v += 0.8
      if (i === 3 && late) v -= 0.6
      out.push(Math.min(4, Math.max(1, Math.round(v))))
    }
    return out
  }

  private transferTarget(category: CategoryInfo, from: UnitInfo): UnitInfo | null {
    const preferred = (this.transferTargets.get(category.code) ?? []).filter((u) => u.id !== from.id)
    if (preferred.length > 0) return this.rng.pick(preferred)
    const others = this.fallbackTargets.filter((u) => u.id !== from.id)
    return others.length > 0 ? this.rng.pick(others) : null
  }

  private remember(categoryId: number, areaId: number, entry: PoolEntry) {
    const key = `${categoryId}:${areaId}`
    let list = this.pool.get(key)
    if (!list) this.pool.set(key, (list = []))
    list.push(entry)
    if (list.length > 8) list.shift()
  }

  /** A recent earlier report of the same category and kelurahan, if any. */
  private findOriginal(categoryId: number, areaId: number, t: number): PoolEntry | null {
    const list = this.pool.get(`${categoryId}:${areaId}`)
    if (!list) return null
    const recent = list.filter((e) => e.createdAt < t && t - e.createdAt < 30 * DAY)
    return recent.length > 0 ? this.rng.pick(recent) : null
  }
}

// ---- bulk writing ---------------------------------------------------------------------------

// JSON keys are short to keep the batch payload small; `AS x(...)` names them once.
const REPORT_RECORD = `c text, g integer, a integer, la double precision, ln double precision, ad text, d text, p text,
  s text, rr text, u integer, au integer, ct double precision, ut double precision, fr double precision,
  rs double precision, cl double precision, rd double precision, sd double precision, ro integer, di integer,
  dc text, sc integer, v integer, o integer`
const REPORT_COLUMNS = `code, jurisdiction_id, category_id, area_id, lat, lng, address, description, privacy, status,
  reject_reason, current_unit_id, assigned_user_id, source, created_at, updated_at, first_response_at, resolved_at,
  closed_at, response_due_at, resolution_due_at, reopen_count, duplicate_of_id, supporter_count, version`
const ts = (col: string) => `to_timestamp(x.${col} / 1000)`
const reportSelect = (jid: number, duplicateOf: string) => `x.c, ${jid}, x.g, x.a, x.la, x.ln, x.ad, x.d, x.p, x.s,
  x.rr, x.u, x.au, 'simulated', ${ts('ct')}, ${ts('ut')}, ${ts('fr')}, ${ts('rs')},
  ${ts('cl')}, ${ts('rd')}, ${ts('sd')}, x.ro, ${duplicateOf}, x.sc, x.v`

const nn = <T>(v: T | null): T | undefined => (v === null ? undefined : v)

async function writeBatch(
  db: Kysely<DB>,
  jurisdictionId: number,
  batch: SimReport[],
): Promise<{ reports: number; events: number; ratings: number }> {
  // Duplicates of a report in this same batch are resolved in SQL by code (dc); originals
  // from earlier batches already have their id (di).
  const reportRows = batch.map((r, i) => {
    const dup = r.duplicateOf
    return {
      c: r.code,
      g: r.categoryId,
      a: nn(r.areaId),
      la: nn(r.lat),
      ln: nn(r.lng),
      ad: nn(r.address),
      d: r.description,
      p: r.privacy,
      s: r.status,
      rr: nn(r.rejectReason),
      u: r.unitId,
      au: nn(r.assignedUserId),
      ct: r.createdAt,
      ut: r.updatedAt,
      fr: nn(r.firstResponseAt),
      rs: nn(r.resolvedAt),
      cl: nn(r.closedAt),
      rd: r.responseDueAt,
      sd: r.resolutionDueAt,
      ro: r.reopenCount,
      di: dup && dup.id > 0 ? dup.id : undefined,
      dc: dup && dup.id === 0 ? dup.code : undefined,
      sc: r.supporterCount,
      v: r.version,
      o: i,
    }
  })

  return db.transaction().execute(async (trx) => {
    const inserted = await sql<{ id: number; code: string }>`
      WITH x AS (
        SELECT * FROM json_to_recordset(${JSON.stringify(reportRows)}::json) AS x(${sql.raw(REPORT_RECORD)})
      ), plain AS (
        INSERT INTO reports (${sql.raw(REPORT_COLUMNS)})
        SELECT ${sql.raw(reportSelect(jurisdictionId, 'x.di'))} FROM x WHERE x.dc IS NULL ORDER BY x.o
        RETURNING id, code
      ), dups AS (
        INSERT INTO reports (${sql.raw(REPORT_COLUMNS)})
        SELECT ${sql.raw(reportSelect(jurisdictionId, 'plain.id'))} FROM x JOIN plain ON plain.code = x.dc ORDER BY x.o
        RETURNING id, code
      )
      SELECT id, code FROM plain UNION ALL SELECT id, code FROM dups`.execute(trx)
    const idByCode = new Map<string, number>()
    for (const row of inserted.rows) idByCode.set(row.code, row.id)
    if (idByCode.size !== batch.length) throw new Error(`Inserted ${idByCode.size} of ${batch.length} simulated reports`)

    const eventRows: object[] = []
    const ratingRows: object[] = []
    const ikmRows: object[] = []
    for (const r of batch) {
      const id = idByCode.get(r.code) as number
      if (r.poolEntry) r.poolEntry.id = id
      for (const e of r.events) {
        eventRows.push({
          r: id,
          t: e.t,
          k: e.actor,
          u: nn(e.user),
          y: e.type,
          f: nn(e.from),
          s: nn(e.to),
          fu: nn(e.fromUnit),
          tu: nn(e.toUnit),
          b: nn(e.body),
          v: e.visibility,
        })
      }
      if (r.rating) {
        ratingRows.push({ r: id, s: r.rating.score, c: nn(r.rating.comment), f: r.rating.fixed, t: r.rating.t })
        if (r.ikm) {
          const [u1, u2, u3, u4, u5, u6, u7, u8, u9] = r.ikm
          ikmRows.push({ r: id, n: r.unitId, t: r.rating.t, u1, u2, u3, u4, u5, u6, u7, u8, u9 })
        }
      }
    }

    await sql`INSERT INTO report_events (report_id, created_at, actor_kind, actor_user_id, type, from_status, to_status, from_unit_id, to_unit_id, body, visibility)
      SELECT x.r, to_timestamp(x.t / 1000), x.k, x.u, x.y, x.f, x.s, x.fu, x.tu, x.b, x.v
      FROM json_to_recordset(${JSON.stringify(eventRows)}::json)
        AS x(r integer, t double precision, k text, u integer, y text, f text, s text, fu integer, tu integer, b text, v text)`.execute(trx)
    if (ratingRows.length > 0) {
      await sql`INSERT INTO ratings (report_id, score, comment, fixed, created_at)
        SELECT x.r, x.s, x.c, x.f, to_timestamp(x.t / 1000)
        FROM json_to_recordset(${JSON.stringify(ratingRows)}::json) AS x(r integer, s smallint, c text, f text, t double precision)`.execute(trx)
    }
    if (ikmRows.length > 0) {
      await sql`INSERT INTO ikm_responses (jurisdiction_id, unit_id, report_id, u1, u2, u3, u4, u5, u6, u7, u8, u9, created_at)
        SELECT ${jurisdictionId}, x.n, x.r, x.u1, x.u2, x.u3, x.u4, x.u5, x.u6, x.u7, x.u8, x.u9, to_timestamp(x.t / 1000)
        FROM json_to_recordset(${JSON.stringify(ikmRows)}::json)
          AS x(r integer, n integer, t double precision, u1 smallint, u2 smallint, u3 smallint, u4 smallint, u5 smallint,
               u6 smallint, u7 smallint, u8 smallint, u9 smallint)`.execute(trx)
    }
    return { reports: batch.length, events: eventRows.length, ratings: ratingRows.length }
  })
}
