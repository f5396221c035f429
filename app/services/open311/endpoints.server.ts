// The glue the thin /open311/v2 routes share: the format from the `.json`/`.xml` suffix,
// the context, and the spec's error answers for whatever goes wrong on the client's side.
import { splitFormat, type Open311Format } from '~/domain/open311'
import { readRequestForm } from '~/utils/request-form.server'
import { open311Context, open311Locale, type Open311Context } from './context.server'
import { open311Endpoint, Open311Error } from './respond.server'

/** A GET endpoint `segment` = `{name}.{json|xml}`; an unknown suffix answers 404 in JSON. */
export function readEndpoint(
  request: Request,
  segment: string | undefined,
  run: (ctx: Open311Context, name: string, format: Open311Format) => Promise<Response> | Response,
) {
  const target = splitFormat(segment ?? '')
  const params = new URL(request.url).searchParams
  return open311Endpoint(target?.format ?? 'json', true, async () => {
    const { t } = open311Locale(request, params.get('locale'))
    // The server's URL guard refuses these first; kept here too, as PostgreSQL refuses NUL in text.
    if (/%00|\0/i.test(request.url)) throw new Open311Error(400, t.open311.badParameter.replace('{name}', 'URL'))
    if (!target) throw new Open311Error(404, t.open311.unknownEndpoint)
    return run(await open311Context(request, (name) => params.get(name)), target.name, target.format)
  })
}

/** A POST endpoint: the form read safely (4xx, never 500), parameters from the body or the query. */
export function writeEndpoint(
  request: Request,
  segment: string | undefined,
  run: (ctx: Open311Context, name: string, format: Open311Format, form: FormData) => Promise<Response>,
) {
  const target = splitFormat(segment ?? '')
  const params = new URL(request.url).searchParams
  return open311Endpoint(target?.format ?? 'json', false, async () => {
    const { t } = open311Locale(request, params.get('locale'))
    if (!target) throw new Open311Error(404, t.open311.unknownEndpoint)
    let form: FormData
    try {
      form = await readRequestForm(request)
    } catch (error) {
      if (error instanceof Response && (error.status === 400 || error.status === 413 || error.status === 415)) {
        throw new Open311Error(error.status, t.open311.badParameter.replace('{name}', 'body'))
      }
      throw error
    }
    const param = (name: string) => {
      const value = form.get(name)
      return typeof value === 'string' ? value : params.get(name)
    }
    return run(await open311Context(request, param), target.name, target.format, form)
  })
}

export { Open311Error }
