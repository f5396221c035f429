import { describe, it, expect } from 'vitest'
import { CODE_ALPHABET, CODE_LENGTH, generateTrackingCode, normalizeTrackingCode } from './tracking-code'

/** Fake randomness: hands out the given bytes in order and records request sizes. */
function fakeBytes(bytes: number[]) {
  const queue = [...bytes]
  const requests: number[] = []
  const fn = (n: number): Uint8Array => {
    requests.push(n)
    if (queue.length < n) throw new Error('fake randomness exhausted')
    return Uint8Array.from(queue.splice(0, n))
  }
  return { fn, requests }
}

describe('alphabet', () => {
  it('has 31 symbols without look-alikes', () => {
    expect(CODE_ALPHABET).toHaveLength(31)
    expect(new Set(CODE_ALPHABET).size).toBe(31)
    for (const c of '01OIL') expect(CODE_ALPHABET).not.toContain(c)
    expect(CODE_LENGTH).toBe(6)
  })
})

describe('generateTrackingCode', () => {
  it('maps bytes deterministically (byte mod 31)', () => {
    // 0->'2', 1->'3', 8->'A', 30->'Z', 31->'2' (31 mod 31 = 0), 247->'Z' (247 = 7*31 + 30)
    const { fn } = fakeBytes([0, 1, 8, 30, 31, 247])
    expect(generateTrackingCode('MLG', fn)).toBe('MLG-23AZ2Z')
  })

  it('rejects bytes >= 248 and draws again for the missing symbols', () => {
    // 248 and 255 are discarded; the two replacements come from a second draw.
    const { fn, requests } = fakeBytes([248, 9, 255, 10, 11, 12, 13, 14])
    expect(generateTrackingCode('SBY', fn)).toBe('SBY-BCDEFG')
    expect(requests).toEqual([6, 2])
  })

  it('keeps drawing through a long run of rejected bytes', () => {
    const { fn } = fakeBytes([...new Array<number>(6).fill(250), ...new Array<number>(6).fill(249), 0, 0, 0, 0, 0, 0])
    expect(generateTrackingCode('AB', fn)).toBe('AB-222222')
  })

  it('gives up on a source that never yields usable bytes', () => {
    expect(() => generateTrackingCode('MLG', (n) => new Uint8Array(n).fill(255))).toThrow()
  })

  it('requires a 2-5 letter uppercase prefix', () => {
    const ok = () => new Uint8Array(6)
    expect(generateTrackingCode('ABCDE', ok)).toBe('ABCDE-222222')
    for (const bad of ['A', 'ABCDEF', 'mlg', 'M1G', '', 'ML-']) {
      expect(() => generateTrackingCode(bad, ok)).toThrow(RangeError)
    }
  })

  it('is unbiased over all 248 accepted byte values', () => {
    // Each symbol must be hit exactly 248 / 31 = 8 times.
    const counts = new Map<string, number>()
    for (let b = 0; b < 248; b++) {
      const code = generateTrackingCode('AB', () => new Uint8Array(6).fill(b))
      const sym = code.charAt(3)
      counts.set(sym, (counts.get(sym) ?? 0) + 1)
    }
    expect(counts.size).toBe(31)
    for (const c of counts.values()) expect(c).toBe(8)
  })

  it('generated codes round-trip through normalisation', () => {
    const { fn } = fakeBytes([5, 17, 22, 29, 3, 12])
    const code = generateTrackingCode('MLG', fn)
    expect(normalizeTrackingCode(code)).toBe(code)
    expect(normalizeTrackingCode(code.toLowerCase().replace('-', ' '))).toBe(code)
  })
})

describe('normalizeTrackingCode', () => {
  it.each([
    ['MLG-7K3Q9P', 'MLG-7K3Q9P'],
    ['mlg-7k3q9p', 'MLG-7K3Q9P'],
    ['  MLG-7K3Q9P \n', 'MLG-7K3Q9P'],
    ['mlg 7k3q9p', 'MLG-7K3Q9P'],
    ['MLG7K3Q9P', 'MLG-7K3Q9P'],
    ['MLG - 7K3 Q9P', 'MLG-7K3Q9P'],
    ['ab-222222', 'AB-222222'],
    ['ABCDE2ZZZZZ', 'ABCDE-2ZZZZZ'],
  ])('%j -> %s', (input, expected) => {
    expect(normalizeTrackingCode(input)).toBe(expected)
  })

  it.each([
    [''],
    ['   '],
    ['MLG'],
    ['MLG-7K3Q9'], // too short (must not be re-split as ML-G7K3Q9)
    ['ML-G7K3Q9P'], // the typed dash decides the split
    ['MLG-7K3Q9PX'], // code too long -> prefix "MLG7" has a digit
    ['M-7K3Q9P'], // prefix too short
    ['ABCDEF-7K3Q9P'], // prefix too long
    ['MLG-7K3Q0P'], // 0 not in alphabet
    ['MLG-7K3QOP'], // O not in alphabet (not guessed as 0)
    ['MLG-7K3Q1P'], // 1
    ['MLG-7KIQLP'], // I and L
    ['ML1-7K3Q9P'], // digit in prefix
    ['MLG_7K3Q9P'], // underscore
    ['MLß-7K3Q9P'], // non-ASCII that uppercases to ASCII
  ])('%j -> null', (input) => {
    expect(normalizeTrackingCode(input)).toBeNull()
  })
})
