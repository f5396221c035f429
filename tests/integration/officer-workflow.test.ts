// The officer workflow (issue 7 §3, ADR 018) through its routes, as Remix calls them:
// queue filters, claim and assign, templates, transfer, duplicates, reject proposals,
// resolving with after photos, conflicts and notification channels.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { hash } from '@node-rs/argon2'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARGON2_OPTIONS } from '#db/seed'
import { fileReport, type NewReportInput } from '~/models/report.server'
import { deliverNotification } from '~/notify/deliver.server'
import { action as loginAction } from '~/routes/masuk'
import { loader as queueLoader } from '~/routes/petugas._index'
import { action as staffAction, loader as staffLoader } from '~/routes/petugas.laporan.$code'
import { action as templateAction, loader as templateLoader } from '~/routes/petugas.templat'
import { action as prefsAction } from '~/routes/petugas.pemberitahuan'
import { loader as publicLoader } from '~/routes/laporan.$code'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { ORIGIN, thrown, unwrap } from '../support/routes'

let t: TestDatabase
let jurisdiction: { id: number; time_zone: string; code_prefix: string }
const category = new Map<string, number>()
const unit = new Map<string, number>()
const area = new Map<string, number>()

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  jurisdiction = await t.db.selectFrom('jurisdictions').select(['id', 'time_zone', 'code_prefix']).where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  for (const c of await t.db.selectFrom('categories').select(['id', 'code']).where('jurisdiction_id', '=', jurisdiction.id).execute())
    category.set(c.code, c.id)
  for (const u of await t.db.selectFrom('units').select(['id', 'key']).where('jurisdiction_id', '=', jurisdiction.id).execute()) unit.set(u.key, u.id)
  for (const a of await t.db.selectFrom('areas').select(['id', 'code']).where('jurisdiction_id', '=', jurisdiction.id).execute()) area.set(a.code, a.id)
  const passwordHash = await hash('rahasia-sekali', ARGON2_OPTIONS)
  for (const [email, role, key] of [
    ['off@wf.local', 'officer', 'dpuprpkp'],
    ['off2@wf.local', 'officer', 'dpuprpkp'],
    ['pju@wf.local', 'officer', 'dpuprpkp-pju'],
    ['kepala@wf.local', 'supervisor', 'dpuprpkp'],
    ['dlh@wf.local', 'officer', 'dlh'],
  ] as const) {
    await t.db
      .insertInto('users')
      .values({ jurisdiction_id: jurisdiction.id, email, name: `Nama ${email}`, password_hash: passwordHash, role, unit_id: unit.get(key)! })
      .execute()
  }
})
afterAll(() => t?.close())

let counter = 0
const BALEARJOSARI = '35.73.01.1001'
const ARJOSARI = '35.73.01.1002'

function input(overrides: Partial<NewReportInput> = {}): NewReportInput {
  counter++
  return {
    jurisdiction,
    categoryId: category.get('jalan_rusak')!,
    areaId: area.get(BALEARJOSARI)!,
    description: `Jalan berlubang besar di depan rumah nomor ${counter}.`,
    address: null,
    lat: null,
    lng: null,
    privacy: 'public',
    contact: { name: 'Siti', email: `siti${counter}@example.com`, phone: '+6281234567890' },
    idempotencyKey: `wf-${counter}-${Date.now()}`,
    browserId: `wf-browser-${counter}-${Date.now()}`,
    now: new Date(),
    ...overrides,
  }
}
const file = (overrides: Partial<NewReportInput> = {}) => t.db.transaction().execute((trx) => fileReport(trx, input(overrides)))
const reportByCode = (code: string) => t.db.selectFrom('reports').selectAll().where('code', '=', code).executeTakeFirstOrThrow()
const userId = async (email: string) => (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} })
const get = (path: string, cookie: string) => new Request(`${ORIGIN}${path}`, { headers: { Cookie: cookie } })
const cookies = new Map<string, string>()
async function login(email: string) {
  const known = cookies.get(email)
  if (known) return known
  const response = (await loginAction(
    args(new Request(`${ORIGIN}/masuk`, { method: 'POST', body: new URLSearchParams({ email, password: 'rahasia-sekali' }), headers: { Origin: ORIGIN } })),
  )) as Response
  expect(response.status).toBe(302)
  const cookie = response.headers.get('Set-Cookie')!.split(';')[0]!
  cookies.set(email, cookie)
  return cookie
}
async function staffPost(code: string, email: string, fields: Record<string, string>, version?: number) {
  const v = version ?? (await reportByCode(code)).version
  const body = new URLSearchParams({ version: String(v), ...fields })
  const request = new Request(`${ORIGIN}/petugas/laporan/${code}`, { method: 'POST', body, headers: { Origin: ORIGIN, Cookie: await login(email) } })
  return staffAction(args(request, { code }))
}
const view = async (code: string, email: string, query = '') =>
  (await staffLoader(args(get(`/petugas/laporan/${code}${query}`, await login(email)), { code }))) as any
const queue = async (email: string, query: string) => (await queueLoader(args(get(`/petugas?${query}`, await login(email))))) as any
const status = (result: unknown) => (result instanceof Response ? result.status : unwrap(result).status)
const events = (reportId: number) => t.db.selectFrom('report_events').selectAll().where('report_id', '=', reportId).orderBy('id').execute()

describe('the queue filters (a GET form: every state is a URL)', () => {
  it('filters by text, code, kecamatan/kelurahan, status, overdue and assignee, counting the whole filtered queue', async () => {
    const marker = `Gorong${Date.now()}`
    const a = await file({ description: `${marker} tersumbat 100%_penuh di Balearjosari.` })
    const b = await file({ description: `${marker} tersumbat di Arjosari.`, areaId: area.get(ARJOSARI)! })
    const old = await file({ description: `${marker} lama sekali.`, now: new Date('2026-01-05T03:00:00Z') })
    const other = await file({ description: `${marker} di unit lain.`, categoryId: category.get('sampah_menumpuk')! })
    // Would match "100%_penuh" if % and _ were wildcards.
    await file({ description: 'Bak kontrol 100 kali penuh lagi.' })
    await staffPost(b.code, 'off@wf.local', { intent: 'start' })

    const codes = async (q: string) => ((await queue('off@wf.local', q)).queue as { code: string }[]).map((r) => r.code).sort()
    // Scope stays in the WHERE: DLH's report never shows, not even by its code.
    expect(await codes(`q=${marker}`)).toEqual([a.code, b.code, old.code].sort())
    expect(await codes(`q=${other.code}`)).toEqual([])
    expect(await codes(`q=${a.code.toLowerCase()}`)).toEqual([a.code])
    // LIKE wildcards are literal: "100%_" matches only the report that contains it.
    expect(await codes(`q=${encodeURIComponent('100%_penuh')}`)).toEqual([a.code])
    expect(await codes(`q=${encodeURIComponent('%')}&q2=`)).toContain(a.code)
    expect(await codes(`q=${marker}&wilayah=${area.get(ARJOSARI)}`)).toEqual([b.code])
    // A kecamatan takes in its kelurahan.
    const kecamatan = (await t.db.selectFrom('areas').select('parent_id').where('id', '=', area.get(ARJOSARI)!).executeTakeFirstOrThrow()).parent_id!
    expect(await codes(`q=${marker}&wilayah=${kecamatan}`)).toEqual([a.code, b.code, old.code].sort())
    expect(await codes(`q=${marker}&status=in_progress`)).toEqual([b.code])
    expect(await codes(`q=${marker}&terlambat=1`)).toEqual([old.code])
    const filtered = await queue('off@wf.local', `q=${marker}&terlambat=1`)
    expect(filtered.total).toBe(1)
    expect(filtered.filterQuery).toBe(`terlambat=1&q=${marker}`)

    await staffPost(a.code, 'off@wf.local', { intent: 'claim' })
    expect(await codes(`q=${marker}&tugas=saya`)).toEqual([a.code])
    expect(await codes(`q=${marker}&tugas=kosong`)).toEqual([b.code, old.code].sort())
    // Nonsense is ignored, never a 500.
    expect((await queue('off@wf.local', `status=x&kategori=abc&wilayah=-1&tugas=z&q=${marker}`)).total).toBe(3)
  })
})

describe('claim and assign', () => {
  it('an officer claims (internal event); a supervisor assigns to an officer of a sub-unit, who is told', async () => {
    // Street lights go to the PJU section, a sub-unit of the supervisor's DPUPRPKP.
    const { code } = await file({ categoryId: category.get('pju')! })
    expect(status(await staffPost(code, 'off@wf.local', { intent: 'claim' }))).toBe(302)
    const claimed = await reportByCode(code)
    expect(claimed.assigned_user_id).toBe(await userId('off@wf.local'))
    expect((await events(claimed.id)).at(-1)).toMatchObject({ type: 'claimed', visibility: 'internal' })
    expect(claimed.first_response_at).toBeNull()

    // Officers may not assign.
    expect(status(await staffPost(code, 'off@wf.local', { intent: 'assign', assigneeId: String(await userId('off2@wf.local')) }))).toBe(409)
    // Not someone of another unit.
    const refused = unwrap(await staffPost(code, 'kepala@wf.local', { intent: 'assign', assigneeId: String(await userId('dlh@wf.local')) }))
    expect(refused.status).toBe(400)
    expect(refused.data.result.error.assigneeId[0]).toMatch(/tidak ada di unit ini/)

    const pju = await userId('pju@wf.local')
    const page = await view(code, 'kepala@wf.local')
    expect(page.assignable.map((s: { id: number }) => s.id)).toContain(pju)
    // Not someone who could not open it: the PJU officer is not offered a road report of Bina Marga.
    const road = await file()
    expect((await view(road.code, 'kepala@wf.local')).assignable.map((s: { id: number }) => s.id)).not.toContain(pju)
    expect(status(await staffPost(road.code, 'kepala@wf.local', { intent: 'assign', assigneeId: String(pju) }))).toBe(400)
    expect(status(await staffPost(code, 'kepala@wf.local', { intent: 'assign', assigneeId: String(pju) }))).toBe(302)
    const assigned = await reportByCode(code)
    expect(assigned.assigned_user_id).toBe(pju)
    expect((await events(assigned.id)).at(-1)).toMatchObject({ type: 'assigned', visibility: 'internal' })
    const message = await t.db
      .selectFrom('notification_outbox')
      .selectAll()
      .where('report_id', '=', assigned.id)
      .where('template', '=', 'staff_assigned')
      .executeTakeFirstOrThrow()
    expect(message).toMatchObject({ user_id: pju, recipient: 'pju@wf.local', channel: 'email' })
    expect((await view(code, 'pju@wf.local')).assignee).toBe('Nama pju@wf.local')
  })

  it('a stale version is a conflict that says who changed what; nothing is written', async () => {
    const { code } = await file()
    const stale = (await reportByCode(code)).version
    await staffPost(code, 'off2@wf.local', { intent: 'public_update', body: 'Tim menuju lokasi besok pagi.' })
    const before = await reportByCode(code)
    const reply = unwrap(await staffPost(code, 'off@wf.local', { intent: 'claim' }, stale))
    expect(reply.status).toBe(409)
    const messages = reply.data.result.error[''] as string[]
    expect(messages[0]).toMatch(/diubah orang lain/)
    expect(messages[1]).toContain('Nama off2@wf.local')
    expect(messages[1]).toContain('Tim menuju lokasi besok pagi.')
    expect(await reportByCode(code)).toEqual(before)
  })
})

describe('response templates', () => {
  it('supervisors keep them per unit (audited); officers insert one into a public update by ?templat=', async () => {
    const kepala = await login('kepala@wf.local')
    const post = (fields: Record<string, string>, cookie = kepala) =>
      templateAction(
        args(new Request(`${ORIGIN}/petugas/templat`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, Cookie: cookie } })),
      )
    expect(unwrap(await post({ intent: 'create', title: 'Survei', body: 'Petugas akan survei lokasi dalam 2 hari kerja.' })).status).toBe(200)
    const dup = unwrap(await post({ intent: 'create', title: 'Survei', body: 'Lain' }))
    expect(dup.status).toBe(400)
    expect(dup.data.result.error.title[0]).toMatch(/sudah dipakai/)
    expect(unwrap(await post({ intent: 'create', title: '', body: '' })).status).toBe(400)
    const officer = await login('off@wf.local')
    expect((await thrown(() => templateLoader(args(get('/petugas/templat', officer))))).status).toBe(403)
    expect((await thrown(() => post({ intent: 'create', title: 'X', body: 'Y' }, officer))).status).toBe(403)

    const { templates } = (await templateLoader(args(get('/petugas/templat', kepala)))) as any
    const survei = templates.find((x: { title: string }) => x.title === 'Survei')
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'response_template').where('entity_id', '=', String(survei.id)).execute()
    expect(audit.map((a) => a.kind)).toEqual(['created'])

    // A report of the PJU section offers its parent unit's templates too.
    const { code } = await file({ categoryId: category.get('pju')! })
    const page = await view(code, 'pju@wf.local', `?templat=${survei.id}`)
    expect(page.templates.map((x: { title: string }) => x.title)).toContain('Survei')
    expect(page.chosenTemplate.body).toBe('Petugas akan survei lokasi dalam 2 hari kerja.')
    // Another unit's template id is not offered.
    expect((await view(code, 'pju@wf.local', '?templat=999999')).chosenTemplate).toBeNull()

    expect(unwrap(await post({ intent: 'update', id: String(survei.id), title: 'Survei lokasi', body: 'Baru' })).status).toBe(200)
    expect(unwrap(await post({ intent: 'delete', id: String(survei.id) })).status).toBe(200)
    expect(unwrap(await post({ intent: 'delete', id: String(survei.id) })).status).toBe(404)
  })
})

describe('transfer (disposisi)', () => {
  it('needs a reason, and offers the triage desk', async () => {
    const { code } = await file()
    const page = await view(code, 'off@wf.local')
    const triage = page.transferUnits.filter((u: { triage: boolean }) => u.triage)
    expect(triage.map((u: { id: number }) => u.id)).toEqual([unit.get('diskominfo')])
    expect((await view(code, 'off@wf.local', '?unit=lingkungan')).transferUnits.map((u: { id: number }) => u.id).sort()).toEqual(
      [unit.get('dlh'), unit.get('diskominfo')].sort(),
    )
    const noReason = unwrap(await staffPost(code, 'off@wf.local', { intent: 'transfer', toUnitId: String(unit.get('diskominfo')) }))
    expect(noReason.status).toBe(400)
    expect(noReason.data.result.error.body[0]).toMatch(/alasan/i)
    const moved = (await staffPost(code, 'off@wf.local', {
      intent: 'transfer',
      toUnitId: String(unit.get('diskominfo')),
      body: 'Bukan kewenangan kami.',
    })) as Response
    expect(moved.headers.get('Location')).toBe(`/petugas?dialihkan=${code}`)
    expect(await reportByCode(code)).toMatchObject({ current_unit_id: unit.get('diskominfo'), assigned_user_id: null })
  })
})

describe('marking a duplicate (ADR 018)', () => {
  it('closes it, links it, makes its reporter a supporter and follower of the original, and points the public page there', async () => {
    const marker = `Longsor${Date.now()}`
    const original = await file({ description: `${marker} asli` })
    const far = await file({ description: `${marker} jauh`, areaId: area.get(ARJOSARI)! })
    const other = await file({ description: `${marker} jenis lain`, categoryId: category.get('pju')! })
    const dup = await file({ description: `${marker} ganda`, contact: { name: null, email: 'ganda@example.com', phone: '+6281299990000' } })
    const page = await view(dup.code, 'off@wf.local')
    const candidates = page.candidates.map((c: { code: string }) => c.code)
    expect(candidates).toContain(original.code)
    expect(candidates).not.toContain(far.code)
    expect(candidates).not.toContain(other.code)
    expect(candidates).not.toContain(dup.code)

    const otherId = (await reportByCode(other.code)).id
    const refused = unwrap(await staffPost(dup.code, 'off@wf.local', { intent: 'mark_duplicate', originalId: String(otherId) }))
    expect(refused.status).toBe(400)
    expect(refused.data.result.error.originalId[0]).toMatch(/tidak dapat menjadi laporan asli/)
    expect((await reportByCode(dup.code)).status).toBe('submitted')

    const o = await reportByCode(original.code)
    expect(status(await staffPost(dup.code, 'off@wf.local', { intent: 'mark_duplicate', originalId: String(o.id) }))).toBe(302)
    const d = await reportByCode(dup.code)
    expect(d).toMatchObject({ status: 'duplicate', duplicate_of_id: o.id })
    expect((await events(d.id)).at(-1)).toMatchObject({ type: 'duplicate_marked', to_status: 'duplicate' })
    expect((await events(o.id)).at(-1)).toMatchObject({ type: 'duplicate_linked', body: dup.code })
    expect((await reportByCode(original.code)).supporter_count).toBe(o.supporter_count + 1)
    const supporters = await t.db.selectFrom('report_supporters').selectAll().where('report_id', '=', o.id).execute()
    expect(supporters).toEqual([expect.objectContaining({ origin: 'duplicate', duplicate_report_id: d.id })])
    const subs = await t.db
      .selectFrom('report_subscriptions')
      .select(['channel', 'recipient', 'origin'])
      .where('report_id', '=', o.id)
      .orderBy('channel')
      .execute()
    expect(subs).toEqual([
      { channel: 'email', recipient: 'ganda@example.com', origin: 'duplicate' },
      { channel: 'whatsapp', recipient: '+6281299990000', origin: 'duplicate' },
    ])
    // The duplicate's reporter is told where their report went.
    const told = await t.db
      .selectFrom('notification_outbox')
      .selectAll()
      .where('report_id', '=', d.id)
      .where('template', '=', 'report_duplicate')
      .executeTakeFirstOrThrow()
    expect(told.payload).toMatchObject({ originalCode: original.code })

    // The original's news now reaches the follower too (email; WhatsApp is off in tests).
    await staffPost(original.code, 'off@wf.local', { intent: 'public_update', body: 'Alat berat dikirim.' })
    const update = await t.db
      .selectFrom('notification_outbox')
      .select(['recipient'])
      .where('report_id', '=', o.id)
      .where('template', '=', 'report_update')
      .execute()
    const reporter = await t.db.selectFrom('report_contacts').select('email').where('report_id', '=', o.id).executeTakeFirstOrThrow()
    expect(update.map((u) => u.recipient).sort()).toEqual([reporter.email, 'ganda@example.com'].sort())

    // A second mark is refused (the duplicate is final) and counts nobody twice.
    expect(status(await staffPost(dup.code, 'off@wf.local', { intent: 'mark_duplicate', originalId: String(o.id) }))).toBe(409)
    expect((await reportByCode(original.code)).supporter_count).toBe(o.supporter_count + 1)

    const pub = unwrap(await publicLoader(args(new Request(`${ORIGIN}/laporan/${dup.code}`), { code: dup.code }))).data
    expect(pub.duplicateOfCode).toBe(original.code)
  })
})

describe('reject proposals', () => {
  it('an officer proposes (internal, with the reason); the supervisor sees it in the queue and dismisses or rejects with an explanation', async () => {
    const { code } = await file()
    expect(status(await staffPost(code, 'off@wf.local', { intent: 'reject', reason: 'spam', body: 'x' }))).toBe(409)
    expect(status(await staffPost(code, 'off@wf.local', { intent: 'propose_reject', reason: 'out_of_remit', body: 'Jalan provinsi.' }))).toBe(302)
    const r = await reportByCode(code)
    const proposal = (await events(r.id)).at(-1)!
    expect(proposal).toMatchObject({ type: 'reject_proposed', visibility: 'internal', reject_reason: 'out_of_remit', body: 'Jalan provinsi.' })
    expect(r.reject_proposal_event_id).toBe(proposal.id)
    const listed = await queue('kepala@wf.local', 'usulan_tolak=1')
    expect(listed.queue.map((x: { code: string }) => x.code)).toContain(code)
    const page = await view(code, 'kepala@wf.local')
    expect(page.proposal).toMatchObject({ reject_reason: 'out_of_remit', actor_name: 'Nama off@wf.local' })
    // The officer cannot propose twice while one waits (the form is hidden; the page shows the proposal).
    expect((await view(code, 'off@wf.local')).proposal).not.toBeNull()

    expect(status(await staffPost(code, 'kepala@wf.local', { intent: 'dismiss_reject_proposal', body: 'Tetap kita tangani.' }))).toBe(302)
    expect((await reportByCode(code)).reject_proposal_event_id).toBeNull()
    expect((await reportByCode(code)).status).toBe('submitted')

    await staffPost(code, 'off@wf.local', { intent: 'propose_reject', reason: 'spam' })
    const noExplanation = unwrap(await staffPost(code, 'kepala@wf.local', { intent: 'reject', reason: 'spam' }))
    expect(noExplanation.status).toBe(400)
    expect(noExplanation.data.result.error.body[0]).toMatch(/penjelasan/)
    expect(status(await staffPost(code, 'kepala@wf.local', { intent: 'reject', reason: 'spam', body: 'Bukan laporan.' }))).toBe(302)
    expect(await reportByCode(code)).toMatchObject({ status: 'rejected', reject_reason: 'spam', reject_proposal_event_id: null })
  })
})

describe('resolving with after photos', () => {
  it('re-encodes them (no EXIF) and hangs them on the resolve event; both report pages show them', async () => {
    const { code } = await file()
    await staffPost(code, 'off@wf.local', { intent: 'start' })
    const jpeg = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: { r: 10, g: 120, b: 40 } } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'Petugas' } })
      .toBuffer()
    const multipart = async (fields: Record<string, string>, files: File[]) => {
      const body = new FormData()
      body.append('version', String((await reportByCode(code)).version))
      for (const [k, v] of Object.entries(fields)) body.append(k, v)
      for (const f of files) body.append('photos', f)
      return staffAction(
        args(new Request(`${ORIGIN}/petugas/laporan/${code}`, { method: 'POST', body, headers: { Origin: ORIGIN, Cookie: await login('off@wf.local') } }), {
          code,
        }),
      )
    }
    const photo = () => new File([jpeg], 'after.jpg', { type: 'image/jpeg' })
    expect(unwrap(await multipart({ intent: 'resolve' }, [photo()])).status).toBe(400)
    const notPhoto = unwrap(await multipart({ intent: 'resolve', body: 'Sudah ditambal.' }, [new File(['hello'], 'x.txt', { type: 'text/plain' })]))
    expect(notPhoto.status).toBe(400)
    expect(status(await multipart({ intent: 'resolve', body: 'Sudah ditambal.' }, [photo()]))).toBe(302)
    const r = await reportByCode(code)
    expect(r.status).toBe('resolved')
    const resolvedEvent = (await events(r.id)).find((e) => e.type === 'resolved')!
    const after = await t.db.selectFrom('attachments').selectAll().where('report_id', '=', r.id).execute()
    expect(after).toEqual([expect.objectContaining({ phase: 'after', event_id: resolvedEvent.id, width: 1600, content_type: 'image/jpeg' })])
    const stored = await sharp(join(process.env.UPLOAD_DIR!, after[0]!.storage_key)).metadata()
    expect(stored.exif).toBeUndefined()
    expect(existsSync(join(process.env.UPLOAD_DIR!, after[0]!.storage_key))).toBe(true)
    expect((await view(code, 'off@wf.local')).photos).toEqual([expect.objectContaining({ phase: 'after' })])
    const pub = unwrap(await publicLoader(args(new Request(`${ORIGIN}/laporan/${code}`), { code }))).data
    expect(pub.photos).toEqual([expect.objectContaining({ phase: 'after' })])
  })
})

describe('notification channels', () => {
  it('email can be turned off and WhatsApp on with an Indonesian mobile number; staff messages follow the choice', async () => {
    const cookie = await login('dlh@wf.local')
    const post = (fields: Record<string, string>) =>
      prefsAction(
        args(
          new Request(`${ORIGIN}/petugas/pemberitahuan`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, Cookie: cookie } }),
        ),
      )
    const noPhone = unwrap(await post({ intent: 'channels', whatsapp: 'on' }))
    expect(noPhone.status).toBe(400)
    expect(noPhone.data.result.error.phone[0]).toMatch(/nomor WhatsApp/)
    expect(unwrap(await post({ intent: 'channels', whatsapp: 'on', phone: '+1 415 555 2671' })).status).toBe(400)
    expect(unwrap(await post({ intent: 'channels', whatsapp: 'on', phone: '0812-7777-8888' })).status).toBe(200)
    const dlh = await userId('dlh@wf.local')
    expect(
      await t.db.selectFrom('users').select(['notify_email', 'notify_whatsapp', 'whatsapp_phone']).where('id', '=', dlh).executeTakeFirstOrThrow(),
    ).toEqual({
      notify_email: false,
      notify_whatsapp: true,
      whatsapp_phone: '+6281277778888',
    })
    const { code } = await file({ categoryId: category.get('sampah_menumpuk')! })
    const r = await reportByCode(code)
    const toDlh = await t.db.selectFrom('notification_outbox').select('channel').where('report_id', '=', r.id).where('user_id', '=', dlh).execute()
    // Email is off and WhatsApp is not configured in tests: nothing is queued for this officer.
    expect(toDlh).toEqual([])
  })

  it('a message already waiting is not sent once the staff member turns its channel off', async () => {
    const cookie = await login('dlh@wf.local')
    const post = (fields: Record<string, string>) =>
      prefsAction(
        args(
          new Request(`${ORIGIN}/petugas/pemberitahuan`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, Cookie: cookie } }),
        ),
      )
    expect(unwrap(await post({ intent: 'channels', email: 'on' })).status).toBe(200)
    const { code } = await file({ categoryId: category.get('sampah_menumpuk')! })
    const dlh = await userId('dlh@wf.local')
    const waiting = await t.db
      .selectFrom('notification_outbox')
      .select('id')
      .where('report_id', '=', (await reportByCode(code)).id)
      .where('user_id', '=', dlh)
      .executeTakeFirstOrThrow()
    expect(unwrap(await post({ intent: 'channels' })).status).toBe(200)
    const sent: string[] = []
    const email = { send: async (m: { to: string }) => (sent.push(m.to), { providerMessageId: null }) }
    const outcome = await deliverNotification(t.db, waiting.id, { channels: { email }, now: () => new Date(Date.now() + 60_000), baseUrl: ORIGIN })
    expect(outcome).toBe('cancelled')
    expect(sent).toEqual([])
  })
})
