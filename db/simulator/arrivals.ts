// Arrival instants of the simulated reports, following the daily, weekly and
// holiday rhythm of the profiles and a slight growth over the span.
import { HOUR } from './durations'
import type { LocalDay, LocalDays } from './local-days'
import { GROWTH_START, HOLIDAY_FACTOR, HOUR_WEIGHTS, WEEKDAY_WEIGHTS } from './profiles'
import { Weighted, type Rng } from './rng'

/** `count` arrival instants in [startMs, now), sorted. */
export function sampleArrivals(rng: Rng, local: LocalDays, count: number, startMs: number, now: number): Float64Array {
  const starts: number[] = []
  const ends: number[] = []
  const weights: number[] = []
  const span = now - startMs
  const days = local.days
  for (let i = 0; i + 1 < days.length; i++) {
    const d = days[i] as LocalDay
    const next = (days[i + 1] as LocalDay).start
    const dayFactor = (WEEKDAY_WEIGHTS[d.weekday] ?? 1) * (d.working || d.weekday === 0 || d.weekday === 6 ? 1 : HOLIDAY_FACTOR)
    for (let h = 0; h < 24; h++) {
      const s = Math.max(startMs, d.start + h * HOUR)
      const e = Math.min(now, h === 23 ? next : d.start + (h + 1) * HOUR)
      if (e <= s) continue
      const growth = GROWTH_START + (1 - GROWTH_START) * ((s - startMs) / span)
      starts.push(s)
      ends.push(e)
      weights.push((HOUR_WEIGHTS[h] ?? 1) * dayFactor * growth * ((e - s) / HOUR))
    }
  }
  const slots = new Weighted(
    starts.map((_, i) => i),
    weights,
  )
  const out = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    const slot = slots.pick(rng)
    const s = starts[slot] as number
    const e = ends[slot] as number
    out[i] = Math.floor(s + rng.next() * (e - s))
  }
  return out.sort()
}
