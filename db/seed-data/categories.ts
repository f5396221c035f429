// Complaint categories (Open311 GeoReport v2 service codes) and routing rules.
//
// Service-level targets
// ---------------------
// Non-emergency categories follow the national complaint system SP4N-LAPOR! (Perpres 76/2013
// on Pengelolaan Pengaduan Pelayanan Publik; technical guideline PermenPAN-RB 62/2018): a
// report is verified and forwarded within 3 working days, and the responsible unit has 5
// working days to coordinate and state its follow-up (tindak lanjut). We use these as the
// response target (3 working days) and the default resolution target (5 working days).
// Two categories get 14 working days to resolve, the period commonly published in public
// service standards for complaints that are not simple ("pengaduan tidak berkadar pengawasan,
// paling lambat 14 hari kerja"):
//  - jalan_rusak: physical works need a survey, materials and often a contractor, and asphalt
//    work stops in heavy rain;
//  - perilaku_asn: the Inspektorat must examine the report, hear the people involved and keep
//    the reporter's identity protected; complaints that need a full audit may legitimately take
//    longer and should then be extended by the Inspektorat with a reason.
// Kota Malang's own Perwali is reported to set a maximum response of 7 days (JISIP 2023 paper),
// which these targets satisfy. Admins must check targets against current regulations.
//
// Emergencies (pohon_tumbang, banjir_genangan, kebakaran) run on calendar hours: the clock does
// not stop at night, on weekends or on holidays. These reports never replace a call to 112.
//
// Routing precedence
// ------------------
// The most specific matching scope wins (kelurahan, then kecamatan, then jurisdiction);
// within one scope the higher `precedence` wins; with no matching rule the report goes to the
// category's `defaultUnitKey`. By convention jurisdiction-wide rules use 0, kecamatan rules 5
// and kelurahan rules 10, so precedence also reads in the order of specificity.

import type { StoredAttribute } from '../../app/domain/open311'
import type { ClockKind, PrivacyRule, RoutingScope } from '../../app/domain/vocabulary'
import type { SeedJurisdictionCode } from './jurisdictions'
import { kecamatanUnitKey } from './units'
import { wilayahRowsUnder } from './wilayah'

export type SeedCategoryGroup = 'infrastruktur' | 'lingkungan' | 'bencana_darurat' | 'ketertiban' | 'layanan_administrasi' | 'integritas'

export type SeedClock = ClockKind

export interface SeedCategory {
  code: string
  group: SeedCategoryGroup
  nameId: string
  nameEn: string
  descriptionId: string
  descriptionEn: string
  defaultUnitKey: string
  privacyRule: PrivacyRule
  /** Misconduct reports stay in the Inspektorat. Its own flag: not implied by the privacy rule. */
  isMisconduct: boolean
  isEmergency: boolean
  emergencyAdviceId: string | null
  emergencyAdviceEn: string | null
  responseTarget: number
  responseClock: SeedClock
  resolutionTarget: number
  resolutionClock: SeedClock
  keywords: string[]
  /** Open311 service attributes (issue 9); the same sets reach existing installs through migration 0012. */
  attributes?: StoredAttribute[]
}

export interface SeedRoutingRule {
  categoryCode: string
  scope: RoutingScope
  areaCode: string | null
  unitKey: string
  precedence: number
  note: string
}

/** SP4N-LAPOR!: verification/forwarding within 3 working days. */
const RESPONSE_WORKING_DAYS = 3
/** SP4N-LAPOR!: follow-up by the responsible unit within 5 working days. */
const RESOLUTION_WORKING_DAYS = 5
/** Physical works (jalan_rusak) and investigations (perilaku_asn). */
const LONG_RESOLUTION_WORKING_DAYS = 14

const STANDARD_TARGETS = {
  responseTarget: RESPONSE_WORKING_DAYS,
  responseClock: 'working_days',
  resolutionTarget: RESOLUTION_WORKING_DAYS,
  resolutionClock: 'working_days',
} as const

const NOT_EMERGENCY = { isEmergency: false, emergencyAdviceId: null, emergencyAdviceEn: null } as const

export const SEED_CATEGORIES: SeedCategory[] = [
  {
    code: 'pju',
    group: 'infrastruktur',
    nameId: 'Penerangan jalan umum (PJU) mati atau rusak',
    nameEn: 'Street light out or damaged',
    descriptionId: 'Laporkan lampu jalan yang mati, berkedip, menyala siang hari, atau tiangnya rusak; sebutkan lokasi atau nomor tiang bila ada.',
    descriptionEn: 'Report a street light that is out, flickering, on during the day, or has a damaged pole; give the location or pole number if you can.',
    defaultUnitKey: 'dpuprpkp-pju',
    privacyRule: 'citizen_choice',
    isMisconduct: false,
    ...NOT_EMERGENCY,
    ...STANDARD_TARGETS,
    keywords: ['lampu jalan', 'lampu mati', 'pju', 'penerangan jalan', 'lampu kedip', 'tiang lampu', 'jalan gelap'],
    attributes: [
      {
        code: 'nomor_tiang',
        datatype: 'string',
        required: false,
        order: 1,
        description: { id: 'Nomor tiang lampu (tertulis di tiang, bila terlihat)', en: 'Lamp number on the pole (if visible)' },
      },
    ],
  },
  {
    code: 'pohon_tumbang',
    group: 'bencana_darurat',
    nameId: 'Pohon tumbang',
    nameEn: 'Fallen tree',
    descriptionId: 'Laporkan pohon atau dahan besar yang sudah tumbang dan menghalangi jalan, menimpa bangunan, kendaraan, atau kabel.',
    descriptionEn: 'Report a tree or large branch that has fallen and is blocking a road or has hit a building, vehicle or power line.',
    // BPBD (URC) gives the first response and assessment; DLH (Bidang RTH) cuts and clears.
    defaultUnitKey: 'bpbd',
    privacyRule: 'citizen_choice',
    isMisconduct: false,
    isEmergency: true,
    emergencyAdviceId:
      'Jauhi pohon dan kabel listrik yang tumbang. Jika ada korban, jalan tertutup, atau kabel listrik putus, hubungi 112 sekarang juga (gangguan listrik: PLN 123); laporan ini tidak menggantikan panggilan darurat.',
    emergencyAdviceEn:
      'Keep away from the fallen tree and any power lines. If someone is hurt, the road is blocked or a power line is down, call 112 right now (power faults: PLN 123); this report does not replace an emergency call.',
    responseTarget: 1,
    responseClock: 'calendar_hours',
    resolutionTarget: 6,
    resolutionClock: 'calendar_hours',
    keywords: ['pohon tumbang', 'pohon roboh', 'dahan patah', 'pohon ambruk', 'menimpa', 'angin kencang'],
    attributes: [
      {
        code: 'menghalangi_jalan',
        datatype: 'singlevaluelist',
        required: false,
        order: 1,
        description: { id: 'Apakah pohon menghalangi jalan?', en: 'Is the tree blocking the road?' },
        values: [
          { key: 'ya', name: { id: 'Ya', en: 'Yes' } },
          { key: 'tidak', name: { id: 'Tidak', en: 'No' } },
        ],
      },
    ],
  },
  {
    code: 'banjir_genangan',
    group: 'bencana_darurat',
    nameId: 'Banjir atau genangan air',
    nameEn: 'Flooding or standing water',
    descriptionId: 'Laporkan banjir atau genangan di jalan dan permukiman; sebutkan perkiraan tinggi air dan apakah air terus naik.',
    descriptionEn: 'Report flooding or standing water on roads or in neighbourhoods; say roughly how deep the water is and whether it is still rising.',
    // BPBD handles the disaster response; lasting drainage fixes go to DPUPRPKP (drainase_tersumbat).
    defaultUnitKey: 'bpbd',
    privacyRule: 'citizen_choice',
    isMisconduct: false,
    isEmergency: true,
    emergencyAdviceId:
      'Jika air naik cepat, ada warga terjebak, atau ada bahaya listrik, hubungi 112 sekarang juga; laporan ini tidak menggantikan panggilan darurat.',
    emergencyAdviceEn:
      'If the water is rising fast, people are trapped or there is an electrical hazard, call 112 right now; this report does not replace an emergency call.',
    responseTarget: 2,
    responseClock: 'calendar_hours',
    resolutionTarget: 24,
    resolutionClock: 'calendar_hours',
    keywords: ['banjir', 'genangan', 'air meluap', 'kebanjiran', 'air naik', 'banjir bandang'],
  },
  {
    code: 'drainase_tersumbat',
    group: 'infrastruktur',
    nameId: 'Saluran air atau drainase tersumbat',
    nameEn: 'Blocked drain or gutter',
    descriptionId: 'Laporkan selokan, gorong-gorong, atau saluran air yang tersumbat, rusak, atau tutupnya hilang sehingga air tidak mengalir.',
    descriptionEn: 'Report a gutter, culvert or drain that is blocked, broken or missing its cover so water cannot flow.',
    defaultUnitKey: 'dpuprpkp',
    privacyRule: 'citizen_choice',
    isMisconduct: false,
    ...NOT_EMERGENCY,
    ...STANDARD_TARGETS,
    keywords: ['selokan', 'got mampet', 'drainase', 'saluran tersumbat', 'gorong-gorong', 'tutup saluran'],
  },
  {
    code: 'jalan_rusak',
    group: 'infrastruktur',
    nameId: 'Jalan rusak atau berlubang',
    nameEn: 'Damaged road or pothole',
    descriptionId:
      'Laporkan jalan berlubang, retak, ambles, atau aspal mengelupas di jalan kota; foto dengan benda pembanding membantu petugas menilai ukurannya.',
    descriptionEn: 'Report potholes, cracks, subsidence or peeling asphalt on city roads; a photo with an object for scale helps staff judge the size.',
    defaultUnitKey: 'dpuprpkp-bina-marga',
    privacyRule: 'citizen_choice',
    isMisconduct: false,
    ...NOT_EMERGENCY,
    responseTarget: RESPONSE_WORKING_DAYS,
    responseClock: 'working_days',
    resolutionTarget: LONG_RESOLUTION_WORKING_DAYS,
    resolutionClock: 'working_days',
    keywords: ['jalan berlubang', 'jalan rusak', 'lubang jalan', 'aspal rusak', 'jalan ambles', 'jalan retak'],
  },
  {
    code: 'sampah_menumpuk',
    group: 'lingkungan',
    nameId: 'Sampah menumpuk atau tidak diangkut',
    nameEn: 'Uncollected or dumped rubbish',
    descriptionId: 'Laporkan sampah yang menumpuk, TPS yang penuh, sampah tidak diangkut, atau pembuangan sampah liar.',
    descriptionEn: 'Report piled-up rubbish, an overflowing collection point (TPS), missed collection or illegal dumping.',
    defaultUnitKey: 'dlh',
    privacyRule: 'citizen_choice',
    isMisconduct: false,
    ...NOT_EMERGENCY,
    ...STANDARD_TARGETS,
    keywords: ['sampah', 'sampah menumpuk', 'tps penuh', 'buang sampah sembarangan', 'sampah liar', 'bau sampah'],
  },
  {
    code: 'pohon_rawan',
    group: 'lingkungan',
    nameId: 'Pohon rawan tumbang atau perlu dipangkas',
    nameEn: 'Tree at risk of falling or needing pruning',
    descriptionId: 'Laporkan pohon yang miring, keropos, atau dahannya menjuntai ke jalan atau kabel tetapi belum tumbang.',
    descriptionEn: 'Report a tree that is leaning, rotten or has branches hanging over a road or power lines but has not fallen yet.',
    defaultUnitKey: 'dlh',
    privacyRule: 'citizen_choice',
    isMisconduct: false,
    ...NOT_EMERGENCY,
    ...STANDARD_TARGETS,
    keywords: ['pohon miring', 'pohon rawan', 'pangkas pohon', 'ranting', 'dahan menjuntai', 'pohon keropos'],
  },
  {
    code: 'kebakaran',
    group: 'bencana_darurat',
    nameId: 'Kebakaran',
    nameEn: 'Fire',
    descriptionId: 'Gunakan kategori ini untuk kebakaran bangunan, lahan, atau kendaraan, setelah Anda menghubungi 112 atau Damkar 113.',
    descriptionEn: 'Use this category for a building, land or vehicle fire, after you have called 112 or the fire brigade on 113.',
    defaultUnitKey: 'damkar',
    privacyRule: 'citizen_choice',
    isMisconduct: false,
    isEmergency: true,
    emergencyAdviceId: 'Hubungi 112 atau Damkar 113 sekarang juga; laporan ini tidak menggantikan panggilan darurat.',
    emergencyAdviceEn: 'Call 112 or the fire brigade on 113 right now; this report does not replace an emergency call.',
    responseTarget: 1,
    responseClock: 'calendar_hours',
    resolutionTarget: 4,
    resolutionClock: 'calendar_hours',
    keywords: ['kebakaran', 'api', 'terbakar', 'asap', 'damkar', 'korsleting'],
  },
  {
    code: 'parkir_liar',
    group: 'ketertiban',
    nameId: 'Parkir liar atau juru parkir liar',
    nameEn: 'Illegal parking or unofficial parking attendant',
    descriptionId: 'Laporkan kendaraan yang parkir di tempat terlarang atau juru parkir tanpa rompi dan karcis resmi yang menarik tarif tidak wajar.',
    descriptionEn: 'Report vehicles parked where it is not allowed, or parking attendants without an official vest and ticket who charge unfair fees.',
    defaultUnitKey: 'dishub',
    privacyRule: 'citizen_choice',
    isMisconduct: false,
    ...NOT_EMERGENCY,
    ...STANDARD_TARGETS,
    keywords: ['parkir liar', 'jukir liar', 'tukang parkir', 'parkir sembarangan', 'karcis parkir', 'tarif parkir'],
  },
  {
    code: 'rambu_marka',
    group: 'infrastruktur',
    nameId: 'Rambu, marka, atau lampu lalu lintas rusak',
    nameEn: 'Damaged traffic sign, road marking or traffic light',
    descriptionId: 'Laporkan rambu lalu lintas yang roboh atau tertutup, marka jalan yang pudar, atau lampu lalu lintas yang mati.',
    descriptionEn: 'Report a traffic sign that is knocked down or hidden, faded road markings, or a traffic light that is not working.',
    defaultUnitKey: 'dishub',
    privacyRule: 'citizen_choice',
    isMisconduct: false,
    ...NOT_EMERGENCY,
    ...STANDARD_TARGETS,
    keywords: ['rambu', 'marka jalan', 'lampu merah', 'traffic light', 'zebra cross', 'rambu roboh'],
  },
  {
    code: 'layanan_adminduk',
    group: 'layanan_administrasi',
    nameId: 'Layanan administrasi kependudukan (KTP, KK, akta)',
    nameEn: 'Civil registration services (ID card, family card, certificates)',
    descriptionId:
      'Laporkan kendala layanan KTP-el, Kartu Keluarga, akta kelahiran atau kematian, dan pindah datang; jangan cantumkan NIK lengkap di laporan publik.',
    descriptionEn:
      'Report problems with e-ID cards, family cards, birth or death certificates and change of address; do not put your full NIK in a public report.',
    defaultUnitKey: 'dispendukcapil',
    privacyRule: 'citizen_choice',
    isMisconduct: false,
    ...NOT_EMERGENCY,
    ...STANDARD_TARGETS,
    keywords: ['ktp', 'e-ktp', 'kartu keluarga', 'kk', 'akta kelahiran', 'akta kematian', 'pindah domisili', 'dukcapil'],
  },
  {
    code: 'ketertiban_umum',
    group: 'ketertiban',
    nameId: 'Gangguan ketertiban umum',
    nameEn: 'Public order disturbance',
    descriptionId: 'Laporkan pedagang kaki lima di trotoar, bangunan liar, keramaian yang mengganggu, atau pelanggaran peraturan daerah lainnya.',
    descriptionEn: 'Report street vendors blocking pavements, illegal structures, disruptive crowds or other breaches of local regulations.',
    // Handled first by the kecamatan trantib (see routing rules), escalated to Satpol PP.
    defaultUnitKey: 'satpol-pp',
    privacyRule: 'citizen_choice',
    isMisconduct: false,
    ...NOT_EMERGENCY,
    ...STANDARD_TARGETS,
    keywords: ['pkl', 'pedagang kaki lima', 'bangunan liar', 'keributan', 'trotoar', 'pelanggaran perda', 'trantib'],
  },
  {
    code: 'perilaku_asn',
    group: 'integritas',
    nameId: 'Perilaku atau pungli ASN',
    nameEn: 'Misconduct or illegal fees by officials',
    descriptionId:
      'Laporkan pegawai pemerintah yang meminta pungutan liar, menyalahgunakan wewenang, atau bersikap tidak patut; identitas Anda selalu dirahasiakan.',
    descriptionEn: 'Report government staff who ask for illegal fees, abuse their authority or behave improperly; your identity is always kept confidential.',
    defaultUnitKey: 'inspektorat',
    privacyRule: 'always_confidential',
    isMisconduct: true,
    ...NOT_EMERGENCY,
    responseTarget: RESPONSE_WORKING_DAYS,
    responseClock: 'working_days',
    resolutionTarget: LONG_RESOLUTION_WORKING_DAYS,
    resolutionClock: 'working_days',
    keywords: ['pungli', 'pungutan liar', 'suap', 'asn', 'pegawai', 'petugas tidak ramah', 'calo', 'gratifikasi'],
  },
  {
    code: 'lainnya',
    // The group list has no "other"; general service matters fit layanan_administrasi best.
    group: 'layanan_administrasi',
    nameId: 'Lainnya',
    nameEn: 'Other',
    descriptionId: 'Pilih ini jika laporan Anda tidak cocok dengan kategori lain; petugas triase akan meneruskannya ke perangkat daerah yang tepat.',
    descriptionEn: 'Choose this if your report does not fit another category; the triage desk will forward it to the right department.',
    defaultUnitKey: 'diskominfo',
    privacyRule: 'citizen_choice',
    isMisconduct: false,
    ...NOT_EMERGENCY,
    ...STANDARD_TARGETS,
    keywords: ['lainnya', 'pengaduan', 'keluhan', 'aduan', 'saran'],
  },
]

// --- routing rules ------------------------------------------------------------------------

const PRECEDENCE = { jurisdiction: 0, kecamatan: 5, kelurahan: 10 } as const

function malangRules(): SeedRoutingRule[] {
  const klojen = wilayahRowsUnder('35.73', 'kecamatan').find((row) => row.name === 'Klojen')
  if (klojen === undefined) throw new Error('Kecamatan Klojen missing from wilayah data')

  return [
    {
      categoryCode: 'pohon_tumbang',
      scope: 'jurisdiction',
      areaCode: null,
      unitKey: 'bpbd',
      precedence: PRECEDENCE.jurisdiction,
      note: 'BPBD (URC) melakukan respons pertama dan asesmen; pemotongan dan pembersihan pohon oleh DLH (Bidang RTH).',
    },
    {
      categoryCode: 'sampah_menumpuk',
      scope: 'kecamatan',
      areaCode: klojen.code, // 35.73.02
      unitKey: 'dlh',
      precedence: PRECEDENCE.kecamatan,
      note: 'Contoh aturan tingkat kecamatan: sampah di pusat kota (Klojen, mis. TPS Samaan) langsung ditangani DLH.',
    },
    ...wilayahRowsUnder('35.73', 'kecamatan').map((row): SeedRoutingRule => ({
      categoryCode: 'ketertiban_umum',
      scope: 'kecamatan',
      areaCode: row.code,
      unitKey: kecamatanUnitKey(row.name),
      precedence: PRECEDENCE.kecamatan,
      note: `Ketertiban umum ditangani lebih dulu oleh trantib Kecamatan ${row.name}; eskalasi ke Satpol PP bila perlu.`,
    })),
    {
      categoryCode: 'pju',
      scope: 'kelurahan',
      areaCode: '35.73.01.1002', // Arjosari, Kecamatan Blimbing
      unitKey: 'dpuprpkp-pju',
      precedence: PRECEDENCE.kelurahan,
      note: 'contoh aturan tingkat kelurahan',
    },
  ]
}

/** Kota Madiun: jurisdiction-wide defaults only, where Madiun's organisation differs noted. */
const MADIUN_OVERRIDES: Record<string, { unitKey: string; note: string }> = {
  pju: {
    unitKey: 'dpuprpkp-pju',
    note: 'Di Kota Madiun PJU dikelola Disperkim (bidang PJU), bukan DPUPR.',
  },
  pohon_rawan: {
    unitKey: 'disperkim',
    note: 'Di Kota Madiun perapian dan penebangan pohon rawan dilakukan Disperkim.',
  },
  pohon_tumbang: {
    unitKey: 'bpbd',
    note: 'BPBD respons pertama; Disperkim membantu pemotongan pohon.',
  },
}

function madiunRules(): SeedRoutingRule[] {
  return SEED_CATEGORIES.map((category): SeedRoutingRule => {
    const override = MADIUN_OVERRIDES[category.code]
    return {
      categoryCode: category.code,
      scope: 'jurisdiction',
      areaCode: null,
      unitKey: override?.unitKey ?? category.defaultUnitKey,
      precedence: PRECEDENCE.jurisdiction,
      note: override?.note ?? 'Aturan default seluruh kota (nama unit Kota Madiun belum diverifikasi terhadap Perda).',
    }
  })
}

export function routingRulesFor(jurisdictionCode: SeedJurisdictionCode): SeedRoutingRule[] {
  return jurisdictionCode === '35.73' ? malangRules() : madiunRules()
}
