import { describe, expect, it } from 'vitest'
import { normalizePhone } from './phone'

describe('normalizePhone', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['81234567890', '+6281234567890'],
    ['(0341) 551234', '+62341551234'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected)
  })

  it.each(['', 'abc', '12345', '0812', '+0812345678', '08123456789012345', '9812345678'])('rejects %j', (input) => {
    expect(normalizePhone(input)).toBeNull()
  })
})
