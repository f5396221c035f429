import { afterEach, describe, expect, it } from 'vitest'
import { STATS_CACHE_TTL_MS, cachedStats, invalidateStatsCache } from './public-stats-cache.server'

afterEach(() => invalidateStatsCache())

describe('public stats cache', () => {
  it('loads once per key within the TTL, shares concurrent misses, reloads after it', async () => {
    let loads = 0
    const load = async () => ++loads
    const t0 = 1_000_000
    const [a, b] = await Promise.all([cachedStats(1, 'unit', load, t0), cachedStats(1, 'unit', load, t0 + 10)])
    expect([a, b, loads]).toEqual([1, 1, 1])
    expect(await cachedStats(1, 'unit', load, t0 + STATS_CACHE_TTL_MS - 1)).toBe(1)
    expect(await cachedStats(1, 'unit', load, t0 + STATS_CACHE_TTL_MS)).toBe(2)
    expect(await cachedStats(2, 'unit', load, t0)).toBe(3) // another jurisdiction
  })

  it('is cleared per jurisdiction by the rollup job', async () => {
    let loads = 0
    const load = async () => ++loads
    await cachedStats(1, 'k', load, 0)
    await cachedStats(2, 'k', load, 0)
    invalidateStatsCache(1)
    expect(await cachedStats(1, 'k', load, 1)).toBe(3)
    expect(await cachedStats(2, 'k', load, 1)).toBe(2)
  })

  it('does not keep a failed load', async () => {
    await expect(cachedStats(1, 'x', () => Promise.reject(new Error('db down')), 0)).rejects.toThrow('db down')
    expect(await cachedStats(1, 'x', async () => 'ok', 1)).toBe('ok')
  })
})
