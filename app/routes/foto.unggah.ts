// Photos sent ahead of a report form by its JavaScript (ADR 028): the browser has
// already downscaled them and uploads them here with a progress bar; they go into this
// browser's photo stash (ADR 008, re-encoded, EXIF dropped) and the form then files with
// their keys as if they had been kept from a refused submit. Without JavaScript the
// form posts its files to /lapor as before. Counted against the filing limit.
import type { ActionFunctionArgs } from '@remix-run/node'
import { fill, getDictionary } from '~/i18n'
import { keepRefusedPhotos, keptPhotoKeys } from '~/services/photo-stash.server'
import { DATABASE_UNAVAILABLE, unlessDatabaseUnavailable } from '~/utils/database-outage.server'
import { getLocale } from '~/utils/locale.server'
import { MAX_PHOTO_BYTES, MAX_PHOTOS, TOO_LARGE } from '~/utils/photo-rules'
import { consumeLimit, retryAfterHeaders } from '~/utils/rate-limit.server'
import { readRequestForm } from '~/utils/request-form.server'
import { waitText } from '~/utils/wait-text'

// A plain Response: a resource route's data() would not carry the stash cookie.
const data = (body: object, init: { status?: number; headers?: Record<string, string> } = {}) =>
  Response.json(body, { status: init.status ?? 200, headers: { 'Cache-Control': 'no-store', ...init.headers } })

export async function action({ request, context }: ActionFunctionArgs) {
  const t = getDictionary(await getLocale(request))
  const limited = await consumeLimit('filing', context)
  if (limited) {
    return data({ error: fill(t.limits.tooMany, { wait: waitText(t, limited.retryAfterSeconds) }) }, { status: 429, headers: retryAfterHeaders(limited) })
  }
  const formData = await readRequestForm(request, { files: { field: 'photos', max: MAX_PHOTOS, maxBytes: MAX_PHOTO_BYTES } })
  if (formData.getAll('photos').includes(TOO_LARGE)) return data({ error: t.validation.photoTooLarge }, { status: 400 })
  const files = formData.getAll('photos').filter((p): p is File => p instanceof File && p.size > 0)
  const keep = keptPhotoKeys(formData)
  if (files.length + keep.length > MAX_PHOTOS) return data({ error: t.validation.tooManyPhotos }, { status: 400 })
  const kept = await keepRefusedPhotos(request, files, keep, new Date()).catch(unlessDatabaseUnavailable)
  if (kept === DATABASE_UNAVAILABLE) return data({ error: t.photoUpload.failed }, { status: 503 })
  // A photo that does not decode is dropped by the stash: say so rather than file without it.
  if (kept.photos.length < files.length + keep.length) return data({ error: t.validation.photoUnreadable }, { status: 400 })
  const photos = kept.photos.map((p) => ({ storageKey: p.storageKey, width: p.width, height: p.height }))
  return data({ photos }, { headers: kept.setCookie ? { 'Set-Cookie': kept.setCookie } : {} })
}
