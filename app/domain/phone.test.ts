import { describe, expect, it } from 'vitest'
import { checkPhone, normalizePhone } from './phone'
import { checkPhoneShape } from './phone-shape'

describe('normalizePhone', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['81234567890', '+6281234567890'],
    ['+44 7400 123456', '+447400123456'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected)
  })

  it.each(['', 'abc', '12345', '0812', '+0812345678', '08123456789012345', '9812345678'])('rejects %j', (input) => {
    expect(normalizePhone(input)).toBeNull()
  })
})

describe('checkPhone', () => {
  it.each(['(0341) 551234', '021 5551234', '+44 20 7946 0958'])('%s is a landline: it cannot receive messages', (input) => {
    expect(checkPhone(input)).toEqual({ ok: false, reason: 'landline' })
  })

  it('tells an invalid number from a landline', () => {
    expect(checkPhone('0812')).toEqual({ ok: false, reason: 'invalid' })
  })
})

describe('checkPhoneShape (the browser-side check)', () => {
  it('lets anything shaped like a number through for the server to judge, refuses the rest', () => {
    expect(checkPhoneShape('(0341) 551234').ok).toBe(true)
    expect(checkPhoneShape('0812-3456-7890').ok).toBe(true)
    expect(checkPhoneShape('123')).toEqual({ ok: false, reason: 'invalid' })
    expect(checkPhoneShape('abc')).toEqual({ ok: false, reason: 'invalid' })
  })
})
