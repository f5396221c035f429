// Citizen-side correctness (issue 5): public location, location checks, reopen cycles,
// confidential follow-up. Route loaders and actions called as Remix calls them.
import { hash } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARGON2_OPTIONS } from '#db/seed'
import { getSummary } from '~/models/dashboard.server'
import { action as filingAction } from '~/routes/lapor'
import { action as reportAction, loader as reportLoader } from '~/routes/laporan.$code'
import { loader as trackLoader } from '~/routes/lacak'
import { action as loginAction } from '~/routes/masuk'
import { action as staffAction } from '~/routes/petugas.laporan.$code'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

const ORIGIN = 'http://localhost'
// Alun-alun Merdeka, in Kel. Kiduldalem; Monas, Jakarta.
const KIDULDALEM_POINT = { lat: '-7.98264', lng: '112.63087' }
const JAKARTA_POINT = { lat: '-6.17539', lng: '106.82715' }
let t: TestDatabase
let ids: { jurisdiction: number; pju: number; perilaku: number; arjosari: number; kiduldalem: number }

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const cat = async (code: string) => (await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', j.id).where('code', '=', code).executeTakeFirstOrThrow()).id
  const area = async (name: string) => (await t.db.selectFrom('areas').select('id').where('jurisdiction_id', '=', j.id).where('level', '=', 'kelurahan').where('name', '=', name).executeTakeFirstOrThrow()).id
  ids = { jurisdiction: j.id, pju: await cat('pju'), perilaku: await cat('perilaku_asn'), arjosari: await area('Arjosari'), kiduldalem: await area('Kiduldalem') }
  const unit = await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', j.id).where('key', '=', 'dpuprpkp').executeTakeFirstOrThrow()
  const passwordHash = await hash('rahasia-sekali', ARGON2_OPTIONS)
  await t.db.insertInto('users').values({ jurisdiction_id: j.id, email: 'kepala@test.local', name: 'Kepala', password_hash: passwordHash, role: 'supervisor', unit_id: unit.id }).execute()
})
afterAll(() => t?.close())

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, ...headers } })
}

function unwrap(result: unknown) {
  const r = result as { data: any; init: { status?: number } | null }
  return { status: r.init?.status ?? 200, data: r.data }
}

/** A loader's payload, whether it came back plain or wrapped by `data()`. */
function payload(result: unknown): any {
  const r = result as { type?: string; data?: unknown }
  return r && r.type === 'DataWithResponseInit' ? r.data : r
}

async function countReports() {
  const { n } = await t.db.selectFrom('reports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(n)
}

const validReport = (): Record<string, string> => ({
  categoryId: String(ids.pju),
  areaId: String(ids.arjosari),
  description: 'Lampu jalan mati di depan gang lima sejak kemarin malam.',
  privacy: 'public',
  name: 'Budi',
  phone: '0812-3456-7890',
  idempotencyKey: `k-${Math.random().toString(36).slice(2)}`,
})

async function file(fields: Record<string, string | undefined>) {
  const body = Object.fromEntries(Object.entries({ ...validReport(), ...fields }).filter(([, v]) => v !== undefined)) as Record<string, string>
  const response = (await filingAction(args(post('/lapor', body)))) as Response
  expect(response.status).toBe(302)
  const code = response.headers.get('Location')!.replace('/laporan/', '')
  const cookie = response.headers.get('Set-Cookie')!.split(';')[0]!
  return { code, cookie }
}

async function privateToken(code: string, cookie: string) {
  const first = payload(await reportLoader(args(new Request(`${ORIGIN}/laporan/${code}`, { headers: { Cookie: cookie } }), { code })))
  return new URL(first.privateLink).searchParams.get('t')!
}

async function login() {
  const response = (await loginAction(args(post('/masuk', { email: 'kepala@test.local', password: 'rahasia-sekali' })))) as Response
  expect(response.status).toBe(302)
  return response.headers.get('Set-Cookie')!.split(';')[0]!
}

async function staffDoes(code: string, staff: string, intent: string, body = '') {
  const { version } = await t.db.selectFrom('reports').select('version').where('code', '=', code).executeTakeFirstOrThrow()
  await staffAction(args(post(`/petugas/laporan/${code}`, { intent, version: String(version), body }, { Cookie: staff }), { code }))
}

describe('location on public pages', () => {
  it('a public report shows its point rounded to 3 decimals; an anonymous one shows none, also in .data', async () => {
    const open = await file({ areaId: undefined, ...KIDULDALEM_POINT })
    const publicView = payload(await reportLoader(args(new Request(`${ORIGIN}/laporan/${open.code}`), { code: open.code })))
    expect(publicView.report).toMatchObject({ lat: -7.983, lng: 112.631, kelurahan_name: 'Kiduldalem' })
    expect(JSON.stringify(publicView)).not.toMatch(/7\.9826|112\.6308/)

    const anonymous = await file({ areaId: undefined, ...KIDULDALEM_POINT, privacy: 'anonymous' })
    const anonymousView = payload(await reportLoader(args(new Request(`${ORIGIN}/laporan/${anonymous.code}.data`), { code: anonymous.code })))
    expect(anonymousView.report).toMatchObject({ lat: null, lng: null, kelurahan_name: 'Kiduldalem' })
    expect(JSON.stringify(anonymousView)).not.toMatch(/7\.98|112\.63/)

    // Staff and the database keep the exact point.
    const stored = await t.db.selectFrom('reports').select(['lat', 'lng']).where('code', '=', anonymous.code).executeTakeFirstOrThrow()
    expect(stored).toEqual({ lat: -7.98264, lng: 112.63087 })
  })
})
