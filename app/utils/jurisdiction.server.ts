import { getJurisdictionBySlug } from '~/models/reference.server'
import { getDb } from './db.server'
import { getEnv } from './env.server'

/** The jurisdiction the public site serves (DEFAULT_JURISDICTION). */
export async function getPublicJurisdiction() {
  const jurisdiction = await getJurisdictionBySlug(await getDb(), getEnv().DEFAULT_JURISDICTION)
  if (!jurisdiction) throw new Error(`DEFAULT_JURISDICTION ${getEnv().DEFAULT_JURISDICTION} is not in the database`)
  return jurisdiction
}
