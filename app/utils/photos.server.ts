// Report photos: every upload is decoded and re-encoded as JPEG (at most 1600 px),
// which drops EXIF and other metadata (GPS position, camera serial numbers) after
// applying the orientation. Files are stored under a random key in UPLOAD_DIR.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp, { type OutputInfo } from 'sharp'
import { randomToken } from './crypto.server'
import { getEnv } from './env.server'
import { createLimiter, QueueTimeoutError, type Limiter } from './limiter'

const MAX_EDGE = 1600
// About what a phone camera makes (a 7000×7000 PNG is 49 Mpx and costs ~1 s of CPU).
export const MAX_INPUT_PIXELS = 25_000_000

export interface StoredPhoto {
  storageKey: string
  contentType: 'image/jpeg'
  sizeBytes: number
  width: number
  height: number
}

export class PhotoError extends Error {
  constructor(readonly reason: 'not_an_image' | 'too_many_pixels' | 'busy') {
    super(reason)
  }
}

// Decoding is CPU-heavy: only a few photos at a time, so pages stay fast while
// photos are processed; a photo that waits too long is refused ("coba lagi").
let queue: Limiter | null = null
function photoQueue() {
  queue ??= createLimiter({ concurrency: getEnv().PHOTO_CONCURRENCY, maxWaitMs: getEnv().PHOTO_QUEUE_WAIT_MS })
  return queue
}

/** Tests only: replace the queue (e.g. with a short wait) and reach it to fill its slots. */
export function configurePhotoQueue(options: { concurrency: number; maxWaitMs: number }) {
  queue = createLimiter(options)
  return queue
}

function uploadDir() {
  const env = getEnv()
  return env.UPLOAD_DIR ?? join(env.DATA_DIR, 'uploads')
}

/** Decodes, re-encodes without metadata and stores one photo. */
export async function storePhoto(file: File): Promise<StoredPhoto> {
  const input = Buffer.from(await file.arrayBuffer())
  // The header alone tells the size: refuse huge images before decoding them.
  const meta = await sharp(input)
    .metadata()
    .catch(() => null)
  if (!meta) throw new PhotoError('not_an_image')
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_INPUT_PIXELS) throw new PhotoError('too_many_pixels')
  let output: { data: Buffer; info: OutputInfo }
  try {
    output = await photoQueue().run(() =>
      sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
        .rotate() // apply the EXIF orientation before the metadata is dropped
        .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 80, mozjpeg: true })
        .toBuffer({ resolveWithObject: true }),
    )
  } catch (error) {
    throw new PhotoError(error instanceof QueueTimeoutError ? 'busy' : 'not_an_image')
  }
  const storageKey = `${randomToken(16)}.jpg`
  await mkdir(uploadDir(), { recursive: true })
  await writeFile(join(uploadDir(), storageKey), output.data)
  return { storageKey, contentType: 'image/jpeg', sizeBytes: output.data.byteLength, width: output.info.width, height: output.info.height }
}

export async function deletePhotos(keys: string[]) {
  await Promise.all(keys.map((key) => rm(join(uploadDir(), key), { force: true })))
}

export function readPhoto(storageKey: string) {
  if (!/^[A-Za-z0-9_-]{20,}\.jpg$/.test(storageKey)) return null
  return readFile(join(uploadDir(), storageKey)).catch(() => null)
}
