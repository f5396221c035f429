// Which jurisdiction a public request is for (issue 8 §5, ADR 023). Pure: the caller
// passes the request's path and host, the jurisdictions that exist and the settings.
// Order: an explicit `/{slug}` path prefix (works in every install, whatever the host),
// then the host name (JURISDICTION_HOSTS), then DEFAULT_JURISDICTION for bare paths.

export interface Resolution {
  slug: string
  /** The `/{slug}` the URL carried ('' for bare paths): links and redirects keep it. */
  prefix: string
  /** How it was decided; 'default' on a host no mapping names (the home page then offers the other cities). */
  by: 'prefix' | 'host' | 'default'
}

/** The first path segment, without the `.data` suffix of Remix's single-fetch requests. */
export function firstSegment(pathname: string): string {
  const segment = pathname.split('/')[1] ?? ''
  return segment.replace(/\.data$/, '')
}

/** Parses `host=slug,host=slug` (JURISDICTION_HOSTS); host names lower-cased, ports kept off. */
export function parseHostMap(value: string | undefined): Map<string, string> {
  const map = new Map<string, string>()
  for (const pair of (value ?? '').split(',')) {
    const trimmed = pair.trim()
    if (!trimmed) continue
    const match = /^([a-z0-9.-]+)=([a-z0-9-]+)$/i.exec(trimmed)
    if (!match) throw new Error(`expected host=slug, got "${trimmed}"`)
    map.set(match[1]!.toLowerCase(), match[2]!.toLowerCase())
  }
  return map
}

export function resolveJurisdiction(
  request: { pathname: string; hostname: string },
  settings: { slugs: readonly string[]; hosts: ReadonlyMap<string, string>; defaultSlug: string },
): Resolution {
  const segment = firstSegment(request.pathname)
  if (segment && settings.slugs.includes(segment)) return { slug: segment, prefix: `/${segment}`, by: 'prefix' }
  const mapped = settings.hosts.get(request.hostname.toLowerCase())
  if (mapped) return { slug: mapped, prefix: '', by: 'host' }
  return { slug: settings.defaultSlug, prefix: '', by: 'default' }
}

/** `path` (absolute, starting with '/') under the prefix the current URL carries. */
export function publicPath(prefix: string, path: string): string {
  if (!prefix) return path
  return path === '/' ? prefix : `${prefix}${path}`
}

/** Staff pages: their header names the signed-in user's jurisdiction, not the public one. */
const STAFF_PATHS = ['/petugas', '/dasbor', '/admin']

export function isStaffPath(pathname: string): boolean {
  return STAFF_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`) || pathname.startsWith(`${p}.data`))
}
