// The clocks as the pages show them: the late "belum beres", the escalation badges and the
// admins' holiday banner. Loaders and actions called as Remix calls them.
import { hash } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARGON2_OPTIONS } from '#db/seed'
import { id as idDictionary } from '~/i18n/id'
import { runSlaEscalation } from '~/jobs/sla-escalate'
import { applyReportAction, fileReport } from '~/models/report.server'
import { action as reportAction, loader as reportLoader } from '~/routes/laporan.$code'
import { action as loginAction } from '~/routes/masuk'
import { loader as staffLoader } from '~/routes/petugas.laporan.$code'
import { loader as queueLoader } from '~/routes/petugas._index'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { ORIGIN, unwrap } from '../support/routes'

let t: TestDatabase
let j: { id: number; time_zone: string; code_prefix: string }
let officer: number
let ids: { pju: number; area: number }

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  j = await t.db.selectFrom('jurisdictions').select(['id', 'time_zone', 'code_prefix']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const pju = await t.db.selectFrom('categories').select('id').where('jurisdiction_id', '=', j.id).where('code', '=', 'pju').executeTakeFirstOrThrow()
  const area = await t.db.selectFrom('areas').select('id').where('code', '=', '35.73.01.1002').executeTakeFirstOrThrow()
  ids = { pju: pju.id, area: area.id }
  const unit = await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', j.id).where('key', '=', 'dpuprpkp-pju').executeTakeFirstOrThrow()
  const passwordHash = await hash('rahasia-sekali', ARGON2_OPTIONS)
  for (const [email, role, unitId] of [
    ['petugas@clocks.local', 'officer', unit.id],
    ['kepala@clocks.local', 'supervisor', unit.id],
    ['admin@clocks.local', 'admin', null],
  ] as const) {
    const row = await t.db
      .insertInto('users')
      .values({ jurisdiction_id: j.id, email, name: email, password_hash: passwordHash, role, unit_id: unitId })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (role === 'officer') officer = row.id
  }
})
afterAll(() => t?.close())

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })
const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, ...headers } })

async function login(email: string) {
  const response = (await loginAction(args(post('/masuk', { email, password: 'rahasia-sekali' })))) as Response
  expect(response.status).toBe(302)
  return response.headers.get('Set-Cookie')!.split(';')[0]!
}

let n = 0
async function fileAt(now: Date) {
  const filed = await t.db.transaction().execute((trx) =>
    fileReport(trx, {
      jurisdiction: j,
      categoryId: ids.pju,
      areaId: ids.area,
      description: 'Lampu jalan mati di depan gang lima sejak kemarin malam.',
      address: null,
      lat: null,
      lng: null,
      privacy: 'public',
      contact: null,
      idempotencyKey: `clocks-routes-${++n}-${Date.now()}`,
      browserId: `clocks-routes-browser-${n}`,
      now,
    }),
  )
  const r = await t.db.selectFrom('reports').select(['id']).where('code', '=', filed.code).executeTakeFirstOrThrow()
  return { ...filed, id: r.id }
}

async function act(reportId: number, type: 'start' | 'resolve', now: Date) {
  const r = await t.db.selectFrom('reports').select('version').where('id', '=', reportId).executeTakeFirstOrThrow()
  await t.db
    .transaction()
    .execute((trx) =>
      applyReportAction(trx, { reportId, expectedVersion: r.version, action: { type }, actor: { kind: 'officer', userId: officer }, body: null, now }),
    )
}

describe('the rating form after the confirmation window', () => {
  it('"belum beres" after 10 working days: a clear message, values kept, nothing written', async () => {
    // Resolved in September: the window closed long before the real clock of this test.
    const r = await fileAt(new Date('2026-09-01T03:00:00Z'))
    await act(r.id, 'start', new Date('2026-09-01T04:00:00Z'))
    await act(r.id, 'resolve', new Date('2026-09-02T03:00:00Z'))
    const result = unwrap(
      await reportAction(
        args(post(`/laporan/${r.code}`, { token: r.token!, score: '2', fixed: 'no', comment: 'Masih mati.', reason: 'Masih mati.' }), { code: r.code }),
      ),
    )
    expect(result.status).toBe(409)
    expect(result.data.result.error['']).toEqual([idDictionary.clocks.rateWindowPassed])
    expect(result.data.result.initialValue.comment).toBe('Masih mati.')
    const row = await t.db.selectFrom('reports').select(['status', 'reopen_count']).where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'resolved', reopen_count: 0 })
    expect(await t.db.selectFrom('ratings').select('id').where('report_id', '=', r.id).execute()).toEqual([])
    // The page no longer offers "belum beres"; "sudah beres" is still possible.
    const view = unwrap(await reportLoader(args(new Request(`${ORIGIN}/laporan/${r.code}?t=${r.token}`), { code: r.code })))
    expect(view.data).toMatchObject({ canRate: true, canReopen: false })
  })

  it('within the window the page offers "belum beres"', async () => {
    const r = await fileAt(new Date())
    await act(r.id, 'start', new Date())
    await act(r.id, 'resolve', new Date())
    const view = unwrap(await reportLoader(args(new Request(`${ORIGIN}/laporan/${r.code}?t=${r.token}`), { code: r.code })))
    expect(view.data).toMatchObject({ canRate: true, canReopen: true })
  })
})

describe('escalation badges and the admins holiday banner', () => {
  it('the queue and the report page show the escalation level', async () => {
    const r = await fileAt(new Date('2026-10-05T03:00:00Z'))
    const cookie = await login('kepala@clocks.local')
    const levelInQueue = async () => {
      const q = unwrap(await queueLoader(args(new Request(`${ORIGIN}/petugas`, { headers: { Cookie: cookie } }))))
      return q.data.queue.find((row: { code: string }) => row.code === r.code).escalation
    }
    expect(await levelInQueue()).toBe(0)
    // Response due Thu 8 Oct, twice the target Tue 13 Oct: both levels fired (and the resolution's level 1, due Mon 12 Oct).
    await runSlaEscalation({ db: t.db, now: () => new Date('2026-10-14T03:00:00Z'), log: () => {} })
    expect(await levelInQueue()).toBe(2)
    const page = unwrap(await staffLoader(args(new Request(`${ORIGIN}/petugas/laporan/${r.code}`, { headers: { Cookie: cookie } }), { code: r.code })))
    expect(page.data.escalation).toBe(2)
    expect(page.data.timeline.filter((e: { type: string }) => e.type === 'escalated').map((e: { body: string }) => e.body)).toEqual([
      'sla:response:1',
      'sla:response:2',
      'sla:resolution:1',
    ])
  })

  it('admins, and only admins, are told about a deadline year without holidays', async () => {
    await fileAt(new Date('2028-12-28T03:00:00Z')) // due in January 2029: no holidays on record
    const queueFor = async (email: string) => unwrap(await queueLoader(args(new Request(`${ORIGIN}/petugas`, { headers: { Cookie: await login(email) } }))))
    const admin = await queueFor('admin@clocks.local')
    expect(admin.data.holidayCoverage.missing).toEqual([2029])
    // No active deadline falls in 2027 here, so its provisional holidays are not flagged (yet).
    expect(admin.data.holidayCoverage.provisional).toEqual([])
    expect((await queueFor('kepala@clocks.local')).data.holidayCoverage).toBeNull()
  })
})
