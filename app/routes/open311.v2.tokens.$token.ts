// /open311/v2/tokens/{token}.{json,xml}: filing is realtime, so a token is the request's code.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { readEndpoint } from '~/services/open311/endpoints.server'
import { tokenLookup } from '~/services/open311/read.server'

export function loader({ request, params }: LoaderFunctionArgs) {
  return readEndpoint(request, params.token, (ctx, token, format) => tokenLookup(ctx, format, token))
}
