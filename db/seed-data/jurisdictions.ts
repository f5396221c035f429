// Seeded jurisdictions (pemerintah kota). `code` is the Kemendagri kabupaten/kota code
// (see wilayah.ts), `open311Id` is the Open311 GeoReport v2 jurisdiction_id and
// `codePrefix` prefixes human-readable report numbers (e.g. MLG-2025-000123).

export type SeedJurisdictionCode = '35.73' | '35.77'

export interface SeedJurisdiction {
  slug: string
  name: string
  code: SeedJurisdictionCode
  timeZone: string
  open311Id: string
  codePrefix: string
}

export const SEED_JURISDICTIONS: SeedJurisdiction[] = [
  {
    slug: 'kota-malang',
    name: 'Kota Malang',
    code: '35.73',
    timeZone: 'Asia/Jakarta',
    open311Id: 'malangkota.go.id',
    codePrefix: 'MLG',
  },
  {
    slug: 'kota-madiun',
    name: 'Kota Madiun',
    code: '35.77',
    timeZone: 'Asia/Jakarta',
    open311Id: 'madiunkota.go.id',
    codePrefix: 'MDN',
  },
]
