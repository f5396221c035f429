// Links and form actions of public pages keep the `/{slug}` prefix the URL carries
// (several cities in one install, ADR 023). Client-safe: reads the root loader's data.
import { useRouteLoaderData } from '@remix-run/react'
import { publicPath } from '~/domain/jurisdiction-resolution'

export function usePublicPrefix(): string {
  const data = useRouteLoaderData('root') as { publicPrefix?: string } | undefined
  return data?.publicPrefix ?? ''
}

/** `path` (absolute) under the current jurisdiction prefix, e.g. /lapor → /kota-madiun/lapor. */
export function usePublicHref(path: string): string {
  return publicPath(usePublicPrefix(), path)
}
