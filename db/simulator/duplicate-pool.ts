// Candidate originals for duplicate reports: the last few reports of each category and
// kelurahan.
import { DAY } from './durations'
import type { Rng } from './rng'
import type { PoolEntry } from './simulated-report'

export class DuplicatePool {
  private readonly pool = new Map<string, PoolEntry[]>()

  remember(categoryId: number, areaId: number, entry: PoolEntry) {
    const key = `${categoryId}:${areaId}`
    let list = this.pool.get(key)
    if (!list) this.pool.set(key, (list = []))
    list.push(entry)
    if (list.length > 8) list.shift()
  }

  /** A recent earlier report of the same category and kelurahan, if any. */
  findOriginal(rng: Rng, categoryId: number, areaId: number, t: number): PoolEntry | null {
    const list = this.pool.get(`${categoryId}:${areaId}`)
    if (!list) return null
    const recent = list.filter((e) => e.createdAt < t && t - e.createdAt < 30 * DAY)
    return recent.length > 0 ? rng.pick(recent) : null
  }
}
