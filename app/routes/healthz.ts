import { sql } from 'kysely'
import { getDb } from '~/utils/db.server'

export async function loader() {
  await sql`SELECT 1`.execute(await getDb())
  return new Response('ok', { headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } })
}
