// /open311/v2/services/{service_code}.{json,xml}: a service definition with its attributes.
import type { LoaderFunctionArgs } from '@remix-run/node'
import { readEndpoint } from '~/services/open311/endpoints.server'
import { serviceDefinition } from '~/services/open311/read.server'

export function loader({ request, params }: LoaderFunctionArgs) {
  return readEndpoint(request, params.code, (ctx, code, format) => serviceDefinition(ctx, format, code))
}
