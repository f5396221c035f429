// Open311 API keys (issues 7 §2 and 9): made by a jurisdiction admin, shown once, stored
// only as a SHA-256 hash (a key is 160 random bits, so a fast hash is enough: nothing to
// brute-force as with passwords). The prefix is kept so admins can tell keys apart.
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'
import { randomToken, sha256 } from '~/utils/crypto.server'

type Db = Kysely<DB> | Transaction<DB>

const KEY_PREFIX = 'mly_'

export function hashApiKey(raw: string): string {
  return sha256(raw.trim())
}

/** Makes a key; the returned `key` is shown to the admin once and never stored. */
export async function createApiKey(db: Db, input: { jurisdictionId: number; name: string; createdByUserId: number | null; key?: string }) {
  const key = input.key ?? `${KEY_PREFIX}${randomToken(20)}`
  const row = await db
    .insertInto('api_keys')
    .values({
      jurisdiction_id: input.jurisdictionId,
      name: input.name,
      key_prefix: key.slice(0, 10),
      key_hash: hashApiKey(key),
      created_by_user_id: input.createdByUserId,
    })
    .returning(['id', 'key_prefix'])
    .executeTakeFirstOrThrow()
  return { id: row.id, prefix: row.key_prefix, key }
}

/** Revokes a key of this jurisdiction (the jurisdiction is in the where: an admin can't reach another city's key). */
export async function revokeApiKey(db: Db, input: { jurisdictionId: number; id: number; now: Date }): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: input.now })
    .where('id', '=', input.id)
    .where('jurisdiction_id', '=', input.jurisdictionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export function listApiKeys(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at', 'created_by_user_id'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('created_at', 'desc')
    .execute()
}

/** The active key with this value, or null; records when it was last used. */
export async function verifyApiKey(db: Db, raw: string, now: Date): Promise<{ id: number; jurisdictionId: number } | null> {
  if (!raw || raw.length > 200) return null
  const row = await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('key_hash', '=', hashApiKey(raw))
    .where('revoked_at', 'is', null)
    .returning(['id', 'jurisdiction_id'])
    .executeTakeFirst()
  return row ? { id: row.id, jurisdictionId: row.jurisdiction_id } : null
}
