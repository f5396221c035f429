// Photo stash: photos of a refused report form, already re-encoded and stored, kept
// for the browser that sent them (owner = SHA-256 of the token in its cookie) until
// they expire. Rows only: the files are deleted by the caller (deletePhotos).
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '#db/types'
import type { StoredPhoto } from '~/utils/photos.server'

type Db = Kysely<DB> | Transaction<DB>

/** How long a refused form's photos wait for the next submit. */
export const PHOTO_STASH_TTL_MS = 60 * 60_000

export interface StashedPhoto {
  storageKey: string
  width: number
  height: number
}

export async function stashPhotos(db: Db, ownerHash: string, photos: StoredPhoto[], now: Date) {
  if (!photos.length) return
  const expiresAt = new Date(now.getTime() + PHOTO_STASH_TTL_MS)
  await db
    .insertInto('photo_stashes')
    .values(
      photos.map((p) => ({
        owner_hash: ownerHash,
        storage_key: p.storageKey,
        content_type: p.contentType,
        size_bytes: p.sizeBytes,
        width: p.width,
        height: p.height,
        created_at: now,
        expires_at: expiresAt,
      })),
    )
    .execute()
}

/** The owner's photos that have not expired, oldest first. */
export async function listStashedPhotos(db: Db, ownerHash: string, now: Date): Promise<StashedPhoto[]> {
  const rows = await db
    .selectFrom('photo_stashes')
    .select(['storage_key', 'width', 'height'])
    .where('owner_hash', '=', ownerHash)
    .where('expires_at', '>', now)
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ storageKey: r.storage_key, width: r.width, height: r.height }))
}

/** One photo, only for its owner and before it expires (serving it). */
export function getStashedPhoto(db: Db, ownerHash: string, storageKey: string, now: Date) {
  return db
    .selectFrom('photo_stashes')
    .select(['content_type'])
    .where('owner_hash', '=', ownerHash)
    .where('storage_key', '=', storageKey)
    .where('expires_at', '>', now)
    .executeTakeFirst()
}

/**
 * Takes the owner's chosen photos out of the stash (in the caller's transaction, which
 * attaches them to a report): the rows go, the files stay for the report.
 */
export async function takeStashedPhotos(trx: Transaction<DB>, ownerHash: string, storageKeys: string[], now: Date): Promise<StoredPhoto[]> {
  if (!storageKeys.length) return []
  const rows = await trx
    .deleteFrom('photo_stashes')
    .where('owner_hash', '=', ownerHash)
    .where('storage_key', 'in', storageKeys)
    .where('expires_at', '>', now)
    .returning(['id', 'storage_key', 'content_type', 'size_bytes', 'width', 'height'])
    .execute()
  return rows
    .sort((a, b) => a.id - b.id)
    .map((r) => ({ storageKey: r.storage_key, contentType: r.content_type, sizeBytes: r.size_bytes, width: r.width, height: r.height }))
}

/** Removes the owner's photos except those to keep; returns the storage keys whose files to delete. */
export async function discardStashedPhotos(db: Db, ownerHash: string, keep: string[] = []) {
  let query = db.deleteFrom('photo_stashes').where('owner_hash', '=', ownerHash)
  if (keep.length) query = query.where('storage_key', 'not in', keep)
  const rows = await query.returning('storage_key').execute()
  return rows.map((r) => r.storage_key)
}

/** For the clean-up job: removes expired rows; returns the storage keys whose files to delete. */
export async function deleteExpiredPhotoStashes(db: Db, now: Date) {
  const rows = await db.deleteFrom('photo_stashes').where('expires_at', '<=', now).returning('storage_key').execute()
  return rows.map((r) => r.storage_key)
}
