// Open311 read endpoints: discovery, services, a service definition, requests (list,
// one) and the token look-up. Public data only (see models/open311.server.ts): the
// point rounded as on public pages, no contacts, confidential reports not found.
import {
  attributeForLocale,
  formatOpen311Datetime,
  open311MediaUrl,
  open311Status,
  parseRequestListQuery,
  SERVICE_FIELDS,
  type Open311Format,
  type Open311Request,
} from '~/domain/open311'
import { publicPoint } from '~/domain/public-location'
import { fill } from '~/i18n'
import { getOpen311Service, getPublicRequest, listOpen311Services, listPublicRequests, type PublicRequestRow } from '~/models/open311.server'
import { getDb } from '~/utils/db.server'
import { badParameter, type Open311Context } from './context.server'
import { answer, Open311Error, toXml } from './respond.server'

/** When this API's shape last changed (discovery's changeset). */
export const OPEN311_CHANGESET = '2026-11-23T00:00:00Z'
const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2'
const read = { publicRead: true }

export function discovery(ctx: Open311Context, format: Open311Format): Response {
  const endpoint = {
    specification: SPECIFICATION,
    url: `${ctx.origin}/open311/v2`,
    changeset: OPEN311_CHANGESET,
    type: 'production',
    formats: ['text/xml', 'application/json'],
  }
  const body = { changeset: OPEN311_CHANGESET, contact: ctx.jurisdiction.name, key_service: fill(ctx.t.open311.keyService, { name: ctx.jurisdiction.name }) }
  return answer(
    format,
    {
      json: { ...body, endpoints: [endpoint] },
      xml: () => toXml('discovery', { ...body, endpoints: { endpoint: [{ ...endpoint, formats: { format: endpoint.formats } }] } }),
    },
    read,
  )
}

type ServiceRow = Awaited<ReturnType<typeof listOpen311Services>>[number]

function toService(row: ServiceRow, ctx: Open311Context) {
  const values = {
    service_code: row.code,
    service_name: ctx.locale === 'en' ? row.name_en : row.name_id,
    description: ctx.locale === 'en' ? row.description_en : row.description_id,
    metadata: row.attributes.length > 0,
    type: 'realtime',
    keywords: row.keywords.join(', '),
    group: row.group_code,
  }
  return Object.fromEntries(SERVICE_FIELDS.map((f) => [f, values[f]]))
}

export async function services(ctx: Open311Context, format: Open311Format): Promise<Response> {
  const rows = (await listOpen311Services(await getDb(), ctx.jurisdiction.id)).map((r) => toService(r, ctx))
  return answer(format, { json: rows, xml: () => toXml('services', { service: rows }) }, read)
}

export async function serviceDefinition(ctx: Open311Context, format: Open311Format, code: string): Promise<Response> {
  const row = code.length <= 64 ? await getOpen311Service(await getDb(), ctx.jurisdiction.id, code) : undefined
  if (!row) throw new Open311Error(404, ctx.t.open311.unknownService)
  const attributes = [...row.attributes].sort((a, b) => a.order - b.order).map((a) => attributeForLocale(a, ctx.locale))
  return answer(
    format,
    {
      json: { service_code: row.code, attributes },
      xml: () =>
        toXml('service_definition', {
          service_code: row.code,
          attributes: { attribute: attributes.map((a) => ({ ...a, values: { value: a.values } })) },
        }),
    },
    read,
  )
}

/** One report as an Open311 request, in the spec's field order. */
export function toOpen311Request(row: PublicRequestRow, ctx: Open311Context): Open311Request {
  const zone = ctx.jurisdiction.time_zone
  const point = publicPoint({ lat: row.lat, lng: row.lng }, row.privacy)
  let notes = row.note
  if (row.status === 'rejected' && row.reject_reason) {
    const reason = fill(ctx.t.open311.rejectedNote, { reason: ctx.t.rejectReasons[row.reject_reason] })
    notes = notes ? `${reason} ${notes}` : reason
  } else if (row.status === 'duplicate') {
    notes = notes ?? ctx.t.open311.duplicateNote
  }
  const address = [row.address, row.kelurahan_name, row.kecamatan_name].filter((part) => part && part.trim() !== '').join(', ')
  const values: Open311Request = {
    service_request_id: row.code,
    status: open311Status(row.status),
    status_notes: notes,
    service_name: ctx.locale === 'en' ? row.service_name_en : row.service_name_id,
    service_code: row.service_code,
    description: row.description,
    agency_responsible: row.unit_name,
    service_notice: null,
    requested_datetime: formatOpen311Datetime(row.created_at, zone),
    updated_datetime: formatOpen311Datetime(row.updated_at, zone),
    expected_datetime: formatOpen311Datetime(row.resolution_due_at, zone),
    address: address || null,
    address_id: row.area_code,
    zipcode: null,
    lat: point?.lat ?? null,
    long: point?.lng ?? null,
    media_url: open311MediaUrl(ctx.origin, row.photo_key, row.media_url),
  }
  // `values` is written in REQUEST_FIELDS order (tests check the keys): a literal keeps a
  // fast object shape, where rebuilding it key by key cost ~1/3 of a 1,000-row answer.
  return values
}

function requestsAnswer(format: Open311Format, items: Open311Request[]) {
  return answer(format, { json: items, xml: () => toXml('service_requests', { request: items }) }, read)
}

export async function listRequests(ctx: Open311Context, format: Open311Format, params: URLSearchParams, now: Date): Promise<Response> {
  const parsed = parseRequestListQuery(params, now, ctx.jurisdiction.time_zone)
  if (!parsed.ok) throw badParameter(ctx.t, parsed.parameter)
  const rows = await listPublicRequests(await getDb(), ctx.jurisdiction.id, parsed.query)
  return requestsAnswer(
    format,
    rows.map((r) => toOpen311Request(r, ctx)),
  )
}

async function findRequest(ctx: Open311Context, code: string) {
  return code.length <= 64 ? getPublicRequest(await getDb(), ctx.jurisdiction.id, code) : undefined
}

/** GET requests/{id}: one request, as an array per the spec. */
export async function oneRequest(ctx: Open311Context, format: Open311Format, code: string): Promise<Response> {
  const row = await findRequest(ctx, code)
  if (!row) throw new Open311Error(404, ctx.t.open311.unknownRequest)
  return requestsAnswer(format, [toOpen311Request(row, ctx)])
}

/** Filing is realtime, so a token is the request's own code (ADR 019). */
export async function tokenLookup(ctx: Open311Context, format: Open311Format, token: string): Promise<Response> {
  const row = await findRequest(ctx, token)
  if (!row) throw new Open311Error(404, ctx.t.open311.unknownToken)
  const items = [{ service_request_id: row.code, token }]
  return answer(format, { json: items, xml: () => toXml('service_requests', { request: items }) }, read)
}
