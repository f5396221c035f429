// In-process cache for public statistics (the open-data API and /transparansi): a burst
// of anonymous requests is answered from memory, and reaches the database at most once
// per key per TTL. The rollup job clears a jurisdiction's entries when it rewrites days,
// so the figures are never older than the rollups by more than the TTL.
export const STATS_CACHE_TTL_MS = 60_000
const MAX_ENTRIES = 500

interface Entry {
  expires: number
  value: Promise<unknown>
}

const entries = new Map<string, Entry>()

/**
 * The cached value of `key` (computed by `load` when missing or expired). Concurrent
 * misses share one load; a failed load is not cached.
 */
export function cachedStats<T>(jurisdictionId: number, key: string, load: () => Promise<T>, nowMs = Date.now()): Promise<T> {
  const full = `${jurisdictionId}|${key}`
  const hit = entries.get(full)
  if (hit && hit.expires > nowMs) return hit.value as Promise<T>
  if (entries.size >= MAX_ENTRIES) {
    for (const [k, e] of entries) if (e.expires <= nowMs) entries.delete(k)
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!)
  }
  const value = load()
  entries.set(full, { expires: nowMs + STATS_CACHE_TTL_MS, value })
  value.catch(() => {
    if (entries.get(full)?.value === value) entries.delete(full)
  })
  return value
}

export function invalidateStatsCache(jurisdictionId?: number) {
  if (jurisdictionId === undefined) return entries.clear()
  for (const k of [...entries.keys()]) if (k.startsWith(`${jurisdictionId}|`)) entries.delete(k)
}
