// Kemendagri region codes and names for Kota Malang (35.73) and Kota Madiun (35.77).
// Rows copied verbatim from /work/shared/data/wilayah/kode_wilayah.csv
// (npm idn-area-data 4.0.1; data ODbL: attribution "idn-area-data, ODbL"; see ATTRIBUTION.md).
// Embedded as a constant so seeding never parses the CSV at runtime.
// Only the two seeded jurisdictions are kept (94 rows: 2 kota, 8 kecamatan, 84 kelurahan).

export type WilayahLevel = 'kabupaten_kota' | 'kecamatan' | 'desa_kelurahan'

export interface WilayahRow {
  code: string
  level: WilayahLevel
  parentCode: string
  name: string
}

type RawRow = readonly [code: string, level: WilayahLevel, parentCode: string, name: string]

const RAW_ROWS: readonly RawRow[] = [
  ['35.73', 'kabupaten_kota', '35', 'Kota Malang'],
  ['35.77', 'kabupaten_kota', '35', 'Kota Madiun'],
  ['35.73.01', 'kecamatan', '35.73', 'Blimbing'],
  ['35.73.02', 'kecamatan', '35.73', 'Klojen'],
  ['35.73.03', 'kecamatan', '35.73', 'Kedungkandang'],
  ['35.73.04', 'kecamatan', '35.73', 'Sukun'],
  ['35.73.05', 'kecamatan', '35.73', 'Lowokwaru'],
  ['35.77.01', 'kecamatan', '35.77', 'Kartoharjo'],
  ['35.77.02', 'kecamatan', '35.77', 'Manguharjo'],
  ['35.77.03', 'kecamatan', '35.77', 'Taman'],
  ['35.73.01.1001', 'desa_kelurahan', '35.73.01', 'Balearjosari'],
  ['35.73.01.1002', 'desa_kelurahan', '35.73.01', 'Arjosari'],
  ['35.73.01.1003', 'desa_kelurahan', '35.73.01', 'Polowijen'],
  ['35.73.01.1004', 'desa_kelurahan', '35.73.01', 'Purwodadi'],
  ['35.73.01.1005', 'desa_kelurahan', '35.73.01', 'Blimbing'],
  ['35.73.01.1006', 'desa_kelurahan', '35.73.01', 'Pandanwangi'],
  ['35.73.01.1007', 'desa_kelurahan', '35.73.01', 'Purwantoro'],
  ['35.73.01.1008', 'desa_kelurahan', '35.73.01', 'Bunulrejo'],
  ['35.73.01.1009', 'desa_kelurahan', '35.73.01', 'Kesatrian'],
  ['35.73.01.1010', 'desa_kelurahan', '35.73.01', 'Polehan'],
  ['35.73.01.1011', 'desa_kelurahan', '35.73.01', 'Jodipan'],
  ['35.73.02.1001', 'desa_kelurahan', '35.73.02', 'Klojen'],
  ['35.73.02.1002', 'desa_kelurahan', '35.73.02', 'Rampalcelaket'],
  ['35.73.02.1003', 'desa_kelurahan', '35.73.02', 'Samaan'],
  ['35.73.02.1004', 'desa_kelurahan', '35.73.02', 'Kiduldalem'],
  ['35.73.02.1005', 'desa_kelurahan', '35.73.02', 'Sukoharjo'],
  ['35.73.02.1006', 'desa_kelurahan', '35.73.02', 'Kasin'],
  ['35.73.02.1007', 'desa_kelurahan', '35.73.02', 'Kauman'],
  ['35.73.02.1008', 'desa_kelurahan', '35.73.02', 'Oro-oro Dowo'],
  ['35.73.02.1009', 'desa_kelurahan', '35.73.02', 'Bareng'],
  ['35.73.02.1010', 'desa_kelurahan', '35.73.02', 'Gading Kasri'],
  ['35.73.02.1011', 'desa_kelurahan', '35.73.02', 'Penanggungan'],
  ['35.73.03.1001', 'desa_kelurahan', '35.73.03', 'Kotalama'],
  ['35.73.03.1002', 'desa_kelurahan', '35.73.03', 'Mergosono'],
  ['35.73.03.1003', 'desa_kelurahan', '35.73.03', 'Bumiayu'],
  ['35.73.03.1004', 'desa_kelurahan', '35.73.03', 'Wonokoyo'],
  ['35.73.03.1005', 'desa_kelurahan', '35.73.03', 'Buring'],
  ['35.73.03.1006', 'desa_kelurahan', '35.73.03', 'Kedungkandang'],
  ['35.73.03.1007', 'desa_kelurahan', '35.73.03', 'Lesanpuro'],
  ['35.73.03.1008', 'desa_kelurahan', '35.73.03', 'Sawojajar'],
  ['35.73.03.1009', 'desa_kelurahan', '35.73.03', 'Madyopuro'],
  ['35.73.03.1010', 'desa_kelurahan', '35.73.03', 'Cemorokandang'],
  ['35.73.03.1011', 'desa_kelurahan', '35.73.03', 'Arjowinangun'],
  ['35.73.03.1012', 'desa_kelurahan', '35.73.03', 'Tlogowaru'],
  ['35.73.04.1001', 'desa_kelurahan', '35.73.04', 'Ciptomulyo'],
  ['35.73.04.1002', 'desa_kelurahan', '35.73.04', 'Gadang'],
  ['35.73.04.1003', 'desa_kelurahan', '35.73.04', 'Kebonsari'],
  ['35.73.04.1004', 'desa_kelurahan', '35.73.04', 'Bandungrejosari'],
  ['35.73.04.1005', 'desa_kelurahan', '35.73.04', 'Sukun'],
  ['35.73.04.1006', 'desa_kelurahan', '35.73.04', 'Tanjungrejo'],
  ['35.73.04.1007', 'desa_kelurahan', '35.73.04', 'Pisangcandi'],
  ['35.73.04.1008', 'desa_kelurahan', '35.73.04', 'Bandulan'],
  ['35.73.04.1009', 'desa_kelurahan', '35.73.04', 'Karangbesuki'],
  ['35.73.04.1010', 'desa_kelurahan', '35.73.04', 'Mulyorejo'],
  ['35.73.04.1011', 'desa_kelurahan', '35.73.04', 'Bakalankrajan'],
  ['35.73.05.1001', 'desa_kelurahan', '35.73.05', 'Tunggulwulung'],
  ['35.73.05.1002', 'desa_kelurahan', '35.73.05', 'Merjosari'],
  ['35.73.05.1003', 'desa_kelurahan', '35.73.05', 'Tlogomas'],
  ['35.73.05.1004', 'desa_kelurahan', '35.73.05', 'Dinoyo'],
  ['35.73.05.1005', 'desa_kelurahan', '35.73.05', 'Sumbersari'],
  ['35.73.05.1006', 'desa_kelurahan', '35.73.05', 'Ketawanggede'],
  ['35.73.05.1007', 'desa_kelurahan', '35.73.05', 'Jatimulyo'],
  ['35.73.05.1008', 'desa_kelurahan', '35.73.05', 'Tunjungsekar'],
  ['35.73.05.1009', 'desa_kelurahan', '35.73.05', 'Mojolangu'],
  ['35.73.05.1010', 'desa_kelurahan', '35.73.05', 'Tulusrejo'],
  ['35.73.05.1011', 'desa_kelurahan', '35.73.05', 'Lowokwaru'],
  ['35.73.05.1012', 'desa_kelurahan', '35.73.05', 'Tasik Madu'],
  ['35.77.01.1001', 'desa_kelurahan', '35.77.01', 'Oro-oro Ombo'],
  ['35.77.01.1002', 'desa_kelurahan', '35.77.01', 'Sukosari'],
  ['35.77.01.1003', 'desa_kelurahan', '35.77.01', 'Klegen'],
  ['35.77.01.1004', 'desa_kelurahan', '35.77.01', 'Rejomulyo'],
  ['35.77.01.1005', 'desa_kelurahan', '35.77.01', 'Pilangbango'],
  ['35.77.01.1006', 'desa_kelurahan', '35.77.01', 'Tawangrejo'],
  ['35.77.01.1007', 'desa_kelurahan', '35.77.01', 'Kanigoro'],
  ['35.77.01.1008', 'desa_kelurahan', '35.77.01', 'Kartoharjo'],
  ['35.77.01.1009', 'desa_kelurahan', '35.77.01', 'Kelun'],
  ['35.77.02.1001', 'desa_kelurahan', '35.77.02', 'Manguharjo'],
  ['35.77.02.1002', 'desa_kelurahan', '35.77.02', 'Sogaten'],
  ['35.77.02.1003', 'desa_kelurahan', '35.77.02', 'Patihan'],
  ['35.77.02.1004', 'desa_kelurahan', '35.77.02', 'Ngegong'],
  ['35.77.02.1005', 'desa_kelurahan', '35.77.02', 'Winongo'],
  ['35.77.02.1006', 'desa_kelurahan', '35.77.02', 'Madiun Lor'],
  ['35.77.02.1007', 'desa_kelurahan', '35.77.02', 'Pangongangan'],
  ['35.77.02.1008', 'desa_kelurahan', '35.77.02', 'Nambangan Lor'],
  ['35.77.02.1009', 'desa_kelurahan', '35.77.02', 'Nambangan Kidul'],
  ['35.77.03.1001', 'desa_kelurahan', '35.77.03', 'Mojorejo'],
  ['35.77.03.1002', 'desa_kelurahan', '35.77.03', 'Pandean'],
  ['35.77.03.1003', 'desa_kelurahan', '35.77.03', 'Banjarejo'],
  ['35.77.03.1004', 'desa_kelurahan', '35.77.03', 'Kuncen'],
  ['35.77.03.1005', 'desa_kelurahan', '35.77.03', 'Manisrejo'],
  ['35.77.03.1006', 'desa_kelurahan', '35.77.03', 'Kejuron'],
  ['35.77.03.1007', 'desa_kelurahan', '35.77.03', 'Josenan'],
  ['35.77.03.1008', 'desa_kelurahan', '35.77.03', 'Demangan'],
  ['35.77.03.1009', 'desa_kelurahan', '35.77.03', 'Taman'],
]

export const WILAYAH_ROWS: readonly WilayahRow[] = RAW_ROWS.map(([code, level, parentCode, name]) => ({
  code,
  level,
  parentCode,
  name,
}))

/** Rows of one level whose code starts with `prefix.` (e.g. kecamatan of '35.73'). */
export function wilayahRowsUnder(prefix: string, level: WilayahLevel): WilayahRow[] {
  return WILAYAH_ROWS.filter((row) => row.level === level && row.code.startsWith(`${prefix}.`))
}
