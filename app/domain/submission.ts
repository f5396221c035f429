// What makes two filings "the same submission": everything the citizen typed or chose,
// except the photos (a browser going Back may or may not keep the chosen files, and the
// same report with or without them is still the same report). Used to bind an
// idempotency key to its content and to recognise a no-JS Back + submit again.

export interface SubmissionContent {
  categoryId: number
  areaId: number
  lat: number | null
  lng: number | null
  description: string
  address: string | null
  privacy: string
  contact: { name: string | null; email: string | null; phone: string | null } | null
}

/** How long the same browser sending the same content again lands on the report already filed. */
export const RESUBMIT_WINDOW_MS = 15 * 60_000

// Browsers differ in line endings (CRLF from a textarea) and people in stray spaces.
const text = (value: string | null | undefined) => {
  const t = (value ?? '').replace(/\s+/g, ' ').trim()
  return t === '' ? null : t
}

/** One canonical text per submission: equal content always gives an equal text. */
export function canonicalSubmission(c: SubmissionContent): string {
  return JSON.stringify([
    c.categoryId,
    c.areaId,
    c.lat,
    c.lng,
    text(c.description),
    text(c.address),
    c.privacy,
    text(c.contact?.name),
    text(c.contact?.email)?.toLowerCase() ?? null,
    text(c.contact?.phone),
  ])
}
