// What a reporter says after the fix: the rating (and whether it was fixed) and, now
// and then, the IKM survey (Indeks Kepuasan Masyarakat) answers.
import { DAY } from './durations'
import type { Rng } from './rng'
import type { SimReport } from './simulated-report'
import { RATING_COMMENTS } from './texts'

export function rateReport(rng: Rng, r: SimReport): { score: number; comment: string | null; fixed: 'yes' | 'no' | 'unknown' } {
  const resolvedAt = r.resolvedAt as number
  const lateDays = Math.max(0, (resolvedAt - r.resolutionDueAt) / DAY)
  let mu = 4.35
  if (lateDays > 0) mu -= 0.9 + Math.min(1, lateDays / 10) * 0.7
  if (r.reopenCount > 0) mu -= 0.9
  const score = Math.min(5, Math.max(1, Math.round(mu + rng.normal() * 0.75)))
  const f = rng.next()
  const fixed: 'yes' | 'no' | 'unknown' =
    score >= 4 ? (f < 0.9 ? 'yes' : 'unknown') : score === 3 ? (f < 0.5 ? 'yes' : f < 0.8 ? 'unknown' : 'no') : f < 0.65 ? 'no' : f < 0.85 ? 'unknown' : 'yes'
  const comment = rng.chance(0.3) ? rng.pick(RATING_COMMENTS[score] ?? []) : null
  return { score, comment, fixed }
}

/** IKM unsur u1..u9 (1–4), correlated with the rating; u4 (cost) is high since the service is free. */
export function ikmAnswers(rng: Rng, score: number, late: boolean): number[] {
  const base = 1 + ((score - 1) * 3) / 4
  const out: number[] = []
  for (let i = 1; i <= 9; i++) {
    let v = base + rng.normal() * 0.55
    if (i === 4) v += 0.8
    if (i === 3 && late) v -= 0.6
    out.push(Math.min(4, Math.max(1, Math.round(v))))
  }
  return out
}
