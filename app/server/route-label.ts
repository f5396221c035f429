// The route label for logs and metrics: the Remix route id the URL matches (e.g.
// "routes/laporan.$code"), never the raw URL, so metric labels stay few. Matching uses
// React Router's matcher (the one Remix itself uses) over the build's route manifest.
import type { ServerBuild } from '@remix-run/node'
import { matchRoutes, type AgnosticRouteObject } from '@remix-run/router'

export const UNMATCHED_ROUTE = '(unmatched)'
export const ASSET_ROUTE = '(static)'

type Manifest = ServerBuild['routes']

function routeTree(manifest: Manifest, parentId?: string): AgnosticRouteObject[] {
  return Object.values(manifest)
    .filter((route) => route?.parentId === parentId)
    .map((route) => {
      const children = routeTree(manifest, route!.id)
      return route!.index
        ? { id: route!.id, path: route!.path, index: true as const, caseSensitive: route!.caseSensitive }
        : { id: route!.id, path: route!.path, caseSensitive: route!.caseSensitive, children }
    })
}

const trees = new WeakMap<Manifest, AgnosticRouteObject[]>()

export function routeLabel(manifest: Manifest, pathname: string): string {
  if (pathname.startsWith('/assets/')) return ASSET_ROUTE
  let tree = trees.get(manifest)
  if (!tree) {
    tree = routeTree(manifest)
    trees.set(manifest, tree)
  }
  const matches = matchRoutes(tree, pathname)
  return matches?.at(-1)?.route.id ?? UNMATCHED_ROUTE
}
