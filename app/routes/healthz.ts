import { sql } from 'kysely'
import { DatabaseUnavailableError } from '~/utils/database-unavailable'
import { getDb } from '~/utils/db.server'

/** A hanging database must not hang the health check: it answers 503 after this. */
const HEALTH_TIMEOUT_MS = 2_000

const headers = { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' }

export async function loader() {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`no answer within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS)
  })
  try {
    await Promise.race([sql`SELECT 1`.execute(await getDb()), timeout])
    return new Response('ok', { headers })
  } catch (error) {
    // Whatever the reason (down, hanging, refusing), the load balancer must hear 503.
    console.error(`/healthz: database unavailable (${error instanceof Error ? error.message : String(error)})`)
    return new Response('database unavailable', { status: 503, headers: { ...headers, 'Retry-After': '5' } })
  } finally {
    clearTimeout(timer)
  }
}
