// The access matrix (issue 7 §4): role × report owner (own unit, sub-unit, other unit,
// other jurisdiction) × privacy (public, anonymous, confidential, misconduct) × every
// staff route and action intent → the expected answer. The expected answers come from
// the rules in access/types.ts (visible, expectedForReport, expectedForPage), not from
// the code. Cases live per route group in access/*.ts: a new route is one line there.
// One shared database; actions are sent with a stale version or invalid input, so no
// case changes what the next one sees (checked at the end).
import { hash } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARGON2_OPTIONS } from '#db/seed'
import { fileReport } from '~/models/report.server'
import { action as loginAction } from '~/routes/masuk'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { ORIGIN } from '../support/routes'
import { adminPageCases } from './access/admin'
import { staffPageCases, staffReportCases } from './access/staff'
import {
  expectedForPage,
  expectedForReport,
  OWNERS,
  PRIVACIES,
  ROLES,
  type Outcome,
  type Owner,
  type PageCase,
  type Privacy,
  type ReportCase,
  type Role,
} from './access/types'

const PAGE_CASES: PageCase[] = [...staffPageCases, ...adminPageCases]
const REPORT_CASES: ReportCase[] = [...staffReportCases]

let t: TestDatabase
const cookies = new Map<Role, string>()
/** role → owner → the unit a report of that owner sits in (own/sub are relative to the role's unit). */
const ownerUnits = new Map<Role, Record<Owner, number>>()
const inspektoratUnits = new Set<number>()
/** unit id → privacy → report */
const reports = new Map<number, Map<Privacy, { id: number; code: string; version: number }>>()
let someOfficerId = 0

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const malang = await t.db.selectFrom('jurisdictions').select(['id', 'time_zone', 'code_prefix']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const madiun = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-madiun').executeTakeFirstOrThrow()
  const unitId = async (key: string, jurisdictionId = malang.id) =>
    (await t.db.selectFrom('units').select('id').where('key', '=', key).where('jurisdiction_id', '=', jurisdictionId).executeTakeFirstOrThrow()).id
  const inspektorat = await unitId('inspektorat')
  // The Inspektorat has no sub-unit in the seed: one Irban for the matrix.
  const irban = (
    await t.db
      .insertInto('units')
      .values({
        jurisdiction_id: malang.id,
        key: 'inspektorat-irban-1',
        name: 'Inspektur Pembantu I',
        short_name: 'Irban I',
        kind: 'inspektorat',
        parent_id: inspektorat,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  inspektoratUnits.add(inspektorat).add(irban)
  const dinas = { own: await unitId('dpuprpkp'), sub: await unitId('dpuprpkp-pju'), other: await unitId('dlh'), foreign: await unitId('dpuprpkp', madiun.id) }
  for (const role of ['officer', 'supervisor', 'admin', 'executive'] as const) ownerUnits.set(role, dinas)
  ownerUnits.set('inspector', { own: inspektorat, sub: irban, other: dinas.other, foreign: dinas.foreign })

  const passwordHash = await hash('rahasia-sekali', ARGON2_OPTIONS)
  for (const role of ROLES) {
    if (role === 'signed_out') {
      cookies.set(role, '')
      continue
    }
    const email = `${role}@matrix.local`
    const unit = role === 'executive' ? null : ownerUnits.get(role)!.own
    const { id } = await t.db
      .insertInto('users')
      .values({ jurisdiction_id: malang.id, email, name: role, password_hash: passwordHash, role, unit_id: unit })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (role === 'officer') someOfficerId = id
    const response = (await loginAction({
      request: new Request(`${ORIGIN}/masuk`, {
        method: 'POST',
        body: new URLSearchParams({ email, password: 'rahasia-sekali' }),
        headers: { Origin: ORIGIN },
      }),
      params: {},
      context: {},
    })) as Response
    cookies.set(role, response.headers.get('Set-Cookie')!.split(';')[0]!)
  }

  const categories = await t.db
    .selectFrom('categories')
    .select(['id', 'code', 'jurisdiction_id'])
    .where('code', 'in', ['jalan_rusak', 'perilaku_asn'])
    .execute()
  const area = await t.db.selectFrom('areas').select(['id', 'jurisdiction_id']).where('level', '=', 'kelurahan').orderBy('id').execute()
  const units = [...new Set([...ownerUnits.values()].flatMap((o) => Object.values(o)))]
  let n = 0
  for (const unit of units) {
    const { jurisdiction_id: jurisdictionId } = await t.db.selectFrom('units').select('jurisdiction_id').where('id', '=', unit).executeTakeFirstOrThrow()
    const jurisdiction = await t.db
      .selectFrom('jurisdictions')
      .select(['id', 'time_zone', 'code_prefix'])
      .where('id', '=', jurisdictionId)
      .executeTakeFirstOrThrow()
    const byPrivacy = new Map<Privacy, { id: number; code: string; version: number }>()
    for (const privacy of PRIVACIES) {
      n++
      const category = categories.find((c) => c.jurisdiction_id === jurisdictionId && c.code === (privacy === 'misconduct' ? 'perilaku_asn' : 'jalan_rusak'))!
      const filed = await t.db.transaction().execute((trx) =>
        fileReport(trx, {
          jurisdiction,
          categoryId: category.id,
          areaId: area.find((a) => a.jurisdiction_id === jurisdictionId)!.id,
          description: `Laporan matriks akses nomor ${n}.`,
          address: null,
          lat: null,
          lng: null,
          privacy: privacy === 'misconduct' ? 'confidential' : privacy,
          contact: { name: 'Warga', email: `warga${n}@example.com`, phone: null },
          idempotencyKey: `matrix-${n}`,
          browserId: `matrix-browser-${n}`,
          now: new Date(),
        }),
      )
      // Routing decides the unit at filing; the matrix puts each report where it needs it.
      const row = await t.db
        .updateTable('reports')
        .set({ current_unit_id: unit })
        .where('code', '=', filed.code)
        .returning(['id', 'code', 'version'])
        .executeTakeFirstOrThrow()
      byPrivacy.set(privacy, row)
    }
    reports.set(unit, byPrivacy)
  }
}, 120_000)
afterAll(() => t?.close())

/** The answer a handler gave, reduced to an Outcome. */
async function outcomeOf(run: () => Promise<unknown>, method: string): Promise<Outcome | number> {
  let status: number
  try {
    const result = await run()
    const r = result as { init?: { status?: number } | null; data?: unknown } | Response | null
    status = r instanceof Response ? r.status : r && typeof r === 'object' && 'init' in r ? (r.init?.status ?? 200) : 200
  } catch (error) {
    if (!(error instanceof Response)) throw error
    status = error.status
  }
  if (method === 'POST' && (status === 400 || status === 409)) return 'reached'
  return status === 302 || status === 200 || status === 403 || status === 404 ? (status as Outcome) : status
}

describe('access matrix: pages and forms (role → answer)', () => {
  for (const c of PAGE_CASES) {
    it(c.name, async () => {
      const actual: Record<string, Outcome | number> = {}
      const expected: Record<string, Outcome> = {}
      for (const role of ROLES) {
        const request = c.request({ cookie: cookies.get(role)!, origin: ORIGIN })
        actual[role] = await outcomeOf(() => c.handler({ request, params: {}, context: {} }), request.method)
        expected[role] = expectedForPage(c, role)
      }
      expect(actual).toEqual(expected)
    })
  }
})

describe('access matrix: report routes (role × owner × privacy → answer)', () => {
  for (const c of REPORT_CASES) {
    it(c.name, async () => {
      const actual: Record<string, Outcome | number> = {}
      const expected: Record<string, Outcome> = {}
      for (const role of ROLES) {
        for (const owner of OWNERS) {
          const unit = ownerUnits.get(role === 'signed_out' ? 'officer' : role)![owner]
          for (const privacy of PRIVACIES) {
            const report = reports.get(unit)!.get(privacy)!
            const key = `${role} ${owner} ${privacy}`
            const ctx = { cookie: cookies.get(role)!, origin: ORIGIN, code: report.code, reportId: report.id, version: report.version, someOfficerId }
            const request = c.request(ctx)
            const run = () => c.handler({ request, params: { code: report.code }, context: {} })
            if (c.kind === 'queue') {
              const outcome = await outcomeOf(run, 'GET')
              actual[key] =
                outcome === 200 ? (((await run()) as { queue: { code: string }[] }).queue.some((r) => r.code === report.code) ? 'listed' : 'absent') : outcome
            } else actual[key] = await outcomeOf(run, request.method)
            expected[key] = expectedForReport(c.kind, role, owner, privacy, inspektoratUnits.has(unit))
          }
        }
      }
      expect(actual).toEqual(expected)
    })
  }

  it('changed nothing: every report still has its version', async () => {
    for (const byPrivacy of reports.values()) {
      for (const r of byPrivacy.values())
        expect((await t.db.selectFrom('reports').select('version').where('id', '=', r.id).executeTakeFirstOrThrow()).version).toBe(r.version)
    }
  })
})
