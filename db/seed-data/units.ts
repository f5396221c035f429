// Work units (perangkat daerah / OPD and their sub-units) that receive complaints.
//
// Keys are stable internal routing handles shared by both jurisdictions, so categories and
// routing rules can name one key (e.g. 'dpuprpkp-pju') and every jurisdiction maps it to its
// own unit. The key is NOT the unit's legal name; `name`/`shortName` are.
//
// `kind` has no 'bidang' value: a bidang inside a dinas uses its parent's kind ('dinas').
//
// Kota Malang: per /work/shared/data/kota_malang_opd_routing.md (Perda Kota Malang 7/2016 as
// amended by Perda 5/2019; news and government pages cited in ATTRIBUTION.md). Damkar is a UPT
// under Satpol PP as of Nov 2025; a 2025 plan would make it a separate dinas (target 2026):
// re-check before each seed for production. The exact name of the PJU bidang inside DPUPRPKP is
// not verified (sources speak of the DPUPRPKP "tim PJU"); "Bidang PJU" is a working name.
//
// Kota Madiun: NOT verified against Madiun's Perda on perangkat daerah. Names follow public
// pages of the Madiun city government and local news (see ATTRIBUTION.md):
//  - roads and drainage: Dinas Pekerjaan Umum dan Penataan Ruang (DPUPR), Bidang Bina Marga;
//  - street lights (PJU) and tree pruning: Dinas Perumahan Rakyat dan Kawasan Permukiman
//    (Disperkim), not DPUPR. So in Madiun the shared key 'dpuprpkp-pju' is Disperkim's PJU
//    bidang (parent 'disperkim'), and the routing rules send pohon_rawan to 'disperkim';
//  - fire service: part of "Satuan Polisi Pamong Praja dan Pemadam Kebakaran" (a bidang/seksi,
//    not a UPT), so the 'damkar' unit has kind 'satuan' there.

import type { UnitKind } from '../../app/domain/vocabulary'
import type { SeedJurisdictionCode } from './jurisdictions'
import { wilayahRowsUnder } from './wilayah'

export type SeedUnitKind = UnitKind

export interface SeedUnit {
  key: string
  name: string
  shortName: string
  kind: SeedUnitKind
  parentKey: string | null
}

/** Key of the kecamatan office unit for a kecamatan name, e.g. 'Blimbing' -> 'kec-blimbing'. */
export function kecamatanUnitKey(kecamatanName: string): string {
  return `kec-${kecamatanName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`
}

/** Kecamatan office units, one per kecamatan in the Kemendagri list (wilayah.ts). */
function kecamatanUnits(jurisdictionCode: SeedJurisdictionCode): SeedUnit[] {
  return wilayahRowsUnder(jurisdictionCode, 'kecamatan').map((row) => ({
    key: kecamatanUnitKey(row.name),
    name: `Kecamatan ${row.name}`,
    shortName: `Kec. ${row.name}`,
    kind: 'kecamatan',
    parentKey: null,
  }))
}

// Parents are listed before their children so the array can be inserted in order.
// Offices with the same name in both cities.
const SHARED_OPD_UNITS: SeedUnit[] = [
  { key: 'dlh', name: 'Dinas Lingkungan Hidup', shortName: 'DLH', kind: 'dinas', parentKey: null },
  { key: 'bpbd', name: 'Badan Penanggulangan Bencana Daerah', shortName: 'BPBD', kind: 'badan', parentKey: null },
  { key: 'dishub', name: 'Dinas Perhubungan', shortName: 'Dishub', kind: 'dinas', parentKey: null },
  {
    key: 'dispendukcapil',
    name: 'Dinas Kependudukan dan Pencatatan Sipil',
    shortName: 'Dispendukcapil',
    kind: 'dinas',
    parentKey: null,
  },
]

const MALANG_OPD_UNITS: SeedUnit[] = [
  {
    key: 'dpuprpkp',
    name: 'Dinas Pekerjaan Umum, Penataan Ruang, Perumahan dan Kawasan Permukiman',
    shortName: 'DPUPRPKP',
    kind: 'dinas',
    parentKey: null,
  },
  {
    key: 'dpuprpkp-pju',
    name: 'Bidang Penerangan Jalan Umum (PJU)',
    shortName: 'Bidang PJU',
    kind: 'dinas',
    parentKey: 'dpuprpkp',
  },
  {
    key: 'dpuprpkp-bina-marga',
    name: 'Bidang Bina Marga',
    shortName: 'Bina Marga',
    kind: 'dinas',
    parentKey: 'dpuprpkp',
  },
  ...SHARED_OPD_UNITS,
  { key: 'satpol-pp', name: 'Satuan Polisi Pamong Praja', shortName: 'Satpol PP', kind: 'satuan', parentKey: null },
  { key: 'damkar', name: 'UPT Pemadam Kebakaran', shortName: 'Damkar', kind: 'upt', parentKey: 'satpol-pp' },
  {
    // Complaint triage desk: Diskominfo operates SAMBAT Online (linked to SP4N-LAPOR!).
    key: 'diskominfo',
    name: 'Dinas Komunikasi dan Informatika',
    shortName: 'Diskominfo',
    kind: 'triage_desk',
    parentKey: null,
  },
  { key: 'inspektorat', name: 'Inspektorat', shortName: 'Inspektorat', kind: 'inspektorat', parentKey: null },
]

// Kota Madiun: same keys as Malang (plus 'disperkim'); names not verified against its Perda.
const MADIUN_OPD_UNITS: SeedUnit[] = [
  {
    key: 'dpuprpkp',
    name: 'Dinas Pekerjaan Umum dan Penataan Ruang',
    shortName: 'DPUPR',
    kind: 'dinas',
    parentKey: null,
  },
  {
    key: 'dpuprpkp-bina-marga',
    name: 'Bidang Bina Marga',
    shortName: 'Bina Marga',
    kind: 'dinas',
    parentKey: 'dpuprpkp',
  },
  {
    key: 'disperkim',
    name: 'Dinas Perumahan Rakyat dan Kawasan Permukiman',
    shortName: 'Disperkim',
    kind: 'dinas',
    parentKey: null,
  },
  {
    // Shared key, Madiun meaning: the PJU bidang of Disperkim (its public name varies between
    // sources: "Bidang Prasarana, Sarana dan Utilitas, RTH, PJU dan Pemakaman").
    key: 'dpuprpkp-pju',
    name: 'Bidang Prasarana, Sarana, Utilitas, RTH, PJU dan Pemakaman',
    shortName: 'Bidang PJU Disperkim',
    kind: 'dinas',
    parentKey: 'disperkim',
  },
  ...SHARED_OPD_UNITS,
  {
    key: 'satpol-pp',
    name: 'Satuan Polisi Pamong Praja dan Pemadam Kebakaran',
    shortName: 'Satpol PP dan Damkar',
    kind: 'satuan',
    parentKey: null,
  },
  { key: 'damkar', name: 'Pemadam Kebakaran', shortName: 'Damkar', kind: 'satuan', parentKey: 'satpol-pp' },
  {
    key: 'diskominfo',
    name: 'Dinas Komunikasi dan Informatika',
    shortName: 'Diskominfo',
    kind: 'triage_desk',
    parentKey: null,
  },
  { key: 'inspektorat', name: 'Inspektorat', shortName: 'Inspektorat', kind: 'inspektorat', parentKey: null },
]

const OPD_UNITS: Record<SeedJurisdictionCode, SeedUnit[]> = {
  '35.73': MALANG_OPD_UNITS,
  '35.77': MADIUN_OPD_UNITS,
}

/** Units of one jurisdiction: OPD and sub-units (parents first), then the kecamatan offices. */
export function unitsFor(jurisdictionCode: SeedJurisdictionCode): SeedUnit[] {
  return [...OPD_UNITS[jurisdictionCode], ...kecamatanUnits(jurisdictionCode)].map((unit) => ({ ...unit }))
}
