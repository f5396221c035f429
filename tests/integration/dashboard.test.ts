import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { median, onTimeShare } from '~/domain/metrics'
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

beforeAll(async () => {
  t = await createTestDatabase()
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  jurisdictionId = j.id
  const category = await t.db.selectFrom('categories').select(['id', 'default_unit_id']).where('jurisdiction_id', '=', j.id).where('code', '=', 'pju').executeTakeFirstOrThrow()
  for (const [i, c] of CASES.entries()) {
    const created = new Date(NOW.getTime() - c.ago * H)
    const row = await t.db
      .insertInto('reports')
      .values({
        code: `MLG-TEST${'23456789AB'[i]}${'C'}`,
        jurisdiction_id: j.id,
        category_id: category.id,
        description: 'Data uji dasbor yang cukup panjang.',
        privacy: 'public',
        status: c.status,
        reject_reason: c.status === 'rejected' ? 'spam' : null,
        current_unit_id: category.default_unit_id!,
        created_at: created,
        first_response_at: c.respond === null ? null : new Date(created.getTime() + c.respond * H),
        resolved_at: c.resolve === null ? null : new Date(created.getTime() + c.resolve * H),
        response_due_at: new Date(created.getTime() + H),
        resolution_due_at: new Date(created.getTime() + c.target * H),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (c.score !== null) await t.db.insertInto('ratings').values({ report_id: row.id, resolution_number: 1, score: c.score, fixed: 'yes' }).execute()
  }
})
afterAll(() => t?.close())

const filter = () => ({ jurisdictionId, since: new Date(NOW.getTime() - 30 * 86400_000), now: NOW })

describe('dashboard figures', () => {
  it('match the domain formulas on the same data', async () => {
    const s = await getSummary(t.db, filter())
    expect(s.total).toBe(6)
    expect(s.open).toBe(2)
    expect(s.overdueOpen).toBe(1)
    expect(s.medianResponseHours).toBeCloseTo(median([1, 2, 4, 10, 3])!, 9) // 3
    expect(s.medianResolutionHours).toBeCloseTo(median([5, 20, 8])!, 9) // 8
    const expected = onTimeShare(
      CASES.filter((c) => c.status !== 'rejected').map((c) => {
        const created = NOW.getTime() - c.ago * H
        return { doneAt: c.resolve === null ? null : new Date(created + c.resolve * H), dueAt: new Date(created + c.target * H) }
      }),
      NOW,
    )
    expect(expected).toBeCloseTo(2 / 4, 9) // two on time, one late, one overdue and open
    expect(s.onTimeShare).toBeCloseTo(expected!, 9)
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
