// The `/{slug}/…` layout (registered in remix.config.js, not by file name): the public
// pages of every jurisdiction under a path prefix, in every install (ADR 023). The
// pages themselves read the jurisdiction from the URL (getPublicJurisdiction); this
// layout only turns an unknown slug into a 404.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet } from '@remix-run/react'
import { GeneralErrorBoundary } from '~/components/general-error-boundary'
import { requireKnownPrefix } from '~/utils/jurisdiction.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireKnownPrefix(request, params.jurisdiction)
  return null
}

export default function JurisdictionPrefix() {
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
