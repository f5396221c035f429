// Indonesian mobile numbers as citizens type them ("0812-3456-7890", "62 812…",
// "+62 812…") normalised to E.164 ("+6281234567890"). Other countries' numbers
// are accepted when given with a leading + and a plausible length.

export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s().-]/g, '')
  if (compact === '') return null
  let digits: string
  if (compact.startsWith('+')) digits = compact.slice(1)
  else if (compact.startsWith('0')) digits = `62${compact.slice(1)}`
  else if (compact.startsWith('62')) digits = compact
  else if (compact.startsWith('8')) digits = `62${compact}`
  else return null
  if (!/^[1-9]\d{6,14}$/.test(digits)) return null
  // Indonesian numbers: 62 + 8–12 digits (mobile starts with 8; landlines with an area code).
  if (digits.startsWith('62') && (digits.length < 10 || digits.length > 14)) return null
  return `+${digits}`
}
