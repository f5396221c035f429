// POST requests.{json,xml}: a third-party app files a report with an API key. It goes
// through the web form's own path (services/report-filing submitReport → fileReport), so
// routing, SLA clocks, privacy and notifications are the same; only the source differs.
// media_url is accepted and ignored: fetching a URL a client names would let it make
// this server call anything on its network (SSRF). See ADR 019.
import { z } from 'zod'
import { attributeFields, checkAttributes } from '~/domain/open311'
import { checkPhone } from '~/domain/phone'
import { PRIVACY_LEVELS } from '~/domain/vocabulary'
import { fill, type Dictionary } from '~/i18n'
import { verifyApiKey } from '~/models/api-key.server'
import { findKelurahanByCode, getOpen311Service } from '~/models/open311.server'
import { submitReport, type FilingOutcome } from '~/services/report-filing.server'
import { randomToken } from '~/utils/crypto.server'
import { getDb } from '~/utils/db.server'
import { consumeLimitFor, retryAfterHeaders } from '~/utils/rate-limit.server'
import { badParameter, type Open311Context } from './context.server'
import { answer, Open311Error, toXml } from './respond.server'
import type { Open311Format } from '~/domain/open311'

/** The documented client key header: the same key with the same content files once. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key'
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._-]{8,100}$/

const optionalText = (max: number) => z.string().trim().max(max).optional()

function fieldsSchema(t: Dictionary) {
  return z.object({
    service_code: z.string().trim().min(1).max(64),
    lat: z.coerce.number().finite().min(-90).max(90).optional(),
    long: z.coerce.number().finite().min(-180).max(180).optional(),
    address_string: optionalText(300),
    address_id: optionalText(64),
    description: z.string().trim().min(10, t.validation.descriptionTooShort).max(2000, t.validation.descriptionTooLong),
    email: z.email({ error: t.validation.email }).max(254, t.validation.email).optional(),
    phone: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return undefined
        const phone = checkPhone(value)
        if (!phone.ok) ctx.addIssue({ code: 'custom', message: phone.reason === 'landline' ? t.validation.phoneLandline : t.validation.phone })
        return phone.ok ? phone.e164 : undefined
      }),
    first_name: optionalText(60),
    last_name: optionalText(60),
    // Extension: the web form's privacy choice; public when absent (the category's rule still applies).
    privacy: z.enum(PRIVACY_LEVELS).optional(),
    // Accepted per the spec, not stored: device_id and account_id identify nothing we use;
    // media_url is never fetched (SSRF).
    device_id: optionalText(200),
    account_id: optionalText(200),
    media_url: optionalText(2000),
  })
}

/** The plain fields of the form (attribute[…] apart); empty values count as absent. */
function plainFields(form: FormData) {
  const out: Record<string, string> = {}
  for (const [name, value] of form) {
    if (typeof value !== 'string' || name.startsWith('attribute[')) continue
    if (value.trim() !== '' && !(name in out)) out[name] = value
  }
  return out
}

const REFUSALS: Record<Exclude<FilingOutcome, { ok: true }>['reason'], keyof Dictionary['open311']> = {
  location_mismatch: 'locationMismatch',
  location_outside: 'locationOutside',
  unknown_kelurahan: 'unknownAddressId',
  unknown_category: 'unknownService',
  photo_unreadable: 'badParameter',
  photo_too_many_pixels: 'badParameter',
  photo_busy: 'badParameter',
  nearby: 'badParameter', // never reached: Open311 files with confirmNew
}

export async function fileOpen311Request(ctx: Open311Context, format: Open311Format, request: Request, form: FormData, now: Date): Promise<Response> {
  const { t } = ctx
  const db = await getDb()
  const rawKey = form.get('api_key')
  const key = typeof rawKey === 'string' ? await verifyApiKey(db, rawKey, now) : null
  // A key of another city is as bad as none: it was not issued for this jurisdiction.
  if (!key || key.jurisdictionId !== ctx.jurisdiction.id) throw new Open311Error(403, t.open311.badKey)
  const limited = await consumeLimitFor('open311', `key:${key.id}`)
  if (limited) throw new Open311Error(429, fill(t.open311.rateLimited, { seconds: limited.retryAfterSeconds }), retryAfterHeaders(limited))

  const clientKey = request.headers.get(IDEMPOTENCY_HEADER)
  if (clientKey !== null && !IDEMPOTENCY_KEY.test(clientKey)) throw new Open311Error(400, t.open311.idempotencyKey)

  const parsed = fieldsSchema(t).safeParse(plainFields(form))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const name = String(issue.path[0] ?? 'request')
    throw badParameter(t, name, issue.code === 'custom' || name === 'description' || name === 'email' ? issue.message : undefined)
  }
  const fields = parsed.data

  const service = await getOpen311Service(db, ctx.jurisdiction.id, fields.service_code)
  if (!service) throw new Open311Error(400, t.open311.unknownService)
  const attributes = checkAttributes(service.attributes, attributeFields([...form].filter((e): e is [string, string] => typeof e[1] === 'string')))
  if (!attributes.ok) {
    const message = { unknown: t.open311.attributeUnknown, required: t.open311.attributeRequired, invalid: t.open311.attributeInvalid }[attributes.problem]
    throw new Open311Error(400, fill(message, { code: attributes.code }))
  }

  if ((fields.lat === undefined) !== (fields.long === undefined)) throw badParameter(t, fields.lat === undefined ? 'lat' : 'long')
  const point = fields.lat !== undefined && fields.long !== undefined ? { lat: fields.lat, lng: fields.long } : null
  let areaId: number | undefined
  if (fields.address_id) {
    const kelurahan = await findKelurahanByCode(db, ctx.jurisdiction.id, fields.address_id)
    if (!kelurahan) throw new Open311Error(400, t.open311.unknownAddressId)
    areaId = kelurahan.id
  }
  if (!point && areaId === undefined) throw new Open311Error(400, t.open311.locationRequired)

  const name = [fields.first_name, fields.last_name].filter(Boolean).join(' ') || null
  const contact = name || fields.email || fields.phone ? { name, email: fields.email ?? null, phone: fields.phone ?? null } : null
  const outcome = await submitReport({
    jurisdiction: ctx.jurisdiction,
    categoryId: service.id,
    areaId,
    point,
    description: fields.description,
    address: fields.address_string ?? null,
    privacy: fields.privacy ?? 'public',
    contact,
    // Bound to the key: one app's Idempotency-Key never replays another app's report.
    idempotencyKey: `open311:${key.id}:${clientKey ?? randomToken(16)}`,
    browserId: `open311-key:${key.id}`,
    now,
    locale: ctx.locale,
    files: [],
    // A machine client has no "saya juga" step to show: it files (ADR 022 applies to people).
    confirmNew: true,
    source: 'open311',
    attributes: Object.keys(attributes.values).length ? attributes.values : null,
  })
  if (!outcome.ok) throw new Open311Error(400, fill(t.open311[REFUSALS[outcome.reason]], { name: 'media' }))

  const code = outcome.filed.code
  const items = [
    {
      service_request_id: code,
      service_notice: fill(t.open311.serviceNotice, { code, url: `${ctx.origin}/laporan/${code}` }),
      account_id: null,
    },
  ]
  return answer(format, { json: items, xml: () => toXml('service_requests', { request: items }) }, { status: outcome.filed.replayed ? 200 : 201 })
}
