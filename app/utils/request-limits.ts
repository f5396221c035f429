// Request limits, shared by the HTTP server (which counts body bytes on the stream)
// and the form reader inside the Remix build. The two live in different module
// graphs, so the "too large" error is recognised by its code, not by its class.
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from './photo-rules'

/** Multipart posts: the photos plus some room for the text fields and part headers. */
export const MAX_MULTIPART_BYTES = MAX_PHOTOS * MAX_PHOTO_BYTES + 2 * 1024 * 1024
/** Every other body (urlencoded forms, and whatever a hostile client sends). */
export const MAX_PLAIN_BODY_BYTES = 64 * 1024
/** One text field of a multipart form is cut here (more than any field allows). */
export const MAX_TEXT_FIELD_BYTES = 64 * 1024
/** All text fields of one multipart form together. */
export const MAX_TEXT_TOTAL_BYTES = 256 * 1024
/** Parts of one multipart form (a real form has about 15). */
export const MAX_PARTS = 100

export const BODY_TOO_LARGE = 'BODY_TOO_LARGE'

export class BodyTooLargeError extends Error {
  readonly code = BODY_TOO_LARGE
  constructor(readonly limit: number) {
    super(`Request body larger than ${limit} bytes`)
    this.name = 'BodyTooLargeError'
  }
}

/** The byte limit for a body of this Content-Type. */
export function bodyLimitFor(contentType: string | null | undefined) {
  return isMultipart(contentType) ? MAX_MULTIPART_BYTES : MAX_PLAIN_BODY_BYTES
}

export function isMultipart(contentType: string | null | undefined) {
  return mediaType(contentType) === 'multipart/form-data'
}

/** `type/subtype` in lower case, without parameters; '' when absent. */
export function mediaType(contentType: string | null | undefined) {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

/** True when `error` or one of its causes is a BodyTooLargeError (from either module graph). */
export function isBodyTooLarge(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === BODY_TOO_LARGE) return true
  }
  return false
}
