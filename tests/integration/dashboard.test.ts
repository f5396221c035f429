import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isOverdue } from '~/domain/sla'
import { getStatusCounts, getSummary, getUnitTable, getWeeklyFlow } from '~/models/dashboard.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

let t: TestDatabase
let jurisdictionId: number
const NOW = new Date('2026-11-20T05:00:00Z')
const H = 3600_000

// created (hours before NOW), response after (h), resolved after (h) or null, resolution target (h), status, rating
const CASES = [
  { ago: 100, respond: 1, resolve: 5, target: 10, status: 'closed', score: 5 },
  { ago: 90, respond: 2, resolve: 20, target: 10, status: 'resolved', score: 2 },
  { ago: 80, respond: 4, resolve: 8, target: 10, status: 'closed', score: 4 },
  { ago: 70, respond: 10, resolve: null, target: 10, status: 'in_progress', score: null }, // open and overdue
  { ago: 5, respond: null, resolve: null, target: 10, status: 'submitted', score: null }, // open, not yet due
  { ago: 60, respond: 3, resolve: null, target: 10, status: 'rejected', score: null },
] as const

let category: { id: number; default_unit_id: number | null }
let codeCounter = 0

interface Fixture {
  created: Date
  respondAfterMs: number | null
  resolvedAfterMs: number | null
  dueAfterMs: number
  status: 'submitted' | 'verified' | 'in_progress' | 'resolved' | 'closed' | 'rejected'
  score?: number | null
}

async function insertReport(c: Fixture) {
  const row = await t.db
    .insertInto('reports')
    .values({
      code: `MLG-TEST${'23456789ABCDEFGHJKMNPQRSTUVWXYZ'[codeCounter++]}C`,
      jurisdiction_id: jurisdictionId,
      category_id: category.id,
      description: 'Data uji dasbor yang cukup panjang.',
      privacy: 'public',
      status: c.status,
      reject_reason: c.status === 'rejected' ? 'spam' : null,
      current_unit_id: category.default_unit_id!,
      created_at: c.created,
      first_response_at: c.respondAfterMs === null ? null : new Date(c.created.getTime() + c.respondAfterMs),
      resolved_at: c.resolvedAfterMs === null ? null : new Date(c.created.getTime() + c.resolvedAfterMs),
      response_due_at: new Date(c.created.getTime() + H),
      resolution_due_at: new Date(c.created.getTime() + c.dueAfterMs),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (c.score) await t.db.insertInto('ratings').values({ report_id: row.id, resolution_number: 1, score: c.score, fixed: 'yes' }).execute()
}

beforeAll(async () => {
  t = await createTestDatabase()
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  jurisdictionId = j.id
  category = await t.db
    .selectFrom('categories')
    .select(['id', 'default_unit_id'])
    .where('jurisdiction_id', '=', j.id)
    .where('code', '=', 'pju')
    .executeTakeFirstOrThrow()
  for (const c of CASES) {
    await insertReport({
      created: new Date(NOW.getTime() - c.ago * H),
      respondAfterMs: c.respond === null ? null : c.respond * H,
      resolvedAfterMs: c.resolve === null ? null : c.resolve * H,
      dueAfterMs: c.target * H,
      status: c.status,
      score: c.score,
    })
  }
  for (const c of BOUNDARY) await insertReport(c)
})
afterAll(() => t?.close())

const filter = () => ({ jurisdictionId, since: new Date(NOW.getTime() - 30 * 86400_000), now: NOW })

// A second period, one month earlier, that sits on the boundaries. Each line says
// which comparison it guards.
const EDGE_NOW = new Date('2026-10-20T05:00:00Z')
const edgeFilter = () => ({ jurisdictionId, since: new Date(EDGE_NOW.getTime() - 7 * 86400_000), now: EDGE_NOW })
const BOUNDARY: Fixture[] = [
  // Resolved exactly at the due time: on time (`resolved_at <= due`).
  { created: new Date(EDGE_NOW.getTime() - 50 * H), respondAfterMs: 1 * H, resolvedAfterMs: 10 * H, dueAfterMs: 10 * H, status: 'resolved' },
  // Resolved one second after the due time: late.
  { created: new Date(EDGE_NOW.getTime() - 40 * H), respondAfterMs: 2 * H, resolvedAfterMs: 10 * H + 1000, dueAfterMs: 10 * H, status: 'closed' },
  // Open and due exactly now: not yet overdue (`due < now`), and not yet counted for on-time share.
  { created: new Date(EDGE_NOW.getTime() - 10 * H), respondAfterMs: 3 * H, resolvedAfterMs: null, dueAfterMs: 10 * H, status: 'in_progress' },
  // Open and due one second ago: overdue, counted as late.
  { created: new Date(EDGE_NOW.getTime() - 10 * H - 1000), respondAfterMs: 4 * H, resolvedAfterMs: null, dueAfterMs: 10 * H, status: 'verified' },
]

describe('dashboard figures on the boundaries', () => {
  it('resolved at the due time is on time; open and due exactly now is not overdue', async () => {
    const s = await getSummary(t.db, edgeFilter())
    expect(s.total).toBe(4)
    expect(s.open).toBe(2)
    // `<` flipped to `<=` would make this 2 (and the share 1/4).
    expect(s.overdueOpen).toBe(1)
    // Counted: the two resolved and the overdue open one; on time: only the first.
    // `<=` flipped to `<` in the on-time test would make this 0.
    expect(s.onTimeShare).toBeCloseTo(1 / 3, 9)
    // Four values 1, 2, 3, 4 h: percentile_cont interpolates to 2.5.
    expect(s.medianResponseHours).toBeCloseTo(2.5, 9)
    expect(s.medianResolutionHours).toBeCloseTo(10 + 0.5 / 3600, 9)
    const units = await getUnitTable(t.db, edgeFilter())
    expect(units.map((u) => [u.overdueOpen, u.onTimeShare])).toEqual([[1, 1 / 3]])
  })

  it("agrees with the report page's overdue badge (domain isOverdue) on each boundary report", async () => {
    const badges = BOUNDARY.map((c) =>
      isOverdue(new Date(c.created.getTime() + c.dueAfterMs), c.resolvedAfterMs === null ? null : new Date(c.created.getTime() + c.resolvedAfterMs), EDGE_NOW),
    )
    expect(badges).toEqual([false, true, false, true])
  })
})

describe('dashboard figures', () => {
  it('match hand-computed values on a small fixture', async () => {
    const s = await getSummary(t.db, filter())
    expect(s.total).toBe(6)
    expect(s.open).toBe(2)
    expect(s.overdueOpen).toBe(1)
    // Hand-computed: responses 1, 2, 4, 10, 3 h → sorted 1 2 3 4 10, median 3.
    expect(s.medianResponseHours).toBeCloseTo(3, 9)
    // Resolutions 5, 20, 8 h → median 8 (sorted numerically, not as text).
    expect(s.medianResolutionHours).toBeCloseTo(8, 9)
    // Counted: 3 resolved + 1 open and overdue; the open one not yet due and the
    // rejected one are not counted. On time: the 5 h and 8 h ones (target 10 h).
    expect(s.onTimeShare).toBeCloseTo(2 / 4, 9)
    expect(s.meanRating).toBeCloseTo((5 + 2 + 4) / 3, 9)
    expect(s.ratings).toBe(3)
  })

  it('counts by status and by unit, and excludes reports outside the period', async () => {
    const counts = await getStatusCounts(t.db, filter())
    expect(counts).toMatchObject({ closed: 2, resolved: 1, in_progress: 1, submitted: 1, rejected: 1 })
    const narrow = await getSummary(t.db, { ...filter(), since: new Date(NOW.getTime() - 10 * H) })
    expect(narrow.total).toBe(1)
    const units = await getUnitTable(t.db, filter())
    expect(units).toHaveLength(1)
    expect(units[0]!.total).toBe(6)
  })

  it('groups the weekly flow by Monday weeks in WIB', async () => {
    const weeks = await getWeeklyFlow(t.db, { ...filter(), timeZone: 'Asia/Jakarta' })
    // NOW is Friday 20 Nov 12:00 WIB; 100 h earlier is Mon 16 Nov 08:00 WIB: all in the week of 16 Nov.
    expect(weeks).toEqual([{ week: '2026-11-16', received: 6, resolved: 3 }])
  })
})
