import { getJurisdictionBySlug } from '~/models/reference.server'
import { lastKnownWhileDatabaseUnavailable } from './database-outage.server'
import { getDb } from './db.server'
import { getEnv } from './env.server'

/**
 * The jurisdiction a public request is for. Today: DEFAULT_JURISDICTION. Issue 8 §5 makes it
 * depend on the request (JURISDICTION_HOSTS, then a /{slug}/ path prefix), so every caller passes it.
 */
export async function getPublicJurisdiction(_request?: Request) {
  const slug = getEnv().DEFAULT_JURISDICTION
  // Read on every page (root loader): the last one read stands in during a database outage.
  const jurisdiction = await lastKnownWhileDatabaseUnavailable(`jurisdiction:${slug}`, async () => getJurisdictionBySlug(await getDb(), slug))
  if (!jurisdiction) throw new Error(`DEFAULT_JURISDICTION ${getEnv().DEFAULT_JURISDICTION} is not in the database`)
  return jurisdiction
}
