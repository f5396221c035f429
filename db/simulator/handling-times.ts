// How long staff take to act: emergencies on wall-clock hours relative to the category's
// targets, everything else on the unit's profile in office hours.
import { HOUR, MINUTE } from './durations'
import type { LocalDays } from './local-days'
import { DEFAULT_EMERGENCY_SPEED, EMERGENCY_SPEED } from './profiles'
import type { Rng } from './rng'
import type { CategoryInfo, UnitInfo } from './world'

/** First action ('resp'), start of work after verification ('start') or the fix ('res'). */
export type HandlingPhase = 'resp' | 'res' | 'start'

/** When staff of `unit` act on something that reached them at t. */
export function staffTime(rng: Rng, local: LocalDays, t: number, unit: UnitInfo, category: CategoryInfo, phase: HandlingPhase, scale = 1): number {
  let at: number
  if (category.isEmergency) {
    const speed = EMERGENCY_SPEED[unit.key] ?? DEFAULT_EMERGENCY_SPEED
    const hours =
      phase === 'resp'
        ? rng.lognormal(category.responseClock === 'calendar_hours' ? category.responseTarget * speed.resp : 1, 0.6)
        : phase === 'start'
          ? rng.lognormal(0.15, 0.6)
          : rng.lognormal(category.resolutionClock === 'calendar_hours' ? category.resolutionTarget * speed.res : 8, 0.65)
    at = t + hours * scale * HOUR
  } else {
    const p = unit.profile
    const hours =
      phase === 'resp'
        ? rng.lognormal(p.respMedian, p.respSigma)
        : phase === 'start'
          ? rng.lognormal(5, 1)
          : rng.lognormal(p.resMedian * category.resolutionFactor, p.resSigma)
    const ms = hours * scale * HOUR
    // Mostly office hours; now and then someone acts in the evening or at the weekend.
    at = rng.chance(0.07) ? t + ms : local.addWorkTime(t, ms)
  }
  return Math.max(at, t + MINUTE)
}
