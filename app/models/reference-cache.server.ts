// Reference data read once per version (ADR 025). `reference_version` is bumped by a
// trigger on every change to the reference tables (migration 0018), so one read of one
// row tells whether what this process read before is still true. Used on the hot filing
// path, where it replaces five round trips (category, kelurahan, two routing queries,
// holidays) with one. Values are promises, so concurrent misses load once.
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'

type Db = Kysely<DB> | Transaction<DB>

/** Per database (its random instance id), the version seen and the values read under it. */
const caches = new Map<string, { version: number; values: Map<string, Promise<unknown>> }>()
const MAX_ENTRIES = 5000

export async function getReferenceVersion(db: Db): Promise<{ instance: string; version: number }> {
  const row = await db.selectFrom('reference_version').select(['instance', 'version']).where('id', '=', true).executeTakeFirstOrThrow()
  return { instance: row.instance, version: Number(row.version) }
}

export type ReferenceRead = <T>(key: string, load: () => Promise<T>) => Promise<T>

/**
 * A reader over the reference data as of the current version: `read(key, load)` returns
 * the value loaded under this version before, or loads it (with `db`, which may be the
 * caller's transaction).
 */
export async function referenceReader(db: Db): Promise<ReferenceRead> {
  const { instance, version } = await getReferenceVersion(db)
  let cache = caches.get(instance)
  if (!cache || cache.version !== version) {
    cache = { version, values: new Map() }
    caches.set(instance, cache)
  }
  const values = cache.values
  return function read<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = values.get(key)
    if (hit) return hit as Promise<T>
    if (values.size >= MAX_ENTRIES) values.clear()
    const loading = load()
    values.set(key, loading)
    // A failed load is not remembered.
    loading.catch(() => values.delete(key))
    return loading
  }
}
