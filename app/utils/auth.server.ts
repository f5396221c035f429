// Staff authentication: argon2id passwords, server-side revocable sessions held in a
// signed httpOnly SameSite=Lax cookie, role checks, and an Origin check on mutations.
import { hash, verify } from '@node-rs/argon2'
import { createCookie, redirect } from '@remix-run/node'
import type { RoleValue } from '#db/types'
import { ARGON2_OPTIONS } from '#db/seed'
import { findSessionUser, insertSession, revokeSession } from '~/models/session.server'
import { findUserByEmail, recordFailedLogin, recordSuccessfulLogin, type StaffUser } from '~/models/user.server'
import { randomToken, sha256 } from './crypto.server'
import { getDb } from './db.server'
import { getEnv } from './env.server'

const SESSION_HOURS = 12

let cookie: ReturnType<typeof createCookie> | null = null
function sessionCookie() {
  const env = getEnv()
  cookie ??= createCookie('__session', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: env.APP_BASE_URL?.startsWith('https://') ?? false,
    secrets: [env.SESSION_SECRET],
    maxAge: SESSION_HOURS * 3600,
  })
  return cookie
}

async function sessionIdFrom(request: Request): Promise<string | null> {
  const token = await sessionCookie().parse(request.headers.get('Cookie'))
  return typeof token === 'string' && token.length >= 20 ? sha256(token) : null
}

// Verifying against a fixed hash when the e-mail is unknown keeps the timing alike.
let dummyHash: Promise<string> | null = null

export type LoginResult = { ok: true; userId: number; role: RoleValue } | { ok: false; reason: 'invalid' | 'locked' }

export async function verifyLogin(email: string, password: string, now = new Date()): Promise<LoginResult> {
  const db = await getDb()
  const user = await findUserByEmail(db, email)
  if (!user || !user.active) {
    dummyHash ??= hash('not-a-real-password', ARGON2_OPTIONS)
    await verify(await dummyHash, password)
    return { ok: false, reason: 'invalid' }
  }
  if (user.locked_until && user.locked_until > now) return { ok: false, reason: 'locked' }
  const valid = await verify(user.password_hash, password)
  if (!valid) {
    await recordFailedLogin(db, user.id, now)
    return { ok: false, reason: 'invalid' }
  }
  await recordSuccessfulLogin(db, user.id, now)
  return { ok: true, userId: user.id, role: user.role }
}

export async function startSession(userId: number, redirectTo: string) {
  const token = randomToken(32)
  const db = await getDb()
  await insertSession(db, { id: sha256(token), userId, expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000) })
  return redirect(redirectTo, { headers: { 'Set-Cookie': await sessionCookie().serialize(token) } })
}

export async function endSession(request: Request) {
  const id = await sessionIdFrom(request)
  if (id) await revokeSession(await getDb(), id, new Date())
  return redirect('/', { headers: { 'Set-Cookie': await sessionCookie().serialize('', { maxAge: 0 }) } })
}

export async function getStaffUser(request: Request): Promise<StaffUser | null> {
  const id = await sessionIdFrom(request)
  if (!id) return null
  return findSessionUser(await getDb(), id, new Date())
}

/** Signed-in staff with one of `roles`; otherwise to the login page, or 403. */
export async function requireStaff(request: Request, roles: readonly RoleValue[]): Promise<StaffUser> {
  const user = await getStaffUser(request)
  if (!user) {
    const url = new URL(request.url)
    throw redirect(`/masuk?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  }
  if (!roles.includes(user.role)) throw new Response('Forbidden', { status: 403 })
  return user
}

/**
 * CSRF defence for staff mutations (on top of SameSite=Lax): the request must come
 * from our own origin. Browsers send Origin on every POST form submission.
 */
export function assertSameOrigin(request: Request) {
  const expected = getEnv().APP_BASE_URL ? new URL(getEnv().APP_BASE_URL!).origin : new URL(request.url).origin
  const origin = request.headers.get('Origin') ?? originOf(request.headers.get('Referer'))
  if (origin !== expected) throw new Response('Cross-origin request refused', { status: 403 })
}

function originOf(url: string | null) {
  if (!url) return null
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

export { safeRedirect } from './safe-redirect'
