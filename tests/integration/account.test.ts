// A staff member's own account (/petugas/akun, issue 7 §3): changing the password and
// signing out everywhere, as Remix calls the route.
import { hash, verify } from '@node-rs/argon2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARGON2_OPTIONS } from '#db/seed'
import { action as loginAction } from '~/routes/masuk'
import { action as accountAction, loader as accountLoader } from '~/routes/petugas.akun'
import { getStaffUser } from '~/utils/auth.server'
import { useDatabaseForTests } from '~/utils/db.server'
import { createTestDatabase, type TestDatabase } from '../setup/test-db'
import { ORIGIN, thrown, unwrap } from '../support/routes'

let t: TestDatabase
const OLD = 'rahasia-sekali'
const NEW = 'kata-sandi-baru-yang-panjang'

beforeAll(async () => {
  t = await createTestDatabase()
  useDatabaseForTests(t)
  const j = await t.db.selectFrom('jurisdictions').select('id').where('slug', '=', 'kota-malang').executeTakeFirstOrThrow()
  const passwordHash = await hash(OLD, ARGON2_OPTIONS)
  for (const [email, role] of [
    ['akun@test.local', 'officer'],
    ['keluar@test.local', 'officer'],
    ['salah@test.local', 'officer'],
    ['walikota@test.local', 'executive'],
  ] as const) {
    const unit =
      role === 'executive'
        ? null
        : (await t.db.selectFrom('units').select('id').where('jurisdiction_id', '=', j.id).where('key', '=', 'dpuprpkp').executeTakeFirstOrThrow()).id
    await t.db.insertInto('users').values({ jurisdiction_id: j.id, email, name: email, password_hash: passwordHash, role, unit_id: unit }).execute()
  }
})
afterAll(() => t?.close())

const args = (request: Request) => ({ request, params: {}, context: {} })
const post = (fields: Record<string, string>, cookie: string) =>
  new Request(`${ORIGIN}/petugas/akun`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ORIGIN, Cookie: cookie } })
const signedIn = async (cookie: string) => getStaffUser(new Request(`${ORIGIN}/petugas/akun`, { headers: { Cookie: cookie } }))
const passwordHash = async (email: string) =>
  (await t.db.selectFrom('users').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow()).password_hash

async function login(email: string, password = OLD) {
  const response = (await loginAction(
    args(new Request(`${ORIGIN}/masuk`, { method: 'POST', body: new URLSearchParams({ email, password }), headers: { Origin: ORIGIN } })),
  )) as Response
  expect(response.status).toBe(302)
  return response.headers.get('Set-Cookie')!.split(';')[0]!
}

describe('changing one’s own password', () => {
  it('needs the current password; a wrong one says only that, keeps no password in the reply, changes nothing', async () => {
    const cookie = await login('salah@test.local')
    const before = await passwordHash('salah@test.local')
    const reply = unwrap(await accountAction(args(post({ intent: 'password', current: 'bukan-sandi-ini', next: NEW, repeat: NEW }, cookie))))
    expect(reply.status).toBe(400)
    expect(reply.data.result.error).toEqual({ current: ['Kata sandi sekarang salah.'] })
    expect(JSON.stringify(reply.data)).not.toContain(NEW)
    expect(JSON.stringify(reply.data)).not.toContain('bukan-sandi-ini')
    expect(await passwordHash('salah@test.local')).toBe(before)
    expect(await signedIn(cookie)).not.toBeNull()
  })

  it.each([
    { name: 'too short', next: 'pendek', repeat: 'pendek', field: 'next', message: 'Kata sandi baru minimal 12 karakter.' },
    { name: 'repeated differently', next: NEW, repeat: `${NEW}x`, field: 'repeat', message: 'Kedua kata sandi baru tidak sama.' },
    { name: 'missing', next: '', repeat: '', field: 'next', message: 'Kata sandi baru minimal 12 karakter.' },
  ])('refuses a new password $name with a clear message, writing nothing', async ({ next, repeat, field, message }) => {
    const cookie = await login('salah@test.local')
    const before = await passwordHash('salah@test.local')
    const reply = unwrap(await accountAction(args(post({ intent: 'password', current: OLD, next, repeat }, cookie))))
    expect(reply.status).toBe(400)
    expect(reply.data.result.error[field]).toEqual([message])
    expect(reply.data.result.initialValue ?? {}).not.toHaveProperty('current')
    expect(await passwordHash('salah@test.local')).toBe(before)
  })

  it('stores an argon2id hash of the new password, revokes the other sessions and keeps this one', async () => {
    const here = await login('akun@test.local')
    const elsewhere = await login('akun@test.local')
    const reply = unwrap(await accountAction(args(post({ intent: 'password', current: OLD, next: NEW, repeat: NEW }, here))))
    expect(reply.status).toBe(200)
    expect(reply.data.changed).toBe(true)
    const stored = await passwordHash('akun@test.local')
    expect(stored).toMatch(/^\$argon2id\$/)
    expect(await verify(stored, NEW)).toBe(true)
    expect(await signedIn(here)).not.toBeNull()
    expect(await signedIn(elsewhere)).toBeNull()
    // The new password signs in; the old one no longer does.
    await login('akun@test.local', NEW)
    const old = (await loginAction(
      args(
        new Request(`${ORIGIN}/masuk`, { method: 'POST', body: new URLSearchParams({ email: 'akun@test.local', password: OLD }), headers: { Origin: ORIGIN } }),
      ),
    )) as unknown
    expect(unwrap(old).status).toBe(401)
  })

  it('refuses a cross-origin post', async () => {
    const cookie = await login('salah@test.local')
    const request = new Request(`${ORIGIN}/petugas/akun`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'sign_out_everywhere' }),
      headers: { Origin: 'https://evil.example', Cookie: cookie },
    })
    expect((await thrown(() => accountAction(args(request)))).status).toBe(403)
    expect(await signedIn(cookie)).not.toBeNull()
  })
})

describe('signing out everywhere', () => {
  it('revokes every session of the user, this one included, and leads to /masuk', async () => {
    const here = await login('keluar@test.local')
    const elsewhere = await login('keluar@test.local')
    const other = await login('salah@test.local')
    const response = (await accountAction(args(post({ intent: 'sign_out_everywhere' }, here)))) as Response
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/masuk')
    expect(response.headers.get('Set-Cookie')).toMatch(/Max-Age=0/i)
    expect(await signedIn(here)).toBeNull()
    expect(await signedIn(elsewhere)).toBeNull()
    // Another user's session is untouched.
    expect(await signedIn(other)).not.toBeNull()
  })
})

describe('the page', () => {
  it('is open to every staff role, executives too; not to the public', async () => {
    expect(await accountLoader(args(new Request(`${ORIGIN}/petugas/akun`, { headers: { Cookie: await login('walikota@test.local') } })))).toBeNull()
    const anonymous = await thrown(() => accountLoader(args(new Request(`${ORIGIN}/petugas/akun`))))
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('Location')).toMatch(/^\/masuk/)
  })
})
