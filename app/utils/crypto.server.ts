import { createHash, randomBytes } from 'node:crypto'

/** A 128-bit (or larger) random token, URL-safe. */
export function randomToken(bytes = 16) {
  return randomBytes(bytes).toString('base64url')
}

/** Secrets (session tokens, reporter links) are stored only as their SHA-256. */
export function sha256(value: string) {
  return createHash('sha256').update(value).digest('hex')
}
