import { parseHostMap, publicPath, resolveJurisdiction, type Resolution } from '~/domain/jurisdiction-resolution'
import { listJurisdictions } from '~/models/reference.server'
import { lastKnownWhileDatabaseUnavailable } from './database-outage.server'
import { getDb } from './db.server'
import { getEnv } from './env.server'

let hostMap: { source: string | undefined; map: Map<string, string> } | null = null

function hosts() {
  const source = getEnv().JURISDICTION_HOSTS
  if (!hostMap || hostMap.source !== source) hostMap = { source, map: parseHostMap(source) }
  return hostMap.map
}

/** Every jurisdiction (a handful of rows: one query, no cache to go stale). */
async function allJurisdictions() {
  // Read on every page (root loader): the last list read stands in during a database outage.
  return lastKnownWhileDatabaseUnavailable('jurisdictions', async () => listJurisdictions(await getDb()))
}

/** How the request's URL and host choose the public jurisdiction (ADR 023). */
export async function resolvePublic(request: Request) {
  const url = new URL(request.url)
  const jurisdictions = await allJurisdictions()
  const resolution = resolveJurisdiction(
    { pathname: url.pathname, hostname: url.hostname },
    { slugs: jurisdictions.map((j) => j.slug), hosts: hosts(), defaultSlug: getEnv().DEFAULT_JURISDICTION },
  )
  const jurisdiction = jurisdictions.find((j) => j.slug === resolution.slug)
  if (!jurisdiction)
    throw new Error(`Jurisdiction ${resolution.slug} (${resolution.by === 'host' ? 'JURISDICTION_HOSTS' : 'DEFAULT_JURISDICTION'}) is not in the database`)
  return { jurisdiction, resolution, jurisdictions }
}

/**
 * The jurisdiction a public request is for: a `/{slug}` path prefix, else the host
 * (JURISDICTION_HOSTS), else DEFAULT_JURISDICTION (domain/jurisdiction-resolution.ts).
 */
export async function getPublicJurisdiction(request: Request) {
  return (await resolvePublic(request)).jurisdiction
}

/** The `/{slug}` prefix the request carried ('' for bare paths). */
export async function getPublicPrefix(request: Request): Promise<Resolution['prefix']> {
  return (await resolvePublic(request)).resolution.prefix
}

/** `path` under the request's prefix: redirects of prefixed pages stay in their city. */
export async function publicPathFor(request: Request, path: string) {
  return publicPath(await getPublicPrefix(request), path)
}

/** The prefixed routes' layout: `/{slug}/…` with a slug no jurisdiction has is a 404. */
export async function requireKnownPrefix(request: Request, slug: string | undefined) {
  const { jurisdictions } = await resolvePublic(request)
  if (!slug || !jurisdictions.some((j) => j.slug === slug)) throw new Response('Not found', { status: 404 })
}

/** Start-up: every slug the settings name exists (and the list is remembered for outages). */
export async function checkJurisdictionSettings() {
  const slugs = new Set((await allJurisdictions()).map((j) => j.slug))
  const named = [getEnv().DEFAULT_JURISDICTION, ...hosts().values()]
  const missing = named.filter((slug) => !slugs.has(slug))
  if (missing.length) throw new Error(`DEFAULT_JURISDICTION / JURISDICTION_HOSTS name jurisdictions that are not in the database: ${missing.join(', ')}`)
}
