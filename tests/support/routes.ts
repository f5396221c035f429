// Small helpers for tests that call Remix loaders and actions directly.
import type { Kysely } from 'kysely'
import type { DB } from '#db/types'

/** The origin route tests post from (the CSRF checks compare against it). */
export const ORIGIN = 'http://localhost'

/** What a loader or action returned through `data(…)`, in one shape: status, body, headers (a plain return is 200). */
export function unwrap(result: unknown) {
  const r = result as { data?: any; init?: { status?: number; headers?: HeadersInit } | null }
  const isData = r !== null && typeof r === 'object' && 'init' in r && 'data' in r
  return isData
    ? { status: r.init?.status ?? 200, data: r.data, headers: new Headers(r.init?.headers) }
    : { status: 200, data: result as any, headers: new Headers() }
}

/** The Response a loader or action threw (a redirect, a 404, a 403…); fails the test if it returned normally. */
export async function thrown(fn: () => Promise<unknown>): Promise<Response> {
  try {
    await fn()
  } catch (error) {
    if (error instanceof Response) return error
    throw error
  }
  throw new Error('expected a thrown Response')
}

export async function countReports(db: Kysely<DB>) {
  const { n } = await db
    .selectFrom('reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(n)
}
