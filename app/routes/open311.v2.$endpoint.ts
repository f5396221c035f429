// /open311/v2/{discovery,services,requests}.{json,xml} (Open311 GeoReport v2, ADR 019);
// POST requests.{json,xml} files a report with an API key.
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { readEndpoint, writeEndpoint, Open311Error } from '~/services/open311/endpoints.server'
import { fileOpen311Request } from '~/services/open311/filing.server'
import { discovery, listRequests, services } from '~/services/open311/read.server'

export function loader({ request, params }: LoaderFunctionArgs) {
  return readEndpoint(request, params.endpoint, (ctx, name, format) => {
    if (name === 'discovery') return discovery(ctx, format)
    if (name === 'services') return services(ctx, format)
    if (name === 'requests') return listRequests(ctx, format, new URL(request.url).searchParams, new Date())
    throw new Open311Error(404, ctx.t.open311.unknownEndpoint)
  })
}

export function action({ request, params }: ActionFunctionArgs) {
  return writeEndpoint(request, params.endpoint, (ctx, name, format, form) => {
    if (name !== 'requests' || request.method !== 'POST') throw new Open311Error(404, ctx.t.open311.unknownEndpoint)
    return fileOpen311Request(ctx, format, request, form, new Date())
  })
}
