// National public holidays (hari libur nasional) and collective leave days (cuti bersama) of
// Indonesia, used to compute working-day service targets.
//
// Source: Surat Keputusan Bersama (SKB) 3 Menteri (Menteri Agama, Menteri Ketenagakerjaan,
// Menteri PANRB) on hari libur nasional dan cuti bersama for 2025 and 2026, including the
// later government change for 2025 that added cuti bersama on 18 August 2025 (HUT RI).
// The SKB is issued once a year and is sometimes amended during the year: admins must check
// it yearly and update these dates (or the data seeded from them).
// Local holidays (e.g. a city's anniversary, if offices close) are not national; they go per
// jurisdiction in the admin UI later, not here.

export interface SeedHoliday {
  /** ISO date, YYYY-MM-DD, Asia/Jakarta (WIB) calendar day. */
  date: string
  name: string
  kind: 'national' | 'cuti_bersama'
}

const N = 'national' as const
const C = 'cuti_bersama' as const

export const NATIONAL_HOLIDAYS: SeedHoliday[] = [
  // ---- 2025 --------------------------------------------------------------------------------
  { date: '2025-01-01', name: 'Tahun Baru 2025 Masehi', kind: N },
  { date: '2025-01-27', name: 'Isra Mikraj Nabi Muhammad SAW', kind: N },
  { date: '2025-01-28', name: 'Cuti Bersama Tahun Baru Imlek 2576 Kongzili', kind: C },
  { date: '2025-01-29', name: 'Tahun Baru Imlek 2576 Kongzili', kind: N },
  { date: '2025-03-28', name: 'Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1947', kind: C },
  { date: '2025-03-29', name: 'Hari Suci Nyepi Tahun Baru Saka 1947', kind: N },
  { date: '2025-03-31', name: 'Hari Raya Idul Fitri 1446 Hijriah', kind: N },
  { date: '2025-04-01', name: 'Hari Raya Idul Fitri 1446 Hijriah', kind: N },
  { date: '2025-04-02', name: 'Cuti Bersama Hari Raya Idul Fitri 1446 Hijriah', kind: C },
  { date: '2025-04-03', name: 'Cuti Bersama Hari Raya Idul Fitri 1446 Hijriah', kind: C },
  { date: '2025-04-04', name: 'Cuti Bersama Hari Raya Idul Fitri 1446 Hijriah', kind: C },
  { date: '2025-04-07', name: 'Cuti Bersama Hari Raya Idul Fitri 1446 Hijriah', kind: C },
  { date: '2025-04-18', name: 'Wafat Yesus Kristus', kind: N },
  { date: '2025-04-20', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: N },
  { date: '2025-05-01', name: 'Hari Buruh Internasional', kind: N },
  { date: '2025-05-12', name: 'Hari Raya Waisak 2569 BE', kind: N },
  { date: '2025-05-13', name: 'Cuti Bersama Hari Raya Waisak 2569 BE', kind: C },
  { date: '2025-05-29', name: 'Kenaikan Yesus Kristus', kind: N },
  { date: '2025-05-30', name: 'Cuti Bersama Kenaikan Yesus Kristus', kind: C },
  { date: '2025-06-01', name: 'Hari Lahir Pancasila', kind: N },
  { date: '2025-06-06', name: 'Hari Raya Idul Adha 1446 Hijriah', kind: N },
  { date: '2025-06-09', name: 'Cuti Bersama Hari Raya Idul Adha 1446 Hijriah', kind: C },
  { date: '2025-06-27', name: 'Tahun Baru Islam 1447 Hijriah', kind: N },
  { date: '2025-08-17', name: 'Proklamasi Kemerdekaan', kind: N },
  // Added by the government in August 2025 (not in the original SKB for 2025).
  { date: '2025-08-18', name: 'Cuti Bersama Hari Kemerdekaan Republik Indonesia', kind: C },
  { date: '2025-09-05', name: 'Maulid Nabi Muhammad SAW', kind: N },
  { date: '2025-12-25', name: 'Hari Raya Natal', kind: N },
  { date: '2025-12-26', name: 'Cuti Bersama Hari Raya Natal', kind: C },

  // ---- 2026 --------------------------------------------------------------------------------
  { date: '2026-01-01', name: 'Tahun Baru 2026 Masehi', kind: N },
  { date: '2026-01-16', name: 'Isra Mikraj Nabi Muhammad SAW', kind: N },
  { date: '2026-02-16', name: 'Cuti Bersama Tahun Baru Imlek 2577 Kongzili', kind: C },
  { date: '2026-02-17', name: 'Tahun Baru Imlek 2577 Kongzili', kind: N },
  { date: '2026-03-18', name: 'Cuti Bersama Hari Suci Nyepi Tahun Baru Saka 1948', kind: C },
  { date: '2026-03-19', name: 'Hari Suci Nyepi Tahun Baru Saka 1948', kind: N },
  { date: '2026-03-20', name: 'Cuti Bersama Hari Raya Idul Fitri 1447 Hijriah', kind: C },
  { date: '2026-03-21', name: 'Hari Raya Idul Fitri 1447 Hijriah', kind: N },
  { date: '2026-03-22', name: 'Hari Raya Idul Fitri 1447 Hijriah', kind: N },
  { date: '2026-03-23', name: 'Cuti Bersama Hari Raya Idul Fitri 1447 Hijriah', kind: C },
  { date: '2026-03-24', name: 'Cuti Bersama Hari Raya Idul Fitri 1447 Hijriah', kind: C },
  { date: '2026-04-03', name: 'Wafat Yesus Kristus', kind: N },
  { date: '2026-04-05', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: N },
  { date: '2026-05-01', name: 'Hari Buruh Internasional', kind: N },
  { date: '2026-05-14', name: 'Kenaikan Yesus Kristus', kind: N },
  { date: '2026-05-15', name: 'Cuti Bersama Kenaikan Yesus Kristus', kind: C },
  { date: '2026-05-27', name: 'Hari Raya Idul Adha 1447 Hijriah', kind: N },
  { date: '2026-05-28', name: 'Cuti Bersama Hari Raya Idul Adha 1447 Hijriah', kind: C },
  { date: '2026-05-31', name: 'Hari Raya Waisak 2570 BE', kind: N },
  { date: '2026-06-01', name: 'Hari Lahir Pancasila', kind: N },
  { date: '2026-06-16', name: 'Tahun Baru Islam 1448 Hijriah', kind: N },
  { date: '2026-08-17', name: 'Proklamasi Kemerdekaan', kind: N },
  { date: '2026-08-25', name: 'Maulid Nabi Muhammad SAW', kind: N },
  { date: '2026-12-24', name: 'Cuti Bersama Hari Raya Natal', kind: C },
  { date: '2026-12-25', name: 'Hari Raya Natal', kind: N },
]
