// Open-data export (issue 9 §3, ADR 020): privacy (no confidential, no misconduct, no
// contacts, rounded points), a round trip export → import --create → export that reproduces
// the records, --since, and the nightly dump served at /data/{slug}/requests.ndjson.gz.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { simulateReports } from '#db/simulator'
import type { Open311ExportRecord } from '~/domain/open311-record'
import { openDataExportJob } from '~/jobs/open-data-export'
import { loader as openDataLoader } from '~/routes/data.$slug.requests[.]ndjson[.]gz'
import { exportOpen311Records } from '~/services/open311-export.server'
import { importOpen311Records } from '~/services/open311-import.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { thrown } from '../support/routes'

process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'melayani-open-data-'))
const NOW = new Date('2026-11-20T03:00:00Z')
const SECRET_EMAIL = 'warga.rahasia@contoh.id'
const SECRET_PHONE = '+6281234567890'
const ORIGIN = 'https://melayani.contoh.id'
// The nightly job links our own photos under this base URL.
process.env.APP_BASE_URL = ORIGIN

async function collect(it: AsyncIterable<Open311ExportRecord>) {
  const out: Open311ExportRecord[] = []
  for await (const r of it) out.push(r)
  return out
}

let t: TestDatabase
let malang: Open311ExportRecord[]
beforeAll(async () => {
  t = await createTestDatabase()
  await simulateReports(t.db, { count: 400, seed: 9, now: NOW, days: 60, batchSize: 200 })
  // A public report with contact details: they must never leave the database.
  const r = await t.db.selectFrom('reports').select('id').where('privacy', '=', 'public').orderBy('id').executeTakeFirstOrThrow()
  await t.db.insertInto('report_contacts').values({ report_id: r.id, name: 'Warga Rahasia', email: SECRET_EMAIL, phone: SECRET_PHONE }).execute()
  // A misconduct report left public by mistake: the category alone keeps it out.
  const misconduct = await t.db
    .selectFrom('categories as c')
    .innerJoin('jurisdictions as j', 'j.id', 'c.jurisdiction_id')
    .select('c.id')
    .where('j.slug', '=', 'kota-malang')
    .where('c.is_misconduct', '=', true)
    .executeTakeFirstOrThrow()
  const other = await t.db
    .selectFrom('reports')
    .select('id')
    .where('privacy', '=', 'public')
    .where('id', '!=', r.id)
    .orderBy('id')
    .offset(5)
    .executeTakeFirstOrThrow()
  await t.db.updateTable('reports').set({ category_id: misconduct.id }).where('id', '=', other.id).execute()
  // And confidential reports (the simulated history files few or none): never exported.
  const some = await t.db.selectFrom('reports').select('id').where('privacy', '=', 'public').where('id', '!=', r.id).orderBy('id', 'desc').limit(3).execute()
  await t.db
    .updateTable('reports')
    .set({ privacy: 'confidential' })
    .where(
      'id',
      'in',
      some.map((x) => x.id),
    )
    .execute()
  // status_notes and media_url must survive the round trip: one public report gets a photo
  // (media_url on this server), an open one and a closed one a public note.
  const [withPhoto, open, closed] = await Promise.all(
    (['in_progress', 'submitted', 'closed'] as const).map((status) =>
      t.db
        .selectFrom('reports')
        .select('id')
        .where('privacy', '=', 'public')
        .where('status', '=', status)
        .where('id', '!=', r.id)
        .orderBy('id')
        .executeTakeFirstOrThrow(),
    ),
  )
  await t.db
    .insertInto('attachments')
    .values({ report_id: withPhoto!.id, phase: 'before', storage_key: 'foto-ekspor.jpg', content_type: 'image/jpeg', size_bytes: 10, width: 1, height: 1 })
    .execute()
  for (const [report, body, at] of [
    [open!, 'Petugas sudah meninjau lokasi.', NOW],
    [closed!, 'Lubang sudah ditambal.', new Date(0)],
  ] as const)
    await t.db
      .insertInto('report_events')
      .values({ report_id: report.id, created_at: at, actor_kind: 'system', type: 'public_update', body, visibility: 'public' })
      .execute()
  malang = await collect(exportOpen311Records(t.db, { jurisdictionSlug: 'kota-malang', pageSize: 37, origin: ORIGIN }))
})
afterAll(() => t?.close())

describe('open-data export privacy', () => {
  it('holds exactly the non-confidential, non-misconduct reports, each once', async () => {
    const rows = await t.db
      .selectFrom('reports as r')
      .innerJoin('jurisdictions as j', 'j.id', 'r.jurisdiction_id')
      .innerJoin('categories as c', 'c.id', 'r.category_id')
      .select(['r.code', 'r.privacy', 'c.is_misconduct'])
      .where('j.slug', '=', 'kota-malang')
      .execute()
    const hidden = rows.filter((r) => r.privacy === 'confidential' || r.is_misconduct)
    // The simulated history has both kinds, or this test would prove nothing.
    expect(rows.some((r) => r.privacy === 'confidential')).toBe(true)
    expect(rows.some((r) => r.is_misconduct)).toBe(true)
    const exported = malang.map((r) => r.service_request_id)
    expect(new Set(exported).size).toBe(exported.length)
    expect(exported.sort()).toEqual(
      rows
        .filter((r) => !hidden.includes(r))
        .map((r) => r.code)
        .sort(),
    )
  })

  it('no contact data, points rounded to 3 decimals, none for anonymous reports', async () => {
    const text = JSON.stringify(malang)
    expect(text).not.toContain(SECRET_EMAIL)
    expect(text).not.toContain(SECRET_PHONE)
    expect(text).not.toContain('Warga Rahasia')
    const privacy = new Map((await t.db.selectFrom('reports').select(['code', 'privacy']).execute()).map((r) => [r.code, r.privacy]))
    for (const r of malang) {
      if (privacy.get(r.service_request_id) === 'anonymous') expect([r.lat, r.long]).toEqual([null, null])
      for (const v of [r.lat, r.long]) if (v !== null) expect(Math.round(v * 1000) / 1000).toBe(v)
      expect(Object.keys(r)).not.toContain('email')
    }
    expect(malang.some((r) => r.lat !== null)).toBe(true)
  })
})

describe('round trip', () => {
  it('export → import --create into a new jurisdiction → export reproduces the records', async () => {
    const result = await importOpen311Records(t.db, malang, {
      jurisdictionSlug: 'malang-salinan',
      create: { name: 'Salinan Kota Malang', timeZone: 'Asia/Jakarta' },
      now: NOW,
    })
    expect(result).toEqual({ imported: malang.length, updated: 0, unchanged: 0, bad: [] })
    const copy = await collect(exportOpen311Records(t.db, { jurisdictionSlug: 'malang-salinan' }))
    // The request id is the tracking code (new in the copy); expected_datetime follows the
    // copy's own default targets. Everything else comes back as it went out.
    const comparable = ({ service_request_id: _id, expected_datetime: _due, ...rest }: Open311ExportRecord) => rest
    expect(copy.map(comparable)).toEqual(malang.map(comparable))
    // …including status_notes (open and closed requests) and media_url (kept as the link it was).
    expect(malang.find((m) => m.media_url === `${ORIGIN}/foto/foto-ekspor.jpg`)).toBeDefined()
    expect(malang.some((m) => m.status === 'open' && m.status_notes === 'Petugas sudah meninjau lokasi.')).toBe(true)
    expect(malang.some((m) => m.status === 'closed' && m.status_notes !== null)).toBe(true)
    const copied = await t.db
      .selectFrom('reports as r')
      .innerJoin('jurisdictions as j', 'j.id', 'r.jurisdiction_id')
      .select('r.media_url')
      .where('j.slug', '=', 'malang-salinan')
      .where('r.media_url', 'is not', null)
      .execute()
    expect(copied).toEqual([{ media_url: `${ORIGIN}/foto/foto-ekspor.jpg` }])
    const ids = await t.db
      .selectFrom('reports as r')
      .innerJoin('jurisdictions as j', 'j.id', 'r.jurisdiction_id')
      .select('r.open311_id')
      .where('j.slug', '=', 'malang-salinan')
      .execute()
    expect(ids.map((r) => r.open311_id).sort()).toEqual(malang.map((r) => r.service_request_id).sort())
  })

  it('--since keeps only reports updated since then', async () => {
    const since = new Date(NOW.getTime() - 7 * 86_400_000)
    const recent = await collect(exportOpen311Records(t.db, { jurisdictionSlug: 'kota-malang', since }))
    expect(recent.length).toBeGreaterThan(0)
    expect(recent.length).toBeLessThan(malang.length)
    const updated = new Map((await t.db.selectFrom('reports').select(['code', 'updated_at']).execute()).map((r) => [r.code, r.updated_at]))
    for (const r of recent) expect((updated.get(r.service_request_id) as Date).getTime()).toBeGreaterThanOrEqual(since.getTime())
  })
})

describe('nightly dump', () => {
  it('the job writes {slug}-requests.ndjson.gz and the public route serves it', async () => {
    const logs: string[] = []
    await openDataExportJob.handler({}, { db: t.db, now: () => NOW, log: (m) => logs.push(m) })
    expect(logs.filter((m) => m === 'open data written').length).toBeGreaterThanOrEqual(3)
    const response = await openDataLoader({
      request: new Request('http://localhost/data/kota-malang/requests.ndjson.gz'),
      params: { slug: 'kota-malang' },
      context: {},
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/gzip')
    const lines = gunzipSync(Buffer.from(await response.arrayBuffer()))
      .toString('utf8')
      .trim()
      .split('\n')
    expect(lines.map((l) => JSON.parse(l) as Open311ExportRecord)).toEqual(malang)
  })

  it('unknown or hostile slugs are 404', async () => {
    for (const slug of ['tidak-ada', '../../etc', 'A', 'kota-malang/../x']) {
      const response = await thrown(() => openDataLoader({ request: new Request('http://localhost/'), params: { slug }, context: {} }))
      expect(response.status).toBe(404)
    }
  })
})
