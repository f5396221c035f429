// Phone numbers as citizens type them ("0812-3456-7890", "62 812…", "+62 812…"),
// validated and classified by libphonenumber-js (full metadata: the type of a number
// is only known with it). WhatsApp and SMS reach mobile numbers only, so the form
// refuses a landline with its own message rather than a generic "invalid".
import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max'

export type PhoneCheck = { ok: true; e164: string } | { ok: false; reason: 'invalid' | 'landline' }

const MESSAGEABLE_TYPES = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE'])

function parse(input: string): PhoneNumber | undefined {
  const compact = input.replace(/[\s().-]/g, '')
  if (!/^\+?\d{5,17}$/.test(compact)) return undefined
  // "62812…" typed without the plus is the country code, not a national number.
  const text = !compact.startsWith('+') && compact.startsWith('62') ? `+${compact}` : compact
  return parsePhoneNumberFromString(text, 'ID')
}

export function checkPhone(input: string): PhoneCheck {
  const number = parse(input)
  if (!number?.isValid()) return { ok: false, reason: 'invalid' }
  const type = number.getType()
  // An unknown type on a valid number: let it through, delivery will tell.
  if (type !== undefined && !MESSAGEABLE_TYPES.has(type)) return { ok: false, reason: 'landline' }
  return { ok: true, e164: number.number }
}

/** The E.164 form of a number that can receive messages, else null. */
export function normalizePhone(input: string): string | null {
  const result = checkPhone(input)
  return result.ok ? result.e164 : null
}
