// Admins: the audit trail as CSV, with the page's filters (/admin/audit.csv?jenis=…).
// Streamed in batches by key, capped at MAX_ROWS; every cell is CSV-injection safe.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { parseAuditQuery } from '~/domain/audit-filters'
import { csvLine } from '~/domain/csv'
import { ADMIN_ROLES } from '~/domain/roles'
import { listAudit } from '~/models/audit.server'
import { getJurisdictionById } from '~/models/reference.server'
import { requireStaff } from '~/utils/auth.server'
import { getDb } from '~/utils/db.server'

export const MAX_ROWS = 50_000
const BATCH = 1_000
const HEADER = ['id', 'created_at', 'actor_user_id', 'actor_name', 'kind', 'entity', 'entity_id', 'subject', 'before', 'after', 'ip']

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireStaff(request, ADMIN_ROLES)
  const db = await getDb()
  const { query } = parseAuditQuery(new URL(request.url).searchParams)
  const jurisdiction = await getJurisdictionById(db, admin.jurisdictionId)
  const scope = { id: admin.jurisdictionId, timeZone: jurisdiction?.time_zone ?? 'Asia/Jakarta' }
  const encoder = new TextEncoder()
  let beforeId: number | undefined
  let written = 0
  let headerSent = false
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true
        controller.enqueue(encoder.encode(csvLine(HEADER)))
        return
      }
      const rows = await listAudit(db, scope, query, { limit: Math.min(BATCH, MAX_ROWS - written), beforeId })
      if (rows.length === 0) return controller.close()
      controller.enqueue(
        encoder.encode(
          rows
            .map((r) =>
              csvLine([r.id, new Date(r.created_at), r.actor_user_id, r.actor_name, r.kind, r.entity, r.entity_id, r.subject, r.before, r.after, r.ip]),
            )
            .join(''),
        ),
      )
      written += rows.length
      beforeId = rows[rows.length - 1]!.id
      if (rows.length < BATCH || written >= MAX_ROWS) controller.close()
    },
  })
  const day = new Date().toISOString().slice(0, 10)
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-${day}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
