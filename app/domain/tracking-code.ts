// Public report codes like MLG-7K3Q9P: short enough to read aloud over the
// phone, so the alphabet drops look-alikes (0/O, 1/I/L).

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
export const CODE_LENGTH = 6

const BASE = CODE_ALPHABET.length // 31
// Largest multiple of 31 that fits in a byte: bytes >= 248 would bias the
// first 8 symbols, so they are discarded (rejection sampling).
const BYTE_LIMIT = Math.floor(256 / BASE) * BASE // 248
const PREFIX_RE = /^[A-Z]{2,5}$/
const CODE_RE = new RegExp(`^[A-Z]{2,5}-[${CODE_ALPHABET}]{${CODE_LENGTH}}$`)
// Guards against a broken randomness source looping forever.
const MAX_DRAWS = 1000

/** randomBytes is injected (crypto.randomBytes in production) to keep this pure and testable. */
export function generateTrackingCode(prefix: string, randomBytes: (n: number) => Uint8Array): string {
  if (!PREFIX_RE.test(prefix)) throw new RangeError(`Tracking-code prefix must be 2-5 uppercase letters, got "${prefix}"`)
  let code = ''
  for (let draw = 0; code.length < CODE_LENGTH; draw++) {
    if (draw >= MAX_DRAWS) throw new Error('randomBytes keeps returning unusable bytes')
    for (const b of randomBytes(CODE_LENGTH - code.length)) {
      if (b < BYTE_LIMIT && code.length < CODE_LENGTH) code += CODE_ALPHABET.charAt(b % BASE)
    }
  }
  return `${prefix}-${code}`
}

/**
 * Canonical "PREFIX-CODE" from what a citizen typed: case, surrounding
 * whitespace, and a missing or space-replaced dash are forgiven; look-alike
 * characters (0, O, 1, I, L) are not guessed at. Returns null if invalid.
 */
export function normalizeTrackingCode(input: string): string | null {
  const trimmed = input.trim()
  // ASCII only: toUpperCase would otherwise turn e.g. "ß" into "SS".
  if (!/^[A-Za-z0-9\s-]*$/.test(trimmed)) return null
  const groups = trimmed.toUpperCase().split(/[\s-]+/)
  // With a separator, the first group is the prefix (so "MLG-7K3Q9" is not
  // re-split as "ML-G7K3Q9"); without one, the code is the last 6 characters.
  let [prefix = '', ...rest] = groups
  let code = rest.join('')
  if (rest.length === 0) {
    code = prefix.slice(-CODE_LENGTH)
    prefix = prefix.slice(0, -CODE_LENGTH)
  }
  const candidate = `${prefix}-${code}`
  return CODE_RE.test(candidate) ? candidate : null
}
