// Times are shown in the jurisdiction's zone with its Indonesian abbreviation.
import type { Locale } from '~/i18n'

const ZONE_ABBREVIATIONS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
}

export function zoneAbbreviation(timeZone: string) {
  return ZONE_ABBREVIATIONS[timeZone] ?? timeZone
}

const intlLocale = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB')

export function formatDateTime(value: Date | string, locale: Locale, timeZone: string) {
  const date = typeof value === 'string' ? new Date(value) : value
  const text = new Intl.DateTimeFormat(intlLocale(locale), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone,
  }).format(date)
  return `${text} ${zoneAbbreviation(timeZone)}`
}

export function formatDate(value: Date | string, locale: Locale, timeZone: string) {
  const date = typeof value === 'string' ? new Date(value) : value
  return new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(date)
}

export function formatNumber(value: number, locale: Locale, fractionDigits = 0) {
  return new Intl.NumberFormat(intlLocale(locale), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value)
}

export function formatPercent(share: number | null, locale: Locale) {
  if (share === null) return '–'
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 0 }).format(share)
}

/** Hours as "3,5 jam" / "2 hari 4 jam" (id) or "3.5 h" / "2 d 4 h" (en). */
export function formatHours(hours: number | null, locale: Locale) {
  if (hours === null || !Number.isFinite(hours)) return '–'
  const [h, d] = locale === 'id' ? [' jam', ' hari'] : [' h', ' d']
  // Round once, to the precision shown, before splitting into units: rounding the
  // remainder alone turned 47.6 h into "1 hari 24 jam".
  if (Math.round(hours * 10) < 100) return `${formatNumber(hours, locale, 1)}${h}`
  const whole = Math.round(hours)
  if (whole < 24) return `${whole}${h}`
  const days = Math.floor(whole / 24)
  const rest = whole % 24
  return rest ? `${days}${d} ${rest}${h}` : `${days}${d}`
}
