// Open311 GeoReport v2 server (issue 9 §1, §4): every JSON answer validated with Ajv
// against the spec's schemas, every XML answer parsed back and compared with the JSON,
// parameters/defaults/limits/errors table-driven, privacy, filing, replay, rate limit.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDatabase } from '#db/demo'
import { DEMO_OPEN311_KEY } from '#db/seed-data/demo-staff'
import { createApiKey, revokeApiKey, verifyApiKey } from '~/models/api-key.server'
import { applyReportAction, fileReport } from '~/models/report.server'
import { listQueue } from '~/models/staff-report.server'
import { action as endpointAction, loader as endpointLoader } from '~/routes/open311.v2.$endpoint'
import { loader as requestLoader } from '~/routes/open311.v2.requests.$id'
import { loader as serviceLoader } from '~/routes/open311.v2.services.$code'
import { loader as tokenLoader } from '~/routes/open311.v2.tokens.$token'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { generateFuzzRequests } from '../e2e/fuzz-requests'
import { countReports, ORIGIN } from '../support/routes'

// Read when the app first asks for its configuration (after these lines).
process.env.RATE_LIMIT_OPEN311 = '30/600'

const KEY = 'mly_test_open311_key_0001'
const LIMITED_KEY = 'mly_test_open311_key_0002'
const MADIUN_KEY = 'mly_test_open311_key_0003'
const SECRET = { email: 'rahasia.pelapor@example.com', phone: '+6281234567890', name: 'Siti Rahasia' }

let t: TestDatabase
const reports: Record<'public' | 'anonymous' | 'confidential' | 'rejected' | 'duplicate' | 'old' | 'tree', string> = {} as never
let supervisorId = 0
let malang: { id: number; time_zone: string; code_prefix: string }
let ids: { pju: number; tree: number; perilaku: number; arjosari: number; pjuUnit: number }

// ---------- Ajv against the copied schemas ----------
const schemaDir = join(import.meta.dirname, '../fixtures/open311-schema')
const ajv = new Ajv({ strict: false, allErrors: true })
addFormats(ajv)
for (const name of ['request', 'requests', 'service', 'services', 'service-definition']) {
  ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, `${name}.json`), 'utf8')), `${name}.json`)
}
function validate(schema: string, body: unknown) {
  const check = ajv.getSchema(`${schema}.json`)!
  const ok = check(body)
  expect(ok, JSON.stringify(check.errors)).toBe(true)
}

// ---------- XML parsed back and compared with JSON ----------
const xmlParser = new XMLParser({
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (name) => ['request', 'service', 'attribute', 'value', 'error', 'endpoint', 'format'].includes(name),
})
/** The spec's XML wraps lists (`<endpoints><endpoint>…`): unwrap them to compare with the JSON arrays. */
const WRAPPED: Record<string, string> = { endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value' }
function unwrapXml(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapXml)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      const inner = WRAPPED[k] && v && typeof v === 'object' ? (v as Record<string, unknown>)[WRAPPED[k]] : undefined
      return [k, unwrapXml(inner ?? (WRAPPED[k] && v === '' ? [] : v))]
    }),
  )
}
/** JSON as XML can say it: null → '', numbers and booleans as text. */
function asXmlText(value: unknown): unknown {
  if (value === null) return ''
  if (Array.isArray(value)) return value.map(asXmlText)
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, asXmlText(v)]))
  return String(value)
}

// ---------- calling the routes ----------
type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response> | Response
function route(path: string): { fn: Loader; params: Record<string, string> } {
  const rest = path.replace(/^\/open311\/v2\//, '')
  const [first, second] = rest.split('/')
  if (second === undefined) return { fn: endpointLoader as Loader, params: { endpoint: first! } }
  if (first === 'services') return { fn: serviceLoader as Loader, params: { code: second } }
  if (first === 'requests') return { fn: requestLoader as Loader, params: { id: second } }
  return { fn: tokenLoader as Loader, params: { token: second } }
}

const bodies: string[] = []
async function get(path: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const url = `${ORIGIN}${path}?${new URLSearchParams(query)}`
  const { fn, params } = route(path)
  const response = await fn({ request: new Request(url, { headers }), params, context: {} })
  const text = await response.text()
  bodies.push(text)
  return { status: response.status, text, headers: response.headers }
}

/** GET the .json and .xml of an endpoint; the JSON validated, the XML equal to it. */
async function getBoth(base: string, root: string, item: string, schema: string | null, query: Record<string, string> = {}) {
  const json = await get(`${base}.json`, query)
  const xml = await get(`${base}.xml`, query)
  expect(json.headers.get('Content-Type')).toMatch(/^application\/json/)
  expect(xml.headers.get('Content-Type')).toMatch(/^text\/xml/)
  expect(xml.status).toBe(json.status)
  const body = JSON.parse(json.text) as unknown
  if (schema && json.status === 200) validate(schema, body)
  const parsed = xmlParser.parse(xml.text) as Record<string, Record<string, unknown>>
  const fromXml = item ? (parsed[root]?.[item] ?? []) : parsed[root]
  expect(unwrapXml(fromXml)).toEqual(asXmlText(body))
  return { status: json.status, body: body as any, headers: json.headers }
}

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const request = new Request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers })
  return (endpointAction as Loader)({ request, params: { endpoint: path.split('/').pop()! }, context: {} })
}
async function postJson(fields: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await post('/open311/v2/requests.json', fields, headers)
  const text = await response.text()
  bodies.push(text)
  return { status: response.status, body: JSON.parse(text) as any, headers: response.headers }
}
const filing = (extra: Record<string, string> = {}) => ({
  api_key: KEY,
  service_code: 'pju',
  address_id: '35.73.01.1002',
  description: 'Lampu jalan mati di depan gang lima sejak kemarin malam.',
  ...extra,
})

async function file(categoryId: number, privacy: 'public' | 'anonymous' | 'confidential', now: Date, contact = true) {
  return t.db.transaction().execute((trx) =>
    fileReport(trx, {
      jurisdiction: malang,
      categoryId,
      areaId: ids.arjosari,
      description: `Laporan uji ${privacy} ${now.toISOString()} dengan cukup kata.`,
      address: 'Jl. Uji No. 1',
      lat: -7.93912,
      lng: 112.64567,
      privacy,
      contact: contact ? SECRET : null,
      idempotencyKey: `k-${Math.random()}`,
      browserId: `b-${Math.random()}`,
      now,
    }),
  )
}

async function act(code: string, action: Parameters<typeof applyReportAction>[1]['action'], body: string | null, now: Date) {
  const r = await t.db.selectFrom('reports').select(['id', 'version']).where('code', '=', code).executeTakeFirstOrThrow()
  await t.db
    .transaction()
    .execute((trx) =>
      applyReportAction(trx, { reportId: r.id, expectedVersion: r.version, action, actor: { kind: 'supervisor', userId: supervisorId }, body, now }),
    )
}

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  malang = await t.db.selectFrom('jurisdictions').select(['id', 'time_zone', 'code_prefix']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const madiun = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-madiun').executeTakeFirstOrThrow()
  const cat = async (code: string) =>
    (await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', malang.id).where('code', '=', code).executeTakeFirstOrThrow()).id
  const arjosari = await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1002').executeTakeFirstOrThrow()
  const pjuUnit = await t.db
    .selectFrom('units')
    .select('id')
    .where('jurisdiction_id', '=', malang.id)
    .where('key', '=', 'dpuprpkp-pju')
    .executeTakeFirstOrThrow()
  ids = { pju: await cat('pju'), tree: await cat('pohon_tumbang'), perilaku: await cat('perilaku_asn'), arjosari: arjosari.id, pjuUnit: pjuUnit.id }
  const dpuprpkp = await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', malang.id).where('key', '=', 'dpuprpkp').executeTakeFirstOrThrow()
  supervisorId = (
    await t.db
      .insertInto('users')
      .values({
        jurisdiction_id: malang.id,
        email: 'kepala@test.local',
        name: 'Kepala',
        password_hash: '$argon2id$v=19$m=19456,t=2,p=1$x$y',
        role: 'supervisor',
        unit_id: dpuprpkp.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await createApiKey(t.db, { jurisdictionId: malang.id, name: 'uji', createdByUserId: null, key: KEY })
  await createApiKey(t.db, { jurisdictionId: malang.id, name: 'uji terbatas', createdByUserId: null, key: LIMITED_KEY })
  await createApiKey(t.db, { jurisdictionId: madiun.id, name: 'madiun', createdByUserId: null, key: MADIUN_KEY })

  const now = Date.now()
  const ago = (days: number) => new Date(now - days * 86_400_000)
  reports.old = (await file(ids.pju, 'public', ago(120))).code
  reports.public = (await file(ids.pju, 'public', ago(10))).code
  reports.anonymous = (await file(ids.pju, 'anonymous', ago(9))).code
  reports.confidential = (await file(ids.perilaku, 'confidential', ago(8))).code
  reports.rejected = (await file(ids.pju, 'public', ago(7))).code
  reports.duplicate = (await file(ids.pju, 'public', ago(6))).code
  reports.tree = (await file(ids.tree, 'public', ago(5), false)).code
  await act(reports.rejected, { type: 'reject', reason: 'spam' }, 'Isi laporan tidak berkaitan dengan layanan.', ago(6.5))
  // Duplicates are marked by the duplicate workflow (issue 7); here only the status matters.
  const original = await t.db.selectFrom('reports').select('id').where('code', '=', reports.public).executeTakeFirstOrThrow()
  await t.db.updateTable('reports').set({ status: 'duplicate', duplicate_of_id: original.id }).where('code', '=', reports.duplicate).execute()
  const publicReport = await t.db.selectFrom('reports').select('id').where('code', '=', reports.public).executeTakeFirstOrThrow()
  await t.db
    .insertInto('attachments')
    .values({ report_id: publicReport.id, phase: 'before', storage_key: 'foto-uji.jpg', content_type: 'image/jpeg', size_bytes: 10, width: 1, height: 1 })
    .execute()
})
afterAll(() => t?.close())

describe('discovery and services', () => {
  it('discovery lists the v2 endpoint in both formats', async () => {
    const { status, body } = await getBoth('/open311/v2/discovery', 'discovery', '', null)
    expect(status).toBe(200)
    expect(body.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${ORIGIN}/open311/v2` })
  })

  it('services: one per active category, metadata where attributes exist, names per locale', async () => {
    const id = await getBoth('/open311/v2/services', 'services', 'service', 'services')
    const active = await t.db.selectFrom('categories').select('code').where('jurisdiction_id', '=', malang.id).where('active', '=', true).execute()
    expect(id.body.map((s: any) => s.service_code).sort()).toEqual(active.map((c) => c.code).sort())
    const pju = id.body.find((s: any) => s.service_code === 'pju')
    expect(Object.keys(pju)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'])
    expect(pju).toMatchObject({ metadata: true, type: 'realtime', group: 'infrastruktur' })
    expect(id.body.find((s: any) => s.service_code === 'jalan_rusak').metadata).toBe(false)
    const en = await get('/open311/v2/services.json', {}, { 'Accept-Language': 'en-GB,en;q=0.9,id;q=0.5' })
    expect(JSON.parse(en.text).find((s: any) => s.service_code === 'pju').service_name).toBe('Street light out or damaged')
    const byParam = await get('/open311/v2/services.json', { locale: 'en' }, { 'Accept-Language': 'id' })
    expect(JSON.parse(byParam.text)[0].service_name).not.toBe(pju.service_name)
    expect(en.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })

  it('service definitions carry the seeded attributes', async () => {
    const tree = await getBoth('/open311/v2/services/pohon_tumbang', 'service_definition', '', 'service-definition')
    expect(tree.body.attributes).toEqual([
      expect.objectContaining({
        code: 'menghalangi_jalan',
        datatype: 'singlevaluelist',
        values: [
          { key: 'ya', name: 'Ya' },
          { key: 'tidak', name: 'Tidak' },
        ],
      }),
    ])
    const pju = await getBoth('/open311/v2/services/pju', 'service_definition', '', 'service-definition')
    expect(pju.body.attributes[0]).toMatchObject({ code: 'nomor_tiang', datatype: 'string', required: false, variable: true })
  })
})

describe('GET requests', () => {
  const codesOf = (body: any[]) => body.map((r) => r.service_request_id as string)

  it('fields in the spec order; defaults: last 90 days, newest first', async () => {
    const { body } = await getBoth('/open311/v2/requests', 'service_requests', 'request', 'requests')
    expect(Object.keys(body[0])).toEqual([
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'expected_datetime',
      'address',
      'address_id',
      'zipcode',
      'lat',
      'long',
      'media_url',
    ])
    const codes = codesOf(body)
    expect(codes).not.toContain(reports.old)
    expect(codes.indexOf(reports.tree)).toBeLessThan(codes.indexOf(reports.public))
    expect(body[0].requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/)
  })

  it('public point rounded, anonymous without a point, first public photo as an absolute URL', async () => {
    const { body } = await getBoth('/open311/v2/requests', 'service_requests', 'request', 'requests', {
      service_request_id: `${reports.public},${reports.anonymous}`,
    })
    const pub = body.find((r: any) => r.service_request_id === reports.public)
    const anon = body.find((r: any) => r.service_request_id === reports.anonymous)
    expect([pub.lat, pub.long]).toEqual([-7.939, 112.646])
    expect([anon.lat, anon.long]).toEqual([null, null])
    expect(pub.media_url).toBe(`${ORIGIN}/foto/foto-uji.jpg`)
    expect(pub).toMatchObject({ status: 'open', address_id: '35.73.01.1002', agency_responsible: expect.any(String) })
  })

  it('rejected → closed with its public reason; duplicate → closed', async () => {
    const { body } = await getBoth('/open311/v2/requests', 'service_requests', 'request', 'requests', {
      service_request_id: `${reports.rejected},${reports.duplicate}`,
    })
    const rejected = body.find((r: any) => r.service_request_id === reports.rejected)
    expect(rejected.status).toBe('closed')
    expect(rejected.status_notes).toBe('Ditolak: Bukan laporan (spam). Isi laporan tidak berkaitan dengan layanan.')
    expect(body.find((r: any) => r.service_request_id === reports.duplicate).status).toBe('closed')
  })

  const now = Date.now()
  const iso = (daysAgo: number) => new Date(now - daysAgo * 86_400_000).toISOString()
  const table: { name: string; query: () => Record<string, string>; has: (keyof typeof reports)[]; lacks: (keyof typeof reports)[] }[] = [
    { name: 'start_date alone: the 90 days after it', query: () => ({ start_date: iso(130) }), has: ['old'], lacks: ['public'] },
    { name: 'a wide start and end', query: () => ({ start_date: iso(130), end_date: iso(0) }), has: ['old', 'public'], lacks: [] },
    { name: 'end_date alone: the 90 days before it', query: () => ({ end_date: iso(100) }), has: ['old'], lacks: ['public'] },
    { name: 'start and end', query: () => ({ start_date: iso(9.5), end_date: iso(8.5) }), has: ['anonymous'], lacks: ['public', 'tree'] },
    { name: 'service_code', query: () => ({ service_code: 'pohon_tumbang' }), has: ['tree'], lacks: ['public'] },
    { name: 'status=closed', query: () => ({ status: 'closed' }), has: ['rejected', 'duplicate'], lacks: ['public'] },
    { name: 'status=open', query: () => ({ status: 'open' }), has: ['public', 'tree'], lacks: ['rejected'] },
    { name: 'service_request_id overrides other filters', query: () => ({ service_request_id: reports.old, status: 'closed' }), has: ['old'], lacks: [] },
    { name: 'updated_after (no default window)', query: () => ({ updated_after: iso(200) }), has: ['old', 'public'], lacks: [] },
    { name: 'jurisdiction_id by slug', query: () => ({ jurisdiction_id: 'kota-malang' }), has: ['public'], lacks: [] },
    { name: 'jurisdiction_id by Open311 id', query: () => ({ jurisdiction_id: 'malangkota.go.id' }), has: ['public'], lacks: [] },
    { name: 'another jurisdiction', query: () => ({ jurisdiction_id: 'kota-madiun' }), has: [], lacks: ['public'] },
  ]
  it.each(table)('filter: $name', async ({ query, has, lacks }) => {
    const { status, body } = await getBoth('/open311/v2/requests', 'service_requests', 'request', 'requests', query())
    expect(status).toBe(200)
    for (const k of has) expect(codesOf(body)).toContain(reports[k])
    for (const k of lacks) expect(codesOf(body)).not.toContain(reports[k])
  })

  it('page and page_size page through newest first; updated_after oldest change first', async () => {
    const all = codesOf((await getBoth('/open311/v2/requests', 'service_requests', 'request', 'requests')).body)
    const first = codesOf((await getBoth('/open311/v2/requests', 'service_requests', 'request', 'requests', { page_size: '2' })).body)
    const second = codesOf((await getBoth('/open311/v2/requests', 'service_requests', 'request', 'requests', { page_size: '2', page: '2' })).body)
    expect([...first, ...second]).toEqual(all.slice(0, 4))
    const sync = (await getBoth('/open311/v2/requests', 'service_requests', 'request', 'requests', { updated_after: iso(200) })).body
    const times = sync.map((r: any) => Date.parse(r.updated_datetime))
    expect(times).toEqual([...times].sort((a, b) => a - b))
  })

  const errors: { name: string; path: string; query: Record<string, string>; status: number }[] = [
    { name: 'bad start_date', path: '/open311/v2/requests', query: { start_date: 'kemarin' }, status: 400 },
    { name: 'impossible date', path: '/open311/v2/requests', query: { end_date: '2026-02-31' }, status: 400 },
    { name: 'end before start', path: '/open311/v2/requests', query: { start_date: '2026-05-01', end_date: '2026-04-01' }, status: 400 },
    { name: 'bad updated_after', path: '/open311/v2/requests', query: { updated_after: '2026-13-01T00:00:00Z' }, status: 400 },
    { name: 'bad status', path: '/open311/v2/requests', query: { status: 'pending' }, status: 400 },
    { name: 'page_size over 1000', path: '/open311/v2/requests', query: { page_size: '1001' }, status: 400 },
    { name: 'page 0', path: '/open311/v2/requests', query: { page: '0' }, status: 400 },
    { name: 'service_code with odd characters', path: '/open311/v2/requests', query: { service_code: "pju'--" }, status: 400 },
    { name: 'wrong jurisdiction', path: '/open311/v2/requests', query: { jurisdiction_id: 'kota-atlantis' }, status: 400 },
    { name: 'unknown service', path: '/open311/v2/services/tidak_ada', query: {}, status: 404 },
    { name: 'unknown request', path: '/open311/v2/requests/MLG-TIDAK-ADA', query: {}, status: 404 },
    { name: 'unknown token', path: '/open311/v2/tokens/XYZ', query: {}, status: 404 },
    { name: 'confidential request', path: '/open311/v2/requests/{confidential}', query: {}, status: 404 },
    { name: 'unknown endpoint', path: '/open311/v2/laporan', query: {}, status: 404 },
  ]
  it.each(errors)('error: $name → $status in the spec format', async ({ path, query, status }) => {
    const base = path.replace('{confidential}', reports.confidential)
    const json = await get(`${base}.json`, query)
    expect(json.status).toBe(status)
    const body = JSON.parse(json.text)
    expect(body).toEqual([{ code: status, description: expect.any(String) }])
    if (!path.endsWith('/laporan')) {
      const xml = await get(`${base}.xml`, query)
      expect(xml.status).toBe(status)
      expect(xmlParser.parse(xml.text)).toEqual({ errors: { error: [{ code: String(status), description: body[0].description }] } })
    }
  })

  it('one request by id, as an array; the token look-up answers its code', async () => {
    const one = await getBoth(`/open311/v2/requests/${reports.public}`, 'service_requests', 'request', 'requests')
    expect(one.body).toHaveLength(1)
    expect(one.body[0].service_request_id).toBe(reports.public)
    const token = await getBoth(`/open311/v2/tokens/${reports.public}`, 'service_requests', 'request', null)
    expect(token.body).toEqual([{ service_request_id: reports.public, token: reports.public }])
  })
})

describe('POST requests', () => {
  it('files a report the officer sees in the queue, source open311, attributes kept, contact private', async () => {
    const before = await countReports(t.db)
    const { status, body, headers } = await postJson(
      filing({ email: 'warga@example.com', first_name: 'Budi', last_name: 'Santoso', 'attribute[nomor_tiang]': 'PJU-0042' }),
    )
    expect(status).toBe(201)
    expect(headers.get('Access-Control-Allow-Origin')).toBeNull()
    expect(body).toEqual([{ service_request_id: expect.stringMatching(/^MLG-/), service_notice: expect.any(String), account_id: null }])
    expect(await countReports(t.db)).toBe(before + 1)
    const code = body[0].service_request_id
    const row = await t.db
      .selectFrom('reports')
      .select(['id', 'source', 'attributes', 'current_unit_id', 'privacy'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({ source: 'open311', attributes: { nomor_tiang: 'PJU-0042' }, privacy: 'public' })
    const contact = await t.db.selectFrom('report_contacts').selectAll().where('report_id', '=', row.id).executeTakeFirstOrThrow()
    expect(contact).toMatchObject({ name: 'Budi Santoso', email: 'warga@example.com' })
    const queue = await listQueue(t.db, { jurisdictionId: malang.id, unitIds: [row.current_unit_id], wholeJurisdiction: false, readOnly: false })
    expect(queue.map((r) => r.code)).toContain(code)
    const shown = await get(`/open311/v2/requests/${code}.json`)
    expect(shown.text).not.toContain('warga@example.com')
    expect(shown.text).not.toContain('Budi')
  })

  it('the same Idempotency-Key with the same content files once', async () => {
    const headers = { 'Idempotency-Key': 'app-req-000123' }
    const first = await postJson(filing({ description: 'Lampu di tikungan padam total sejak Senin malam.' }), headers)
    const before = await countReports(t.db)
    const again = await postJson(filing({ description: 'Lampu di tikungan padam total sejak Senin malam.' }), headers)
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(again.body[0].service_request_id).toBe(first.body[0].service_request_id)
    expect(await countReports(t.db)).toBe(before)
  })

  const refusals: { name: string; fields: Record<string, string>; status: number; headers?: Record<string, string> }[] = [
    { name: 'no api_key', fields: filing({ api_key: '' }), status: 403 },
    { name: 'bad api_key', fields: filing({ api_key: 'mly_salah' }), status: 403 },
    { name: "another city's key", fields: filing({ api_key: MADIUN_KEY }), status: 403 },
    { name: 'unknown service_code', fields: filing({ service_code: 'tidak_ada' }), status: 400 },
    { name: 'no location', fields: filing({ address_id: '' }), status: 400 },
    { name: 'address_string alone', fields: filing({ address_id: '', address_string: 'Jl. Soekarno Hatta' }), status: 400 },
    { name: 'unknown address_id', fields: filing({ address_id: '35.77.01.1001' }), status: 400 },
    { name: 'lat without long', fields: filing({ lat: '-7.95' }), status: 400 },
    { name: 'point outside the city', fields: filing({ address_id: '', lat: '-6.2', long: '106.8' }), status: 400 },
    { name: 'short description', fields: filing({ description: 'mati' }), status: 400 },
    { name: 'bad email', fields: filing({ email: 'bukan-email' }), status: 400 },
    { name: 'unknown attribute', fields: filing({ 'attribute[warna]': 'merah' }), status: 400 },
    { name: 'value outside the list', fields: filing({ service_code: 'pohon_tumbang', 'attribute[menghalangi_jalan]': 'mungkin' }), status: 400 },
    { name: 'wrong jurisdiction', fields: filing({ jurisdiction_id: 'kota-atlantis' }), status: 400 },
    { name: 'bad Idempotency-Key', fields: filing(), status: 400, headers: { 'Idempotency-Key': 'x' } },
  ]
  it.each(refusals)('refused: $name → $status, nothing written', async ({ fields, status, headers }) => {
    const before = await countReports(t.db)
    const response = await postJson(fields, headers)
    expect(response.status).toBe(status)
    expect(response.body).toEqual([{ code: status, description: expect.any(String) }])
    expect(await countReports(t.db)).toBe(before)
  })

  it('a point decides the kelurahan; a valid list value is kept', async () => {
    const { status, body } = await postJson(
      filing({ service_code: 'pohon_tumbang', address_id: '', lat: '-7.93912', long: '112.64567', 'attribute[menghalangi_jalan]': 'ya' }),
    )
    expect(status).toBe(201)
    const row = await t.db.selectFrom('reports').select(['attributes', 'area_id']).where('code', '=', body[0].service_request_id).executeTakeFirstOrThrow()
    expect(row.attributes).toEqual({ menghalangi_jalan: 'ya' })
    expect(row.area_id).not.toBeNull()
  })

  it('XML answer for POST requests.xml', async () => {
    const response = await post('/open311/v2/requests.xml', filing({ description: 'Lampu taman kota padam di sisi utara.' }))
    expect(response.status).toBe(201)
    const parsed = xmlParser.parse(await response.text())
    expect(parsed.service_requests.request[0].service_request_id).toMatch(/^MLG-/)
  })

  it('a control character in a description still gives well-formed XML', async () => {
    const { body } = await postJson(filing({ description: 'Lampu mati\u0007 dan\u000b tiang miring di gang.' }))
    const xml = await get(`/open311/v2/requests/${body[0].service_request_id}.xml`)
    expect(xml.status).toBe(200)
    expect(XMLValidator.validate(xml.text)).toBe(true)
    // XML 1.0 has no way to carry these, escaped or not.
    expect(xml.text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/)
  })

  it('rate-limited per key with 429 and Retry-After', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 31; i++) statuses.push((await postJson(filing({ api_key: LIMITED_KEY, description: 'x' }))).status)
    expect(statuses).toEqual([...Array<number>(30).fill(400), 429])
    const limited = await postJson(filing({ api_key: LIMITED_KEY }))
    expect(limited.headers.get('Retry-After')).toMatch(/^\d+$/)
    // Another key is not affected.
    expect((await postJson(filing({ description: 'Lampu jalan mati di ujung gang tujuh.' }))).status).toBe(201)
  })
})

describe('privacy', () => {
  it('no answer ever held the confidential report or a contact', async () => {
    // Every list, also the widest, is already in `bodies`; add the widest sync read.
    await get('/open311/v2/requests.json', { updated_after: '2000-01-01' })
    await get('/open311/v2/requests.xml', { updated_after: '2000-01-01' })
    const all = bodies.join('\n')
    expect(all).toContain(reports.public)
    expect(all).not.toContain(reports.confidential)
    for (const secret of Object.values(SECRET)) expect(all).not.toContain(secret)
    expect(all).not.toContain('6281234567890')
  })
})

describe('demo API key', () => {
  it('exists only on a demo install, and a revoked one is not made again', async () => {
    const options = { demoReports: 0, jurisdictionSlug: 'kota-malang' }
    await seedDatabase(t.db, { ...options, demo: false })
    expect(await verifyApiKey(t.db, DEMO_OPEN311_KEY, new Date())).toBeNull()
    await seedDatabase(t.db, { ...options, demo: true })
    const key = await verifyApiKey(t.db, DEMO_OPEN311_KEY, new Date())
    expect(key?.jurisdictionId).toBe(malang.id)
    await revokeApiKey(t.db, { jurisdictionId: malang.id, id: key!.id, now: new Date() })
    await seedDatabase(t.db, { ...options, demo: true })
    expect(await verifyApiKey(t.db, DEMO_OPEN311_KEY, new Date())).toBeNull()
  })
})

describe('hostile input', () => {
  it('Open311 requests from the fuzz list never throw or answer 5xx', { timeout: 120_000 }, async () => {
    const requests = generateFuzzRequests({
      count: 6000,
      seed: 9,
      codes: [reports.public, reports.confidential],
      baseUrl: ORIGIN,
      cookies: { supervisor: '', executive: '', admin: '' },
    })
      .filter((r) => r.path.startsWith('/open311/'))
      .slice(0, 600)
    expect(requests.length).toBeGreaterThan(100)
    const statuses = new Map<number, number>()
    for (const r of requests) {
      const url = new URL(r.path, ORIGIN)
      const request = new Request(url, { method: r.method, headers: r.headers, body: r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body })
      const target =
        r.method === 'GET' || r.method === 'HEAD' ? route(url.pathname) : { fn: endpointAction as Loader, params: { endpoint: url.pathname.split('/').pop()! } }
      const response = await target.fn({ request, params: target.params, context: {} })
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      expect(response.status, `${r.method} ${r.path}`).toBeLessThan(500)
    }
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true)
  })
})
