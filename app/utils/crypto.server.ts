import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'

/** A 128-bit (or larger) random token, URL-safe. */
export function randomToken(bytes = 16) {
  return randomBytes(bytes).toString('base64url')
}

/** Secrets (session tokens, reporter links) are stored only as their SHA-256. */
export function sha256(value: string) {
  return createHash('sha256').update(value).digest('hex')
}

/** A 256-bit key for one purpose, derived from SESSION_SECRET (HKDF-SHA256). */
export function deriveKey(secret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'melayani', purpose, 32))
}

/** AES-256-GCM; the result is "iv.tag.ciphertext" in base64url. */
export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')
}

/** The plaintext, or null when the value was not sealed with this key (or was altered). */
export function decryptSecret(key: Buffer, sealed: string): string | null {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'))
  if (!iv || !tag || !body || iv.length !== 12 || tag.length !== 16) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}

/** HMAC-SHA256 signature (base64url) for signed links such as unsubscribe. */
export function sign(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url')
}

export function signatureMatches(key: Buffer, value: string, signature: string): boolean {
  const expected = Buffer.from(sign(key, value))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
