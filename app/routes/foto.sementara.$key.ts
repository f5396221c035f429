// Photos of a refused report form (the photo stash): only for the browser that sent
// them (its stash cookie), never cached, never public.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getStashedPhoto } from '~/models/photo-stash.server'
import { stashOwner } from '~/services/photo-stash.server'
import { getDb } from '~/utils/db.server'
import { isPhotoStorageKey } from '~/utils/photo-rules'
import { readPhoto } from '~/utils/photos.server'

const notFound = () => new Response('Not found', { status: 404 })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const key = params.key ?? ''
  const owner = await stashOwner(request)
  if (!owner || !isPhotoStorageKey(key)) throw notFound()
  const stashed = await getStashedPhoto(await getDb(), owner, key, new Date())
  if (!stashed) throw notFound()
  const bytes = await readPhoto(key)
  if (!bytes) throw notFound()
  return new Response(bytes, {
    headers: {
      'Content-Type': stashed.content_type,
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
