// Report photos: every upload is decoded and re-encoded as JPEG (at most 1600 px),
// which drops EXIF and other metadata (GPS position, camera serial numbers) after
// applying the orientation. Files are stored under a random key in UPLOAD_DIR.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { UploadHandler } from '@remix-run/node'
import sharp, { type OutputInfo } from 'sharp'
import { randomToken } from './crypto.server'
import { getEnv } from './env.server'
import { MAX_PHOTO_BYTES, TOO_LARGE } from './photo-rules'

const MAX_EDGE = 1600
const MAX_TEXT_BYTES = 64 * 1024

export interface StoredPhoto {
  storageKey: string
  contentType: 'image/jpeg'
  sizeBytes: number
  width: number
  height: number
}

export class PhotoError extends Error {
  constructor(readonly reason: 'not_an_image') {
    super(reason)
  }
}

function uploadDir() {
  const env = getEnv()
  return env.UPLOAD_DIR ?? join(env.DATA_DIR, 'uploads')
}

/**
 * Keeps uploaded files in memory up to MAX_PHOTO_BYTES. A larger file is drained and
 * replaced by a marker, so the rest of the form still parses and the citizen gets a
 * message instead of a failed request.
 */
export const photoUploadHandler: UploadHandler = async ({ name, filename, contentType, data }) => {
  if (filename === undefined) {
    // Text fields: keep at most MAX_TEXT_BYTES (more than any field allows), so an
    // oversized field fails validation with its "too long" message without filling memory.
    const chunks: Uint8Array[] = []
    let size = 0
    for await (const chunk of data) {
      if (size < MAX_TEXT_BYTES) chunks.push(chunk)
      size += chunk.byteLength
    }
    return Buffer.concat(chunks).subarray(0, MAX_TEXT_BYTES).toString('utf8')
  }
  if (name !== 'photos' || filename === '') {
    for await (const _ of data) void _
    return undefined
  }
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of data) {
    size += chunk.byteLength
    if (size <= MAX_PHOTO_BYTES) chunks.push(chunk)
  }
  if (size > MAX_PHOTO_BYTES) return TOO_LARGE
  return new File([Buffer.concat(chunks)], filename, { type: contentType })
}

/** Decodes, re-encodes without metadata and stores one photo. */
export async function storePhoto(file: File): Promise<StoredPhoto> {
  const input = Buffer.from(await file.arrayBuffer())
  let output: { data: Buffer; info: OutputInfo }
  try {
    output = await sharp(input, { failOn: 'error', limitInputPixels: 50_000_000 })
      .rotate() // apply the EXIF orientation before the metadata is dropped
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true })
  } catch {
    throw new PhotoError('not_an_image')
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
