import { fill, type Dictionary } from '~/i18n'

/** "45 detik" / "3 menit": how long a client must wait (a Retry-After in words). */
export function waitText(t: Dictionary, seconds: number) {
  return seconds < 90 ? fill(t.limits.seconds, { n: Math.max(1, Math.ceil(seconds)) }) : fill(t.limits.minutes, { n: Math.ceil(seconds / 60) })
}
