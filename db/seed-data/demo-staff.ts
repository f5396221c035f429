// Demo staff accounts for local development and demos ONLY. Never seed these into a
// production database: the password is public.

import type { StaffRole } from '../../app/domain/vocabulary'
import type { SeedJurisdictionCode } from './jurisdictions'

export const DEMO_PASSWORD = 'melayani-demo'

export type DemoStaffRole = StaffRole

export interface DemoStaff {
  email: string
  name: string
  role: DemoStaffRole
  /** Unit key from units.ts of the same jurisdiction; null for jurisdiction-wide roles. */
  unitKey: string | null
  jurisdictionCode: SeedJurisdictionCode
}

export const DEMO_STAFF: DemoStaff[] = [
  { email: 'admin@malang.demo', name: 'Admin Kota Malang', role: 'admin', unitKey: 'diskominfo', jurisdictionCode: '35.73' },
  { email: 'walikota@malang.demo', name: 'Kantor Wali Kota Malang', role: 'executive', unitKey: null, jurisdictionCode: '35.73' },
  { email: 'pju@malang.demo', name: 'Petugas PJU', role: 'officer', unitKey: 'dpuprpkp', jurisdictionCode: '35.73' },
  { email: 'kepala.dpuprpkp@malang.demo', name: 'Kepala DPUPRPKP', role: 'supervisor', unitKey: 'dpuprpkp', jurisdictionCode: '35.73' },
  { email: 'dlh@malang.demo', name: 'Petugas DLH', role: 'officer', unitKey: 'dlh', jurisdictionCode: '35.73' },
  { email: 'inspektorat@malang.demo', name: 'Inspektorat Kota Malang', role: 'inspector', unitKey: 'inspektorat', jurisdictionCode: '35.73' },
  // One officer for each other Kota Malang OPD.
  { email: 'triase@malang.demo', name: 'Petugas Triase Diskominfo', role: 'officer', unitKey: 'diskominfo', jurisdictionCode: '35.73' },
  { email: 'bpbd@malang.demo', name: 'Petugas BPBD', role: 'officer', unitKey: 'bpbd', jurisdictionCode: '35.73' },
  { email: 'dishub@malang.demo', name: 'Petugas Dishub', role: 'officer', unitKey: 'dishub', jurisdictionCode: '35.73' },
  { email: 'dispendukcapil@malang.demo', name: 'Petugas Dispendukcapil', role: 'officer', unitKey: 'dispendukcapil', jurisdictionCode: '35.73' },
  { email: 'satpolpp@malang.demo', name: 'Petugas Satpol PP', role: 'officer', unitKey: 'satpol-pp', jurisdictionCode: '35.73' },
  { email: 'damkar@malang.demo', name: 'Petugas Damkar', role: 'officer', unitKey: 'damkar', jurisdictionCode: '35.73' },
  // Kota Madiun.
  { email: 'admin@madiun.demo', name: 'Admin Kota Madiun', role: 'admin', unitKey: 'diskominfo', jurisdictionCode: '35.77' },
]

/**
 * The demo Open311 API key (issue 9), for the README's curl examples: public like the
 * demo password, so it exists only where demo staff may (never when NODE_ENV=production).
 */
export const DEMO_OPEN311_KEY = 'mly_demo_open311_melayani'
