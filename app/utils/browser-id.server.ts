// A random id per browser, in an httpOnly SameSite cookie. It binds idempotency keys to
// the browser that got the form, so a key copied elsewhere replays nothing, and lets the
// same browser's no-JS resubmit land on the report it already filed. Not a session and
// not signed: a forged value only ever matches reports filed with that same value.
import { createCookie } from '@remix-run/node'
import { randomToken } from './crypto.server'
import { getEnv } from './env.server'

const BROWSER_ID = /^[A-Za-z0-9_-]{22}$/

let cookie: ReturnType<typeof createCookie> | null = null
function browserCookie() {
  cookie ??= createCookie('browser', {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: getEnv().APP_BASE_URL?.startsWith('https://') ?? false,
    // Long enough to cover a form left open; short enough not to become a tracker.
    maxAge: 24 * 3600,
  })
  return cookie
}

/** The browser's id, and a Set-Cookie value when it had none (a new id was made). */
export async function browserIdentity(request: Request): Promise<{ id: string; setCookie: string | null }> {
  const value: unknown = await browserCookie().parse(request.headers.get('Cookie'))
  if (typeof value === 'string' && BROWSER_ID.test(value)) return { id: value, setCookie: null }
  const id = randomToken(16)
  return { id, setCookie: await browserCookie().serialize(id) }
}
