// Staff accounts, API keys and the audit trail (issue 7 §2), as Remix calls the routes:
// invitations through the outbox and the one-time link, role/unit changes, deactivation,
// the last-admin guard, unlock, jurisdiction scope, API keys, and the audit rows, filters
// and CSV of every admin change and account event.
import { hash, verify } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARGON2_OPTIONS } from '#db/seed'
import { verifyApiKey } from '~/models/api-key.server'
import { openOutboxSecret } from '~/notify/keys.server'
import { loader as csvLoader } from '~/routes/admin.audit[.csv]'
import { loader as auditLoader } from '~/routes/admin.audit._index'
import { action as keysAction, loader as keysLoader } from '~/routes/admin.kunci-api'
import { action as memberAction, loader as memberLoader } from '~/routes/admin.staf.$id'
import { action as staffAction, loader as staffLoader } from '~/routes/admin.staf._index'
import { action as setPasswordAction, loader as setPasswordLoader } from '~/routes/akun.sandi'
import { action as logoutAction } from '~/routes/keluar'
import { action as loginAction } from '~/routes/masuk'
import { action as accountAction } from '~/routes/petugas.akun'
import { inviteStaff, redeemSetPasswordLink, setStaffRole } from '~/services/staff-accounts.server'
import { getStaffUser } from '~/utils/auth.server'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { ORIGIN, thrown, unwrap } from '../support/routes'

process.env.RATE_LIMIT_LOGIN = '1000/600'
process.env.RATE_LIMIT_PRIVATE_LINK = '1000/600'
process.env.LOGIN_FREE_ATTEMPTS = '5'

let t: TestDatabase
const PASSWORD = 'rahasia-sekali-12'
const NEW_PASSWORD = 'kata-sandi-baru-yang-panjang'
const ids: Record<string, number> = {}
let malang: number
let madiun: number
let dpu: number
let madiunUnit: number

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  malang = (await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()).id
  madiun = (await t.db.selectFrom('jurisdictions').select('id').where('slug', '<>', 'kota-malang').executeTakeFirstOrThrow()).id
  dpu = (await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', malang).where('key', '=', 'dpuprpkp').executeTakeFirstOrThrow()).id
  madiunUnit = (await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', madiun).executeTakeFirstOrThrow()).id
  const passwordHash = await hash(PASSWORD, ARGON2_OPTIONS)
  for (const [key, jurisdiction, role, unit] of [
    ['admin', malang, 'admin', null],
    ['admin2', malang, 'admin', null],
    ['officer', malang, 'officer', dpu],
    ['locked', malang, 'officer', dpu],
    ['madiunAdmin', madiun, 'admin', null],
    ['madiunOfficer', madiun, 'officer', madiunUnit],
  ] as const) {
    const row = await t.db
      .insertInto('users')
      .values({ jurisdiction_id: jurisdiction, email: `${key}@test.local`, name: key, password_hash: passwordHash, role, unit_id: unit })
      .returning('id')
      .executeTakeFirstOrThrow()
    ids[key] = row.id
  }
})
afterAll(() => t?.close())

const args = (request: Request, params: Record<string, string> = {}, context: Record<string, unknown> = {}) => ({ request, params, context })
const get = (path: string, cookie?: string) => new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} })
const post = (path: string, fields: Record<string, string>, cookie?: string) =>
  new Request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, ...(cookie ? { Cookie: cookie } : {}) } })

async function login(email: string, password = PASSWORD, ip = '10.0.0.1') {
  return loginAction(args(post('/masuk', { email, password }), {}, { clientIp: ip }))
}
async function signIn(email: string, password = PASSWORD) {
  const response = (await login(email, password)) as Response
  expect(response.status).toBe(302)
  return response.headers.get('Set-Cookie')!.split(';')[0]!
}
const signedIn = (cookie: string) => getStaffUser(get('/petugas', cookie))
const auditRows = (kind: string) =>
  t.db
    .selectFrom('audit_log')
    .selectAll()
    .where('kind', '=', kind as never)
    .orderBy('id')
    .execute()
const count = async (table: 'users' | 'notification_outbox' | 'audit_log' | 'staff_tokens') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** The raw token of the newest set-password message to `email`, unsealed as the delivery would. */
async function linkTokenFor(email: string) {
  const row = await t.db.selectFrom('notification_outbox').selectAll().where('recipient', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow()
  return { row, token: openOutboxSecret(row.secret_ciphertext!)! }
}

describe('inviting staff', () => {
  it('creates the account, a sealed link in the outbox, audit rows; the link sets a password, signs in, and works once', async () => {
    const admin = await signIn('admin@test.local')
    const reply = unwrap(
      await staffAction(
        args(post('/admin/staf', { intent: 'invite', name: 'Petugas Baru', email: 'baru@test.local', role: 'officer', unitId: String(dpu) }, admin)),
      ),
    )
    expect(reply.status).toBe(200)
    expect(reply.data.invited).toBe('baru@test.local')
    const user = await t.db.selectFrom('users').selectAll().where('email', '=', 'baru@test.local').executeTakeFirstOrThrow()
    expect(user).toMatchObject({ jurisdiction_id: malang, role: 'officer', unit_id: dpu, active: true })
    expect(user.password_hash).toMatch(/^\$argon2id\$/)

    const { row, token } = await linkTokenFor('baru@test.local')
    expect(row).toMatchObject({ template: 'staff_invite', channel: 'email', user_id: user.id, report_id: null })
    // The raw token is nowhere in clear: not in the payload, not as the stored hash.
    expect(JSON.stringify(row)).not.toContain(token)
    expect(JSON.stringify(await t.db.selectFrom('staff_tokens').selectAll().execute())).not.toContain(token)

    const page = unwrap(await setPasswordLoader(args(get(`/akun/sandi?t=${token}`))))
    expect(page.data).toMatchObject({ state: 'valid', purpose: 'invite', name: 'Petugas Baru' })

    const done = (await setPasswordAction(args(post(`/akun/sandi?t=${token}`, { t: token, next: NEW_PASSWORD, repeat: NEW_PASSWORD })))) as Response
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe('/petugas')
    const session = done.headers.get('Set-Cookie')!.split(';')[0]!
    expect((await signedIn(session))?.email).toBe('baru@test.local')
    await signIn('baru@test.local', NEW_PASSWORD)

    const again = unwrap(await setPasswordAction(args(post(`/akun/sandi?t=${token}`, { t: token, next: 'nog-een-wachtwoord', repeat: 'nog-een-wachtwoord' }))))
    expect(again.status).toBe(410)
    expect(again.data.state).toBe('used')
    expect(unwrap(await setPasswordLoader(args(get(`/akun/sandi?t=${token}`)))).status).toBe(410)

    const events = await t.db
      .selectFrom('audit_log')
      .select(['kind', 'actor_user_id', 'jurisdiction_id'])
      .where('entity_id', '=', String(user.id))
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.kind)).toEqual(['created', 'invite_sent', 'invite_accepted', 'password_changed', 'login'])
    expect(events.every((e) => e.jurisdiction_id === malang)).toBe(true)
    expect(events.slice(0, 2).every((e) => e.actor_user_id === ids.admin)).toBe(true)
  })

  it.each([
    {
      name: 'an officer without a unit',
      fields: { name: 'Tanpa Unit', email: 'tanpa@test.local', role: 'officer' },
      field: 'unitId',
      message: 'Pilih unit untuk peran ini.',
    },
    { name: 'a bad e-mail', fields: { name: 'Salah', email: 'bukan-email', role: 'executive' }, field: 'email', message: 'Alamat email tidak valid.' },
    {
      name: 'a taken e-mail',
      fields: { name: 'Dobel', email: 'OFFICER@test.local', role: 'executive' },
      field: 'email',
      message: 'Email itu sudah dipakai akun lain.',
    },
    {
      name: 'a unit of another city',
      fields: { name: 'Lintas', email: 'lintas@test.local', role: 'officer', unitId: 'MADIUN' },
      field: 'unitId',
      message: 'Unit tidak dikenal. Pilih dari daftar.',
    },
    { name: 'no name', fields: { name: ' ', email: 'noname@test.local', role: 'executive' }, field: 'name', message: 'Tulis nama.' },
  ])('refuses $name with a clear message, keeps the values, writes nothing', async ({ fields, field, message }) => {
    const admin = await signIn('admin@test.local')
    const before = await Promise.all([count('users'), count('notification_outbox'), count('audit_log'), count('staff_tokens')])
    const form = { intent: 'invite', ...fields, ...(fields.unitId === 'MADIUN' ? { unitId: String(madiunUnit) } : {}) }
    const reply = unwrap(await staffAction(args(post('/admin/staf', form, admin))))
    expect(reply.status).toBe(400)
    expect(reply.data.result.error[field]).toEqual([message])
    expect(reply.data.result.initialValue).toMatchObject({ name: fields.name, email: fields.email })
    // The admin's own login wrote its audit row before; nothing since.
    expect(await Promise.all([count('users'), count('notification_outbox'), count('audit_log'), count('staff_tokens')])).toEqual(before)
  })

  it('a link expires after 72 hours and a newer link voids the older one (clock injected)', async () => {
    const t0 = new Date('2026-11-01T00:00:00Z')
    const actor = { id: ids.admin!, jurisdictionId: malang, now: t0 }
    const result = await inviteStaff(t.db, actor, { name: 'Jam', email: 'jam@test.local', role: 'executive', unitId: null, locale: 'en' })
    expect(result.ok).toBe(true)
    const { token, row } = await linkTokenFor('jam@test.local')
    expect(row.locale).toBe('en')
    expect(await redeemSetPasswordLink(t.db, token, NEW_PASSWORD, null, new Date(t0.getTime() + 72 * 3600_000))).toEqual({ ok: false, state: 'expired' })
    expect((await redeemSetPasswordLink(t.db, token, NEW_PASSWORD, null, new Date(t0.getTime() + 72 * 3600_000 - 1000))).ok).toBe(true)
    expect(await redeemSetPasswordLink(t.db, 'not-a-token', NEW_PASSWORD, null, t0)).toEqual({ ok: false, state: 'unknown' })
  })
})

describe('managing an account', () => {
  it('sets role and unit, with before → after in the audit trail', async () => {
    const admin = await signIn('admin@test.local')
    const reply = unwrap(
      await memberAction(
        args(post(`/admin/staf/${ids.officer}`, { intent: 'role', role: 'supervisor', unitId: String(dpu) }, admin), { id: String(ids.officer) }),
      ),
    )
    expect(reply.data.done).toBe('role')
    const row = (await auditRows('updated')).at(-1)!
    expect(row).toMatchObject({
      actor_user_id: ids.admin,
      entity: 'user',
      entity_id: String(ids.officer),
      before: { role: 'officer', unit_id: dpu },
      after: { role: 'supervisor', unit_id: dpu },
    })
  })

  it('deactivation ends every session at once, voids links, blocks sign-in; reactivation lets the old password work again', async () => {
    const admin = await signIn('admin@test.local')
    const one = await signIn('officer@test.local')
    const two = await signIn('officer@test.local')
    const reply = unwrap(await memberAction(args(post(`/admin/staf/${ids.officer}`, { intent: 'deactivate' }, admin), { id: String(ids.officer) })))
    expect(reply.data.done).toBe('deactivate')
    expect(await signedIn(one)).toBeNull()
    expect(await signedIn(two)).toBeNull()
    expect(unwrap(await login('officer@test.local')).status).toBe(401)
    expect((await auditRows('sessions_revoked')).at(-1)).toMatchObject({
      actor_user_id: ids.admin,
      entity_id: String(ids.officer),
      after: { reason: 'deactivated' },
    })
    // A reset link can't be sent to an inactive account.
    const reset = unwrap(await memberAction(args(post(`/admin/staf/${ids.officer}`, { intent: 'reset' }, admin), { id: String(ids.officer) })))
    expect(reset.status).toBe(400)
    unwrap(await memberAction(args(post(`/admin/staf/${ids.officer}`, { intent: 'reactivate' }, admin), { id: String(ids.officer) })))
    // The old sessions were revoked, not just hidden while inactive: they stay dead.
    expect(await signedIn(one)).toBeNull()
    await signIn('officer@test.local')
  })

  it('a reset link voids the older links; using it ends the sessions and changes the password', async () => {
    const admin = await signIn('admin@test.local')
    const session = await signIn('officer@test.local')
    unwrap(await memberAction(args(post(`/admin/staf/${ids.officer}`, { intent: 'reset' }, admin), { id: String(ids.officer) })))
    const first = await linkTokenFor('officer@test.local')
    unwrap(await memberAction(args(post(`/admin/staf/${ids.officer}`, { intent: 'reset' }, admin), { id: String(ids.officer) })))
    const second = await linkTokenFor('officer@test.local')
    expect(second.row.template).toBe('staff_password_reset')
    expect(await redeemSetPasswordLink(t.db, first.token, NEW_PASSWORD, null, new Date())).toEqual({ ok: false, state: 'revoked' })
    expect((await redeemSetPasswordLink(t.db, second.token, NEW_PASSWORD, null, new Date())).ok).toBe(true)
    expect(await signedIn(session)).toBeNull()
    const stored = await t.db.selectFrom('users').select('password_hash').where('id', '=', ids.officer!).executeTakeFirstOrThrow()
    expect(await verify(stored.password_hash, NEW_PASSWORD)).toBe(true)
    expect((await auditRows('password_reset_sent')).length).toBe(2)
  })

  it('unlock clears the throttle from every address and the lock mark; lockout and failed sign-ins are audited', async () => {
    const admin = await signIn('admin@test.local')
    for (let i = 0; i < 5; i++) expect(unwrap(await login('locked@test.local', 'salah-salah-salah', '10.9.9.9')).status).toBe(401)
    expect(unwrap(await login('locked@test.local', PASSWORD, '10.9.9.9')).status).toBe(429)
    const failed = (await auditRows('login_failed')).filter((r) => r.subject === 'locked@test.local')
    expect(failed).toHaveLength(5)
    expect(failed.every((r) => r.jurisdiction_id === malang && r.ip === '10.9.9.9' && r.actor_user_id === null)).toBe(true)
    expect((await auditRows('lockout')).filter((r) => r.subject === 'locked@test.local')).toHaveLength(1)
    const page = unwrap(await memberLoader(args(get(`/admin/staf/${ids.locked}`, admin), { id: String(ids.locked) })))
    expect(page.data.member.locked_until).not.toBeNull()
    const listed = unwrap(await staffLoader(args(get('/admin/staf?peran=officer', admin))))
    expect(listed.data.staff.find((s: { id: number }) => s.id === ids.locked).locked).toBe(true)
    expect(listed.data.staff.every((s: { role: string }) => s.role === 'officer')).toBe(true)
    const byUnit = unwrap(await staffLoader(args(get(`/admin/staf?unit=${dpu}`, admin)))).data.staff
    expect(byUnit.length).toBeGreaterThan(0)
    expect(byUnit.every((s: { unit_id: number }) => s.unit_id === dpu)).toBe(true)

    unwrap(await memberAction(args(post(`/admin/staf/${ids.locked}`, { intent: 'unlock' }, admin), { id: String(ids.locked) })))
    expect((await login('locked@test.local', PASSWORD, '10.9.9.9')) as Response).toHaveProperty('status', 302)
    expect((await auditRows('updated')).at(-1)).toMatchObject({ entity_id: String(ids.locked), after: { locked_until: null } })
  })

  it('an unknown e-mail is audited with what was typed and no jurisdiction', async () => {
    expect(unwrap(await login('=HYPERLINK("http://x")@evil.test', 'whatever', '10.1.1.1')).status).toBe(401)
    const row = (await auditRows('login_failed')).at(-1)!
    expect(row).toMatchObject({ subject: '=HYPERLINK("http://x")@evil.test', jurisdiction_id: null, entity: null })
  })
})

describe('the last admin', () => {
  it('an admin cannot deactivate or demote themselves', async () => {
    const admin = await signIn('madiunAdmin@test.local')
    for (const fields of [{ intent: 'deactivate' }, { intent: 'role', role: 'executive' }] as Record<string, string>[]) {
      const reply = unwrap(await memberAction(args(post(`/admin/staf/${ids.madiunAdmin}`, fields, admin), { id: String(ids.madiunAdmin) })))
      expect(reply.status).toBe(409)
      expect(reply.data.result.error['']).toEqual(['Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda sendiri.'])
    }
    expect(await t.db.selectFrom('users').select(['role', 'active']).where('id', '=', ids.madiunAdmin!).executeTakeFirstOrThrow()).toEqual({
      role: 'admin',
      active: true,
    })
  })

  it('two admins demoting each other at once: one wins, the other is refused, one admin remains', async () => {
    const now = new Date()
    const [a, b] = await Promise.all([
      setStaffRole(t.db, { id: ids.admin!, jurisdictionId: malang, now }, ids.admin2!, { role: 'executive', unitId: null }),
      setStaffRole(t.db, { id: ids.admin2!, jurisdictionId: malang, now }, ids.admin!, { role: 'executive', unitId: null }),
    ])
    expect([a, b].filter((r) => r.ok)).toHaveLength(1)
    expect([a, b].filter((r) => !r.ok)).toEqual([{ ok: false, error: 'last_admin' }])
    const admins = await t.db
      .selectFrom('users')
      .select('id')
      .where('jurisdiction_id', '=', malang)
      .where('role', '=', 'admin')
      .where('active', '=', true)
      .execute()
    expect(admins).toHaveLength(1)
    // Put things back for the other tests: the surviving admin promotes the other again.
    const survivor = admins[0]!.id
    const other = survivor === ids.admin ? ids.admin2! : ids.admin!
    expect((await setStaffRole(t.db, { id: survivor, jurisdictionId: malang, now }, other, { role: 'admin', unitId: null })).ok).toBe(true)
  }, 20_000)
})

describe('jurisdiction scope and roles', () => {
  it('a Madiun admin cannot see or touch a Malang account (404, nothing written)', async () => {
    const admin = await signIn('madiunAdmin@test.local')
    expect((await thrown(() => memberLoader(args(get(`/admin/staf/${ids.officer}`, admin), { id: String(ids.officer) })))).status).toBe(404)
    const before = await count('audit_log')
    for (const intent of ['deactivate', 'reset', 'unlock']) {
      expect((await thrown(() => memberAction(args(post(`/admin/staf/${ids.officer}`, { intent }, admin), { id: String(ids.officer) })))).status).toBe(404)
    }
    expect(
      (await thrown(() => memberAction(args(post(`/admin/staf/${ids.officer}`, { intent: 'role', role: 'admin' }, admin), { id: String(ids.officer) }))))
        .status,
    ).toBe(404)
    expect(await count('audit_log')).toBe(before)
    const list = unwrap(await staffLoader(args(get('/admin/staf', admin))))
    expect(list.data.staff.map((s: { email: string }) => s.email).sort()).toEqual(['madiunAdmin@test.local', 'madiunOfficer@test.local'])
    expect((await thrown(() => memberLoader(args(get('/admin/staf/abc', admin), { id: 'abc' })))).status).toBe(404)
  })

  it('non-admins get 403, the public is sent to sign in, cross-origin posts are refused', async () => {
    const officer = await signIn('madiunOfficer@test.local')
    expect((await thrown(() => staffLoader(args(get('/admin/staf', officer))))).status).toBe(403)
    expect((await thrown(() => auditLoader(args(get('/admin/audit', officer))))).status).toBe(403)
    expect((await thrown(() => csvLoader(args(get('/admin/audit.csv', officer))))).status).toBe(403)
    expect((await thrown(() => keysAction(args(post('/admin/kunci-api', { intent: 'create', name: 'x' }, officer))))).status).toBe(403)
    expect((await thrown(() => staffLoader(args(get('/admin/staf'))))).status).toBe(302)
    const admin = await signIn('madiunAdmin@test.local')
    const evil = new Request(`${ORIGIN}/admin/kunci-api`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'create', name: 'x' }),
      headers: { Origin: 'https://evil.example', Cookie: admin },
    })
    expect((await thrown(() => keysAction(args(evil)))).status).toBe(403)
  })
})

describe('API keys', () => {
  it('creates a key shown once, verifies it, revokes it; both audited; another city cannot revoke it', async () => {
    const admin = await signIn('admin@test.local')
    const created = unwrap(await keysAction(args(post('/admin/kunci-api', { intent: 'create', name: 'Aplikasi mitra' }, admin))))
    const key = created.data.created.key as string
    expect(key).toMatch(/^mly_/)
    const listed = unwrap(await keysLoader(args(get('/admin/kunci-api', admin))))
    expect(JSON.stringify(listed.data)).not.toContain(key)
    const id = listed.data.keys[0].id as number
    expect(await verifyApiKey(t.db, key, new Date())).toEqual({ id, jurisdictionId: malang })
    expect((await auditRows('key_created')).at(-1)).toMatchObject({
      actor_user_id: ids.admin,
      entity: 'api_key',
      entity_id: String(id),
      subject: 'Aplikasi mitra',
    })

    const madiunAdmin = await signIn('madiunAdmin@test.local')
    expect(unwrap(await keysAction(args(post('/admin/kunci-api', { intent: 'revoke', id: String(id) }, madiunAdmin)))).status).toBe(404)
    expect(await verifyApiKey(t.db, key, new Date())).not.toBeNull()

    unwrap(await keysAction(args(post('/admin/kunci-api', { intent: 'revoke', id: String(id) }, admin))))
    expect(await verifyApiKey(t.db, key, new Date())).toBeNull()
    expect((await auditRows('key_revoked')).at(-1)).toMatchObject({ actor_user_id: ids.admin, entity_id: String(id) })
    const empty = unwrap(await keysAction(args(post('/admin/kunci-api', { intent: 'create', name: '' }, admin))))
    expect(empty.status).toBe(400)
    expect(empty.data.result.error.name).toEqual(['Tulis nama kunci.'])
  })
})

describe('account events', () => {
  it('logout, password change and "sign out everywhere" are audited with the account as actor', async () => {
    const cookie = await signIn('madiunOfficer@test.local')
    unwrap(await accountAction(args(post('/petugas/akun', { intent: 'password', current: PASSWORD, next: NEW_PASSWORD, repeat: NEW_PASSWORD }, cookie))))
    await accountAction(args(post('/petugas/akun', { intent: 'sign_out_everywhere' }, cookie)))
    const again = await signIn('madiunOfficer@test.local', NEW_PASSWORD)
    await logoutAction(args(post('/keluar', {}, again)))
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['kind', 'actor_user_id', 'jurisdiction_id'])
      .where('entity_id', '=', String(ids.madiunOfficer))
      .where('kind', 'in', ['password_changed', 'sessions_revoked', 'logout'])
      .orderBy('id')
      .execute()
    expect(rows).toEqual(
      ['password_changed', 'sessions_revoked', 'logout'].map((kind) => ({ kind, actor_user_id: ids.madiunOfficer, jurisdiction_id: madiun })),
    )
  })
})

describe('the audit page and CSV', () => {
  it('shows the jurisdiction’s rows only, newest first, with the true total; filters by kind, actor and local dates', async () => {
    const admin = await signIn('madiunAdmin@test.local')
    const all = unwrap(await auditLoader(args(get('/admin/audit', admin)))).data
    expect(all.total).toBeGreaterThan(0)
    expect(all.rows.length).toBe(Math.min(50, all.total))
    const ids_ = all.rows.map((r: { id: number }) => r.id)
    expect([...ids_].sort((a, b) => b - a)).toEqual(ids_)
    const inMadiun = await t.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('jurisdiction_id', '=', madiun)
      .executeTakeFirstOrThrow()
    expect(all.total).toBe(Number(inMadiun.n))
    const logins = unwrap(await auditLoader(args(get('/admin/audit?jenis=login', admin)))).data
    expect(logins.rows.every((r: { kind: string }) => r.kind === 'login')).toBe(true)
    const mine = unwrap(await auditLoader(args(get(`/admin/audit?pelaku=${ids.madiunOfficer}`, admin)))).data
    expect(mine.rows.length).toBeGreaterThan(0)
    expect(mine.rows.every((r: { actor_user_id: number }) => r.actor_user_id === ids.madiunOfficer)).toBe(true)
    // Today in Asia/Jakarta includes everything written just now; tomorrow nothing.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date())
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date(Date.now() + 86_400_000))
    expect(unwrap(await auditLoader(args(get(`/admin/audit?dari=${today}&sampai=${today}`, admin)))).data.total).toBe(all.total)
    expect(unwrap(await auditLoader(args(get(`/admin/audit?dari=${tomorrow}`, admin)))).data.total).toBe(0)
    const bad = unwrap(await auditLoader(args(get('/admin/audit?dari=2026-02-30&jenis=nope', admin)))).data
    expect(bad.badDate).toBe(true)
    expect(bad.total).toBe(all.total)
    // Malang's rows (its users, its failed sign-ins) are not there.
    expect(all.rows.some((r: { subject: string | null }) => r.subject?.endsWith('@test.local') && !r.subject.startsWith('madiun'))).toBe(false)
  })

  it('exports the same filters as CSV, defusing formula cells', async () => {
    const admin = await signIn('admin@test.local')
    // A Malang account's failed sign-in whose typed e-mail looks like a formula.
    await t.db.updateTable('users').set({ email: '=cmd|calc@test.local' }).where('id', '=', ids.locked!).execute()
    expect(unwrap(await login('=cmd|calc@test.local', 'salah', '10.2.2.2')).status).toBe(401)
    const response = (await csvLoader(args(get('/admin/audit.csv?jenis=login_failed', admin)))) as Response
    expect(response.headers.get('Content-Type')).toMatch(/^text\/csv/)
    expect(response.headers.get('Content-Disposition')).toMatch(/attachment/)
    const text = await response.text()
    const lines = text.trim().split('\r\n')
    expect(lines[0]).toBe('id,created_at,actor_user_id,actor_name,kind,entity,entity_id,subject,before,after,ip')
    expect(lines.slice(1).every((l) => l.split(',')[4] === 'login_failed')).toBe(true)
    expect(text).toContain(",'=cmd|calc@test.local,")
    expect(text).not.toMatch(/,=cmd/)
    const page = unwrap(await auditLoader(args(get('/admin/audit?jenis=login_failed', admin)))).data
    expect(lines.length - 1).toBe(page.total)
  })
})

describe('odd input', () => {
  const VALUES = ['', ' ', '-1', '0', '2147483648', '99999999999999999999', '1e308', 'NaN', '١٢٣', 'a'.repeat(5000), '<script>', '=1+1']
  const FORMS: { path: string; action: (a: never) => Promise<unknown>; params: Record<string, string>; fields: string[]; base: Record<string, string> }[] = [
    { path: '/admin/staf', action: staffAction, params: {}, fields: ['intent', 'name', 'email', 'role', 'unitId'], base: { intent: 'invite' } },
    { path: '/admin/staf/1', action: memberAction, params: { id: '1' }, fields: ['intent', 'role', 'unitId'], base: { intent: 'role' } },
    { path: '/admin/kunci-api', action: keysAction, params: {}, fields: ['intent', 'name', 'id'], base: { intent: 'revoke' } },
    { path: '/akun/sandi', action: setPasswordAction, params: {}, fields: ['t', 'next', 'repeat'], base: {} },
  ]

  it('never answers a 5xx and never writes', async () => {
    const admin = await signIn('madiunAdmin@test.local')
    const before = await Promise.all([count('users'), count('notification_outbox'), count('staff_tokens')])
    for (const form of FORMS) {
      for (const field of form.fields) {
        for (const value of VALUES) {
          const body = new URLSearchParams({ ...form.base, [field]: value })
          body.append(field, value) // and the field twice
          const request = new Request(`${ORIGIN}${form.path}`, { method: 'POST', body, headers: { Origin: ORIGIN, Cookie: admin } })
          let status: number
          try {
            status = unwrap(await form.action(args(request, form.params) as never)).status
          } catch (error) {
            if (!(error instanceof Response)) throw error
            status = error.status
          }
          expect(status, `${form.path} ${field}=${value.slice(0, 20)}`).toBeLessThan(500)
        }
      }
    }
    expect(await Promise.all([count('users'), count('notification_outbox'), count('staff_tokens')])).toEqual(before)
    for (const query of ['?pelaku=1e308&halaman=99999', '?dari=9999-99-99&sampai=0000-00-00', '?jenis=%00&objek=%E2%80%AE']) {
      expect(unwrap(await auditLoader(args(get(`/admin/audit${query}`, admin)))).status).toBe(200)
      expect(((await csvLoader(args(get(`/admin/audit.csv${query}`, admin)))) as Response).status).toBe(200)
    }
  })
})
