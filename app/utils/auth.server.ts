// Staff authentication: argon2id passwords, server-side revocable sessions held in a
// signed httpOnly SameSite=Lax cookie, role checks, and an Origin check on mutations.
import { hash, verify } from '@node-rs/argon2'
import { createCookie, redirect, type AppLoadContext } from '@remix-run/node'
import type { RoleValue } from '#db/types'
import { ARGON2_OPTIONS } from '#db/seed'
import { findSessionUser, insertSession, revokeSession, revokeUserSessions } from '~/models/session.server'
import { claimLoginAttempt, clearLoginAttempts, type LoginThrottlePolicy } from '~/models/login-throttle.server'
import { recordAudit } from '~/models/audit.server'
import { noteAccountLocked, throttleAccountHash } from '~/models/staff-account.server'
import { findUserByEmail, getPasswordHash, recordSuccessfulLogin, setPasswordHash, type StaffUser } from '~/models/user.server'
import { randomToken, sha256 } from './crypto.server'
import { getDb } from './db.server'
import { getEnv } from './env.server'
import { clientIp, consumeLimit } from './rate-limit.server'
import { noteRequestUser } from './request-context.server'

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

export type LoginResult =
  { ok: true; userId: number; role: RoleValue } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; retryAfterSeconds: number }

/** The throttle key of an (account, client IP) pair: a hash, so no address or IP is stored. */
function loginThrottleKey(email: string, ip: string) {
  return sha256(`login\0${email.trim().toLowerCase()}\0${ip}`)
}

function loginPolicy(): LoginThrottlePolicy {
  const env = getEnv()
  return {
    freeAttempts: env.LOGIN_FREE_ATTEMPTS,
    baseDelaySeconds: env.LOGIN_DELAY_SECONDS,
    maxDelaySeconds: env.LOGIN_MAX_DELAY_SECONDS,
    forgetAfterHours: 24,
  }
}

/**
 * Checks a staff login (ADR 006). Failures are throttled per (account, client IP) with
 * growing delays, never per account alone (that would let anyone lock an officer out),
 * and the attempt is claimed before the password is checked, so parallel tries are
 * counted too. Unknown e-mails go through exactly the same steps and answers.
 */
export async function verifyLogin(email: string, password: string, context?: AppLoadContext, now = new Date()): Promise<LoginResult> {
  const perIp = await consumeLimit('login', context)
  if (perIp) return { ok: false, reason: 'throttled', retryAfterSeconds: perIp.retryAfterSeconds }
  const db = await getDb()
  const ip = clientIp(context)
  const key = loginThrottleKey(email, ip ?? 'unknown')
  const policy = loginPolicy()
  const claim = await claimLoginAttempt(db, key, policy, now, throttleAccountHash(email))
  if (!claim.granted) return { ok: false, reason: 'throttled', retryAfterSeconds: claim.retryAfterSeconds }
  const user = await findUserByEmail(db, email)
  let valid = false
  if (!user || !user.active) {
    dummyHash ??= hash('not-a-real-password', ARGON2_OPTIONS)
    await verify(await dummyHash, password)
  } else {
    valid = await verify(user.password_hash, password)
  }
  if (!valid || !user) {
    // The audit trail names the e-mail typed (known or not); the account's jurisdiction
    // sees it when the account exists. The attempt that starts the waits is a lockout.
    const locks = claim.lockedUntil !== null && claim.attempts === policy.freeAttempts
    await db.transaction().execute(async (trx) => {
      const base = {
        jurisdictionId: user?.jurisdiction_id ?? null,
        actorUserId: null,
        entity: user ? ('user' as const) : null,
        entityId: user?.id ?? null,
        subject: email.trim().slice(0, 254),
        ip,
        now,
      }
      await recordAudit(trx, { ...base, kind: 'login_failed' })
      if (locks) await recordAudit(trx, { ...base, kind: 'lockout', after: { until: claim.lockedUntil } })
      if (user && claim.lockedUntil) await noteAccountLocked(trx, user.id, claim.lockedUntil)
    })
    return { ok: false, reason: 'invalid' }
  }
  await db.transaction().execute(async (trx) => {
    await clearLoginAttempts(trx, key)
    await recordSuccessfulLogin(trx, user.id, now)
    await recordAudit(trx, {
      jurisdictionId: user.jurisdiction_id,
      actorUserId: user.id,
      kind: 'login',
      entity: 'user',
      entityId: user.id,
      subject: user.email,
      ip,
      now,
    })
  })
  return { ok: true, userId: user.id, role: user.role }
}

export async function startSession(userId: number, redirectTo: string) {
  const token = randomToken(32)
  const db = await getDb()
  await insertSession(db, { id: sha256(token), userId, expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000) })
  return redirect(redirectTo, { headers: { 'Set-Cookie': await sessionCookie().serialize(token) } })
}

export async function endSession(request: Request, context?: AppLoadContext, now = new Date()) {
  const id = await sessionIdFrom(request)
  if (id) {
    const db = await getDb()
    const user = await findSessionUser(db, id, now)
    await db.transaction().execute(async (trx) => {
      await revokeSession(trx, id, now)
      if (user) await recordAudit(trx, { ...accountEvent(user, context, now), kind: 'logout' })
    })
  }
  return redirect('/', { headers: { 'Set-Cookie': await sessionCookie().serialize('', { maxAge: 0 }) } })
}

/** An audit row about one's own account (the actor is the account). */
function accountEvent(user: Pick<StaffUser, 'id' | 'email' | 'jurisdictionId'>, context: AppLoadContext | undefined, now: Date) {
  return {
    jurisdictionId: user.jurisdictionId,
    actorUserId: user.id,
    entity: 'user' as const,
    entityId: user.id,
    subject: user.email,
    ip: clientIp(context),
    now,
  }
}

/**
 * Changes the signed-in user's own password after checking the current one; the user's
 * other sessions are revoked in the same transaction (a stolen session ends with the old
 * password), this one stays. 'wrong' says nothing beyond that.
 */
export async function changeOwnPassword(
  request: Request,
  user: Pick<StaffUser, 'id' | 'email' | 'jurisdictionId'>,
  current: string,
  next: string,
  context?: AppLoadContext,
  now = new Date(),
): Promise<'changed' | 'wrong'> {
  const db = await getDb()
  if (!(await verify(await getPasswordHash(db, user.id), current))) return 'wrong'
  const passwordHash = await hash(next, ARGON2_OPTIONS)
  const keep = await sessionIdFrom(request)
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, user.id, passwordHash)
    await revokeUserSessions(trx, user.id, now, keep)
    await recordAudit(trx, { ...accountEvent(user, context, now), kind: 'password_changed' })
  })
  return 'changed'
}

/** "Sign out everywhere": revokes all the user's sessions, this one included, and goes to the login page. */
export async function endAllSessions(user: Pick<StaffUser, 'id' | 'email' | 'jurisdictionId'>, context?: AppLoadContext, now = new Date()) {
  await (await getDb()).transaction().execute(async (trx) => {
    await revokeUserSessions(trx, user.id, now)
    await recordAudit(trx, { ...accountEvent(user, context, now), kind: 'sessions_revoked' })
  })
  return redirect('/masuk', { headers: { 'Set-Cookie': await sessionCookie().serialize('', { maxAge: 0 }) } })
}

export async function getStaffUser(request: Request): Promise<StaffUser | null> {
  const id = await sessionIdFrom(request)
  if (!id) return null
  const user = await findSessionUser(await getDb(), id, new Date())
  // The request's log line names the staff user (by id only).
  if (user) noteRequestUser(user.id)
  return user
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
