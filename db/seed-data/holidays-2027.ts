// Provisional national holidays of 2027, seeded ahead of the SKB 3 Menteri (ADR 012).
// - Fixed-date holidays and the Easter-based ones (the Gregorian computus is exact) are certain.
// - Islamic (Hijri), Chinese (Imlek), Hindu (Nyepi) and Buddhist (Waisak) dates come from the
//   `date-holidays` package (country ID, v3.37.0; seed-data.test.ts checks them against it)
//   and stay `provisional` until an admin confirms them: the government fixes them by
//   sighting (rukyat) and decree, and may move them by a day. Cuti bersama is not known
//   until the SKB appears, so none is seeded.
// - date-holidays also gives 27 Rajab 1449 (Isra Mikraj) on 2027-12-25, Christmas Day: one
//   row per date, so that day is seeded once, as Natal.
// date-holidays labels 27 Rajab "Maulid Nabi"; it is Isra Mikraj, named so here.
import type { SeedHoliday } from './holidays'

export interface SeedHoliday2027 extends SeedHoliday {
  provisional: boolean
  /** The date-holidays name of a movable feast, to check the date against it. */
  dateHolidaysRule?: string
}

const N = 'national' as const

export const HOLIDAYS_2027: SeedHoliday2027[] = [
  { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: N, provisional: false },
  { date: '2027-01-05', name: 'Isra Mikraj Nabi Muhammad SAW', kind: N, provisional: true, dateHolidaysRule: '27 Rajab' },
  { date: '2027-02-06', name: 'Tahun Baru Imlek 2578 Kongzili', kind: N, provisional: true, dateHolidaysRule: 'chinese 01-0-01' },
  { date: '2027-03-08', name: 'Hari Suci Nyepi Tahun Baru Saka 1949', kind: N, provisional: true, dateHolidaysRule: '2027-03-08' },
  { date: '2027-03-09', name: 'Hari Raya Idul Fitri 1448 Hijriah', kind: N, provisional: true, dateHolidaysRule: '1 Shawwal' },
  { date: '2027-03-10', name: 'Hari Raya Idul Fitri 1448 Hijriah', kind: N, provisional: true, dateHolidaysRule: '2 Shawwal' },
  { date: '2027-03-26', name: 'Wafat Yesus Kristus', kind: N, provisional: false },
  { date: '2027-03-28', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: N, provisional: false },
  { date: '2027-05-01', name: 'Hari Buruh Internasional', kind: N, provisional: false },
  { date: '2027-05-06', name: 'Kenaikan Yesus Kristus', kind: N, provisional: false },
  { date: '2027-05-16', name: 'Hari Raya Idul Adha 1448 Hijriah', kind: N, provisional: true, dateHolidaysRule: '10 Dhu al-Hijjah' },
  { date: '2027-05-20', name: 'Hari Raya Waisak 2571 BE', kind: N, provisional: true, dateHolidaysRule: '2027-05-20' },
  { date: '2027-06-01', name: 'Hari Lahir Pancasila', kind: N, provisional: false },
  { date: '2027-06-06', name: 'Tahun Baru Islam 1449 Hijriah', kind: N, provisional: true, dateHolidaysRule: '1 Muharram' },
  { date: '2027-08-14', name: 'Maulid Nabi Muhammad SAW', kind: N, provisional: true, dateHolidaysRule: '12 Rabi al-awwal' },
  { date: '2027-08-17', name: 'Proklamasi Kemerdekaan', kind: N, provisional: false },
  { date: '2027-12-25', name: 'Hari Raya Natal', kind: N, provisional: false },
]
