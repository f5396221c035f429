// Importing other cities' Open311 history (issue 9 §2 and §4, ADR 020): the first 5,000
// real Boston records, checked against an independent computation over the same file
// (plain JS here, never the app's metric code), idempotent re-runs, newer updates, bad
// records, --strict, and the clocks leaving imported history alone.
import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import { gunzipSync } from 'node:zlib'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { containsPoint, type Geometry } from '~/domain/geo'
import { autoCloseCandidates } from '~/models/auto-close.server'
import { escalationCandidates } from '~/models/escalation.server'
import { decodeText } from '~/services/open311-import-reader.server'
import { importOpen311Entries, importOpen311Records, Open311ImportError } from '~/services/open311-import.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'

const FIXTURE = new URL('../fixtures/boston-5000.ndjson.gz', import.meta.url)
const text = gunzipSync(readFileSync(FIXTURE)).toString('utf8')
const lines = text.split('\n').filter((l) => l.trim() !== '')
const raw = lines.map((l) => JSON.parse(l) as Record<string, string>)
const BOSTON = { jurisdictionSlug: 'boston', create: { name: 'City of Boston', timeZone: 'America/New_York' } }
const NOW = new Date('2026-11-23T00:00:00Z')

/** percentile_cont(0.5): linear interpolation between the two middle values. */
function median(values: number[]) {
  const s = [...values].sort((a, b) => a - b)
  const pos = (s.length - 1) * 0.5
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo)
}

/** The expectation, straight from the file: closed needs updated >= requested. */
function expected(records: Record<string, string>[]) {
  const status = { submitted: 0, closed: 0 }
  const hours = new Map<string, number[]>()
  const badLines: number[] = []
  records.forEach((r, i) => {
    const created = Date.parse(r.requested_datetime as string)
    const updated = Date.parse(r.updated_datetime as string)
    if (r.status === 'closed' && updated < created) return badLines.push(i + 1)
    if (r.status === 'open') status.submitted++
    else {
      status.closed++
      const list = hours.get(r.service_code as string) ?? []
      list.push((updated - created) / 3_600_000)
      hours.set(r.service_code as string, list)
    }
  })
  return { status, medians: new Map([...hours].map(([code, h]) => [code, median(h)])), badLines }
}

function fileEntries(content: string) {
  return decodeText(Readable.from([Buffer.from(content)]))
}

async function jurisdictionId(t: TestDatabase, slug: string) {
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
  return j.id
}

async function counts(t: TestDatabase, jid: number) {
  const r = await sql<{ reports: number; events: number; version: number }>`
    SELECT (SELECT count(*) FROM reports WHERE jurisdiction_id = ${jid})::int AS reports,
           (SELECT count(*) FROM report_events e JOIN reports r ON r.id = e.report_id WHERE r.jurisdiction_id = ${jid})::int AS events,
           (SELECT coalesce(sum(version), 0) FROM reports WHERE jurisdiction_id = ${jid})::int AS version`.execute(t.db)
  return r.rows[0]
}

let t: TestDatabase
beforeAll(async () => {
  t = await createTestDatabase()
})
afterAll(() => t?.close())

describe('importing the first 5,000 Boston records', () => {
  const want = expected(raw)

  it('imports every good record and lists the bad one with its line number', async () => {
    const result = await importOpen311Entries(t.db, fileEntries(text), { ...BOSTON, now: NOW, batchSize: 1000 })
    expect(want.badLines).toEqual([4094])
    expect(result).toEqual({
      imported: 5000 - want.badLines.length,
      updated: 0,
      unchanged: 0,
      bad: [{ line: 4094, reason: 'negative duration: closed before requested_datetime' }],
    })
  })

  it('counts by status match the file', async () => {
    const jid = await jurisdictionId(t, 'boston')
    const rows = await t.db
      .selectFrom('reports')
      .select(['status'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('jurisdiction_id', '=', jid)
      .groupBy('status')
      .execute()
    expect(Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))).toEqual(want.status)
  })

  it('the median closing time per service_code matches an independent computation', async () => {
    const jid = await jurisdictionId(t, 'boston')
    const rows = await sql<{ code: string; hours: number }>`
      SELECT c.open311_code AS code, percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.closed_at - r.created_at) / 3600) AS hours
      FROM reports r JOIN categories c ON c.id = r.category_id
      WHERE r.jurisdiction_id = ${jid} AND r.status = 'closed' GROUP BY c.open311_code`.execute(t.db)
    expect(rows.rows).toHaveLength(want.medians.size)
    for (const r of rows.rows) expect(Number(r.hours)).toBeCloseTo(want.medians.get(r.code) as number, 6)
  })

  it('writes public, contactless open311 reports with system events at the right times', async () => {
    const jid = await jurisdictionId(t, 'boston')
    const first = raw[0] as Record<string, string>
    const report = await t.db
      .selectFrom('reports')
      .selectAll()
      .where('jurisdiction_id', '=', jid)
      .where('open311_id', '=', first.service_request_id as string)
      .executeTakeFirstOrThrow()
    expect(report).toMatchObject({
      source: 'open311',
      privacy: 'public',
      status: 'closed',
      lat: Number(first.lat),
      lng: Number(first.long),
      area_id: null,
      imported_at: NOW,
    })
    expect(report.code).toMatch(/^BOS-[2-9A-HJKMNP-Z]{6}$/)
    expect(report.created_at.getTime()).toBe(Date.parse(first.requested_datetime as string))
    expect(report.resolved_at?.getTime()).toBe(Date.parse(first.updated_datetime as string))
    expect(report.closed_at?.getTime()).toBe(Date.parse(first.updated_datetime as string))
    const events = await t.db
      .selectFrom('report_events')
      .select(['type', 'actor_kind', 'to_status', 'created_at', 'visibility', 'body'])
      .where('report_id', '=', report.id)
      .orderBy('id')
      .execute()
    expect(events.map((e) => [e.type, e.to_status, e.actor_kind, e.created_at.getTime(), e.body])).toEqual([
      ['created', 'submitted', 'system', Date.parse(first.requested_datetime as string), null],
      // status_notes is the resolution's public text.
      ['resolved', 'resolved', 'system', Date.parse(first.updated_datetime as string), first.status_notes],
      ['status_changed', 'closed', 'system', Date.parse(first.updated_datetime as string), null],
    ])
    expect(events.every((e) => e.visibility === 'public')).toBe(true)
    const contacts = await sql<{
      n: number
    }>`SELECT count(*)::int AS n FROM report_contacts c JOIN reports r ON r.id = c.report_id WHERE r.jurisdiction_id = ${jid}`.execute(t.db)
    expect(contacts.rows[0]?.n).toBe(0)
    const cats = await t.db
      .selectFrom('categories')
      .select(['code', 'open311_code', 'name_en', 'resolution_target'])
      .where('jurisdiction_id', '=', jid)
      .execute()
    expect(cats.length).toBe(want.medians.size)
    for (const c of cats) expect(c.code).toMatch(/^[a-z0-9_]{2,60}$/)
    const units = await t.db.selectFrom('units').select(['key', 'kind']).where('jurisdiction_id', '=', jid).execute()
    expect(units).toEqual([{ key: 'open311-import', kind: 'triage_desk' }])
  })

  it('a re-run of the same file changes nothing', async () => {
    const jid = await jurisdictionId(t, 'boston')
    const before = await counts(t, jid)
    const result = await importOpen311Entries(t.db, fileEntries(text), { ...BOSTON, now: new Date(NOW.getTime() + 1000) })
    expect(result).toMatchObject({ imported: 0, updated: 0, unchanged: 4999 })
    expect(await counts(t, jid)).toEqual(before)
  })

  it('a newer updated_datetime updates the report (open → closed adds the closing events); an older one does not', async () => {
    const jid = await jurisdictionId(t, 'boston')
    const open = raw.find((r) => r.status === 'open') as Record<string, string>
    const closedAt = new Date(Date.parse(open.updated_datetime as string) + 86_400_000).toISOString()
    // A rollup watermark the update must drop (its events are dated in the past).
    await sql`INSERT INTO metric_rollup_state (jurisdiction_id, refreshed_at, max_report_id) VALUES (${jid}, ${NOW}, 0)`.execute(t.db)
    const before = await counts(t, jid)
    const older = new Date(Date.parse(open.updated_datetime as string) - 86_400_000).toISOString()
    const stale = await importOpen311Records(t.db, [{ ...open, updated_datetime: older, description: 'An older copy of this record' }], BOSTON)
    expect(stale).toEqual({ imported: 0, updated: 0, unchanged: 1, bad: [] })
    expect(await counts(t, jid)).toEqual(before)
    const state = () => t.db.selectFrom('metric_rollup_state').select('jurisdiction_id').where('jurisdiction_id', '=', jid).execute()
    expect(await state()).toHaveLength(1)
    const result = await importOpen311Records(
      t.db,
      [{ ...open, status: 'closed', updated_datetime: closedAt, description: 'Fixed: the car was towed away' }],
      BOSTON,
    )
    expect(result).toEqual({ imported: 0, updated: 1, unchanged: 0, bad: [] })
    expect(await state()).toHaveLength(0)
    const r = await t.db
      .selectFrom('reports')
      .selectAll()
      .where('jurisdiction_id', '=', jid)
      .where('open311_id', '=', open.service_request_id as string)
      .executeTakeFirstOrThrow()
    expect(r).toMatchObject({ status: 'closed', description: 'Fixed: the car was towed away' })
    expect(r.closed_at?.toISOString()).toBe(new Date(closedAt).toISOString())
    expect(await counts(t, jid)).toEqual({ reports: before?.reports, events: (before?.events ?? 0) + 2, version: (before?.version ?? 0) + 1 })
    // Reopened at the source later: back to submitted, with a 'reopened' event.
    const later = new Date(Date.parse(closedAt) + 3_600_000).toISOString()
    await importOpen311Records(t.db, [{ ...open, status: 'open', updated_datetime: later }], BOSTON)
    const reopened = await t.db.selectFrom('reports').select(['status', 'closed_at', 'reopen_count']).where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(reopened).toEqual({ status: 'submitted', closed_at: null, reopen_count: 1 })
  })
})

describe('status_notes and media_url', () => {
  const base = {
    service_code: 'pothole',
    service_name: 'Pothole',
    description: 'A deep pothole in the right lane',
    requested_datetime: '2026-01-05T08:00:00Z',
  }
  const notesOf = async (open311Id: string) => {
    const rows = await t.db
      .selectFrom('report_events as e')
      .innerJoin('reports as r', 'r.id', 'e.report_id')
      .select(['e.type', 'e.body', 'r.media_url'])
      .where('r.open311_id', '=', open311Id)
      .where('e.body', 'is not', null)
      .orderBy('e.id')
      .execute()
    return rows
  }

  it('an open record keeps its notes as a public update and an http(s) media_url as the photo link', async () => {
    const photo = 'https://311.example.org/media/pothole-1.jpg'
    const result = await importOpen311Records(
      t.db,
      [
        { ...base, service_request_id: 'n-1', status: 'open', updated_datetime: '2026-01-06T08:00:00Z', status_notes: 'Crew scheduled', media_url: photo },
        { ...base, service_request_id: 'n-2', status: 'open', updated_datetime: '2026-01-06T08:00:00Z', media_url: 'javascript:alert(1)' },
      ],
      BOSTON,
    )
    expect(result).toMatchObject({ imported: 2, bad: [] })
    expect(await notesOf('n-1')).toEqual([{ type: 'public_update', body: 'Crew scheduled', media_url: photo }])
    const other = await t.db.selectFrom('reports').select('media_url').where('open311_id', '=', 'n-2').executeTakeFirstOrThrow()
    expect(other.media_url).toBeNull()
  })

  it('a newer copy adds its changed notes once; unchanged notes add nothing; closing puts them on the resolution', async () => {
    const changed = { ...base, service_request_id: 'n-1', status: 'open', updated_datetime: '2026-01-07T08:00:00Z', status_notes: 'Crew on site' }
    await importOpen311Records(t.db, [changed], BOSTON)
    await importOpen311Records(t.db, [{ ...changed, updated_datetime: '2026-01-08T08:00:00Z' }], BOSTON)
    expect((await notesOf('n-1')).map((e) => [e.type, e.body])).toEqual([
      ['public_update', 'Crew scheduled'],
      ['public_update', 'Crew on site'],
    ])
    await importOpen311Records(t.db, [{ ...changed, status: 'closed', updated_datetime: '2026-01-09T08:00:00Z', status_notes: 'Filled' }], BOSTON)
    expect((await notesOf('n-1')).map((e) => [e.type, e.body])).toEqual([
      ['public_update', 'Crew scheduled'],
      ['public_update', 'Crew on site'],
      ['resolved', 'Filled'],
    ])
  })
})

describe('bad records and --strict', () => {
  const good = raw[1] as Record<string, string>
  const file = [
    JSON.stringify({ ...good, service_request_id: 'b-1' }),
    '',
    JSON.stringify({ ...good, service_request_id: 'b-2', requested_datetime: undefined }),
    '{not json',
    JSON.stringify({ ...good, service_request_id: 'b-3', updated_datetime: '2000-01-01T00:00:00Z' }),
    JSON.stringify({ ...good, service_request_id: 'b-4', service_code: 'never_seen' }),
  ].join('\n')
  const OPTS = { jurisdictionSlug: 'kota-malang' }

  it('counts bad records with their line numbers and never crashes', async () => {
    const result = await importOpen311Entries(t.db, fileEntries(file), {
      ...BOSTON,
      jurisdictionSlug: 'bad-lines',
      create: { name: 'Bad lines', timeZone: 'UTC' },
    })
    expect(result.imported).toBe(2)
    expect(result.bad).toEqual([
      { line: 3, reason: 'missing or invalid requested_datetime' },
      { line: 4, reason: 'invalid JSON' },
      { line: 5, reason: 'negative duration: closed before requested_datetime' },
    ])
  })

  it('into an existing jurisdiction without --create, an unknown service_code is a bad record', async () => {
    const result = await importOpen311Records(t.db, [{ ...good, service_request_id: 'm-1', service_code: 'lampu_pju_mati_x' }], OPTS)
    expect(result.bad).toEqual([{ line: 1, reason: 'unknown service_code "lampu_pju_mati_x"' }])
  })

  it('--strict stops at the first bad record and writes nothing', async () => {
    const error = await importOpen311Entries(t.db, fileEntries(file), {
      jurisdictionSlug: 'strict-city',
      create: { name: 'Strict', timeZone: 'UTC' },
      strict: true,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Open311ImportError)
    expect((error as Error).message).toContain('Line 3: missing or invalid requested_datetime')
    const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'strict-city').executeTakeFirst()
    expect(j).toBeUndefined()
  })

  it('an unknown jurisdiction without --create and a bad time zone are clear errors', async () => {
    await expect(importOpen311Records(t.db, [], { jurisdictionSlug: 'nowhere' })).rejects.toThrow(/Unknown jurisdiction "nowhere"/)
    await expect(importOpen311Records(t.db, [], { jurisdictionSlug: 'tzless', create: { name: 'X', timeZone: 'Mars/Base' } })).rejects.toThrow(
      /Unknown time zone/,
    )
  })
})

describe('into an existing jurisdiction', () => {
  it('matches the category by code and finds the kelurahan by point-in-polygon', async () => {
    const jid = await jurisdictionId(t, 'kota-malang')
    const category = await t.db.selectFrom('categories').select(['id', 'code']).where('jurisdiction_id', '=', jid).orderBy('id').executeTakeFirstOrThrow()
    const areas = await t.db
      .selectFrom('areas')
      .select(['id', 'polygon', 'centroid_lat', 'centroid_lng'])
      .where('jurisdiction_id', '=', jid)
      .where('level', '=', 'kelurahan')
      .execute()
    const area = areas.find(
      (a) =>
        a.polygon && a.centroid_lat !== null && a.centroid_lng !== null && containsPoint(a.polygon as Geometry, { lat: a.centroid_lat, lng: a.centroid_lng }),
    )
    if (!area) throw new Error('no kelurahan contains its centroid')
    const record = {
      service_request_id: 'mlg-1',
      status: 'open',
      service_code: category.code,
      service_name: 'Lampu jalan',
      description: 'Lampu jalan mati sejak kemarin malam',
      requested_datetime: '2026-11-01T08:00:00+07:00',
      lat: area.centroid_lat,
      long: area.centroid_lng,
    }
    expect(await importOpen311Records(t.db, [record], { jurisdictionSlug: 'kota-malang' })).toMatchObject({ imported: 1, bad: [] })
    const r = await t.db
      .selectFrom('reports')
      .select(['category_id', 'area_id', 'code', 'status'])
      .where('jurisdiction_id', '=', jid)
      .where('open311_id', '=', 'mlg-1')
      .executeTakeFirstOrThrow()
    expect(r).toMatchObject({ category_id: category.id, area_id: area.id, status: 'submitted' })
    expect(r.code).toMatch(/^MLG-/)
  })
})

describe('the clocks leave imported history alone', () => {
  it('no escalation or auto-close candidate is imported; the same row live would be one', async () => {
    const jid = await jurisdictionId(t, 'boston')
    const late = new Date('2030-01-01T00:00:00Z')
    const imported = await t.db
      .selectFrom('reports')
      .select('id')
      .where('jurisdiction_id', '=', jid)
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow()
    expect(await escalationCandidates(t.db, late, 10_000)).not.toContain(imported.id)
    const resolved = await t.db.selectFrom('reports').select('id').where('jurisdiction_id', '=', jid).where('status', '=', 'closed').executeTakeFirstOrThrow()
    await t.db.updateTable('reports').set({ status: 'resolved', closed_at: null }).where('id', '=', resolved.id).execute()
    expect(await autoCloseCandidates(t.db, late, 10_000)).not.toContain(resolved.id)
    // Without the import mark (a report POSTed live through Open311), the clocks do act.
    await t.db.updateTable('reports').set({ imported_at: null }).where('id', 'in', [imported.id, resolved.id]).execute()
    expect(await escalationCandidates(t.db, late, 10_000)).toContain(imported.id)
    expect(await autoCloseCandidates(t.db, late, 10_000)).toContain(resolved.id)
  })
})
