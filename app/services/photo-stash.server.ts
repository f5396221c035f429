// Photos of a refused report form are kept server-side for the same browser, so a form
// without JavaScript comes back with them attached (a browser cannot refill a file
// input). The browser holds a random token in an httpOnly cookie; the stash rows hold
// only its SHA-256. Photos are re-encoded (EXIF dropped) before they are kept.
import { createCookie } from '@remix-run/node'
import { discardStashedPhotos, listStashedPhotos, stashPhotos, type StashedPhoto, PHOTO_STASH_TTL_MS } from '~/models/photo-stash.server'
import { randomToken, sha256 } from '~/utils/crypto.server'
import { getDb } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { isAcceptedPhotoType, isPhotoStorageKey, KEEP_PHOTO_FIELD, MAX_PHOTOS } from '~/utils/photo-rules'
import { deletePhotos, PhotoError, storePhoto, type StoredPhoto } from '~/utils/photos.server'

function stashCookie() {
  return createCookie('photo_stash', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: getEnv().APP_BASE_URL?.startsWith('https://') ?? false,
    secrets: [getEnv().SESSION_SECRET],
    maxAge: PHOTO_STASH_TTL_MS / 1000,
  })
}

/** The SHA-256 owner id of this browser's stash, or null when it has none. */
export async function stashOwner(request: Request): Promise<string | null> {
  const token = (await stashCookie().parse(request.headers.get('Cookie'))) as unknown
  return typeof token === 'string' && token.length >= 16 ? sha256(token) : null
}

/** The stashed photos this submit keeps (field `keepPhoto`), as sent: at most MAX_PHOTOS keys. */
export function keptPhotoKeys(formData: FormData): string[] {
  const keys = formData.getAll(KEEP_PHOTO_FIELD).filter((k): k is string => typeof k === 'string' && isPhotoStorageKey(k))
  return [...new Set(keys)].slice(0, MAX_PHOTOS)
}

/**
 * After a refused submit: keeps the new photos that decode (up to the limit) and the
 * stashed ones still ticked, drops the unticked ones. Returns what the form shows as
 * attached, and the cookie to set when this browser had no stash yet.
 */
export async function keepRefusedPhotos(
  request: Request,
  files: File[],
  keep: string[],
  now: Date,
): Promise<{ photos: StashedPhoto[]; setCookie: string | null }> {
  const db = await getDb()
  let owner = await stashOwner(request)
  let setCookie: string | null = null
  if (owner) {
    await deletePhotos(await discardStashedPhotos(db, owner, keep))
  }
  const kept = owner ? await listStashedPhotos(db, owner, now) : []
  const room = Math.max(0, MAX_PHOTOS - kept.length)
  const fresh = files.filter((f) => isAcceptedPhotoType(f.type)).slice(0, room)
  if (fresh.length) {
    if (!owner) {
      const token = randomToken(16)
      owner = sha256(token)
      setCookie = await stashCookie().serialize(token)
    }
    const stored: StoredPhoto[] = []
    for (const file of fresh) {
      try {
        stored.push(await storePhoto(file))
      } catch (error) {
        if (!(error instanceof PhotoError)) throw error // an unreadable photo has its own message
      }
    }
    await stashPhotos(db, owner, stored, now)
  }
  return { photos: owner ? await listStashedPhotos(db, owner, now) : [], setCookie }
}

/** After a report was filed: the photos left in this browser's stash are not needed. */
export async function clearPhotoStash(owner: string | null) {
  if (!owner) return
  await deletePhotos(await discardStashedPhotos(await getDb(), owner))
}
