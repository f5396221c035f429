// /open311/v2/requests/{service_request_id}.{json,xml}: one public request, as an array.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { readEndpoint } from '~/services/open311/endpoints.server'
import { oneRequest } from '~/services/open311/read.server'

export function loader({ request, params }: LoaderFunctionArgs) {
  return readEndpoint(request, params.id, (ctx, code, format) => oneRequest(ctx, format, code))
}
