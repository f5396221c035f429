// Report photos. Photos of public and anonymous reports are public like the report;
// photos of a confidential report only for staff of its unit or the reporter's link.
// A photo hung on an internal event (information the reporter gave "only for staff")
// is for staff of the report's unit only, whatever the report's privacy (ADR 027).
import type { LoaderFunctionArgs } from '@remix-run/node'
import { getPhotoOwner } from '~/models/report.server'
import { getStaffScope } from '~/models/staff-report.server'
import { getStaffUser } from '~/utils/auth.server'
import { sha256 } from '~/utils/crypto.server'
import { getDb } from '~/utils/db.server'
import { readPhoto } from '~/utils/photos.server'

const notFound = () => new Response('Not found', { status: 404 })

export async function loader({ request, params }: LoaderFunctionArgs) {
  const key = params.key ?? ''
  const db = await getDb()
  const owner = await getPhotoOwner(db, key)
  if (!owner) throw notFound()
  const staffOnly = owner.event_visibility === 'internal'
  const confidential = owner.privacy === 'confidential'
  if (staffOnly && !(await isStaffOfUnit(request, owner))) throw notFound()
  if (confidential && !staffOnly && !(await mayViewConfidential(request, owner))) throw notFound()
  const bytes = await readPhoto(key)
  if (!bytes) throw notFound()
  return new Response(bytes, {
    headers: {
      'Content-Type': owner.content_type,
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': confidential || staffOnly ? 'private, no-store' : 'public, max-age=86400, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

async function mayViewConfidential(request: Request, owner: { current_unit_id: number; jurisdiction_id: number; reporter_token_hash: string | null }) {
  const token = new URL(request.url).searchParams.get('t')
  if (token && owner.reporter_token_hash && sha256(token) === owner.reporter_token_hash) return true
  return isStaffOfUnit(request, owner)
}

async function isStaffOfUnit(request: Request, owner: { current_unit_id: number; jurisdiction_id: number }) {
  const user = await getStaffUser(request)
  if (!user || user.jurisdictionId !== owner.jurisdiction_id) return false
  const scope = await getStaffScope(await getDb(), user)
  return scope.unitIds.includes(owner.current_unit_id)
}
