// Limits for report photos, shared by the browser (validation) and the server.
export const MAX_PHOTOS = 3
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
// HEIC is let through because some phones label converted photos so; if it does not
// decode (sharp's prebuilt libvips has no HEVC), the citizen is asked for another photo.
export const ACCEPTED_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/heic', 'image/heif']
/** A stored photo's key (random, see photos.server): checked before any look-up. */
export function isPhotoStorageKey(key: string) {
  return /^[A-Za-z0-9_-]{20,}\.jpg$/.test(key)
}

/** The report form field naming photos kept from a refused submit (ticked checkboxes). */
export const KEEP_PHOTO_FIELD = 'keepPhoto'
/** What the upload handler puts in the form instead of a file that was too large. */
export const TOO_LARGE = '__too_large__'

export function isAcceptedPhotoType(type: string) {
  return ACCEPTED_PHOTO_TYPES.includes(type.toLowerCase())
}
