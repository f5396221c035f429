// The browser-side phone check: only whether it looks like a phone number at all. Whether
// it is valid, and a mobile number, is decided on the server (utils/phone.server.ts).
import type { PhoneCheck } from './phone'

export function checkPhoneShape(input: string): PhoneCheck {
  const compact = input.replace(/[\s().-]/g, '')
  return /^\+?\d{7,17}$/.test(compact) ? { ok: true, e164: compact } : { ok: false, reason: 'invalid' }
}
