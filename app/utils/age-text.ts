import { fill, type Dictionary } from '~/i18n'

/** "3 jam lalu": how long ago something happened, coarse (minutes, hours, days). */
export function ageText(t: Dictionary, from: Date, now: Date) {
  const minutes = Math.max(1, Math.floor((now.getTime() - from.getTime()) / 60_000))
  if (minutes < 60) return fill(t.citizen.ageMinutes, { n: minutes })
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return fill(t.citizen.ageHours, { n: hours })
  return fill(t.citizen.ageDays, { n: Math.floor(hours / 24) })
}
