// After filing, the confirmation (with the private link) is carried to the report
// page in a short-lived signed cookie, shown once, then cleared.
import { createCookie } from '@remix-run/node'
import { getEnv } from './env.server'

export interface ReportFlash {
  code: string
  token: string | null
  replayed: boolean
}

function cookieFor(code: string) {
  return createCookie(`filed_${code.replace(/[^A-Z0-9]/g, '')}`, {
    // Not /laporan/{code}: with single fetch the page data comes from /laporan/{code}.data.
    path: '/laporan',
    httpOnly: true,
    sameSite: 'lax',
    secure: getEnv().APP_BASE_URL?.startsWith('https://') ?? false,
    secrets: [getEnv().SESSION_SECRET],
    maxAge: 600,
  })
}

export function serializeReportFlash(flash: ReportFlash) {
  return cookieFor(flash.code).serialize(flash)
}

export async function readReportFlash(request: Request, code: string): Promise<{ flash: ReportFlash | null; clear: string | null }> {
  const cookie = cookieFor(code)
  const value = (await cookie.parse(request.headers.get('Cookie'))) as ReportFlash | null
  if (!value || value.code !== code) return { flash: null, clear: null }
  return { flash: value, clear: await cookie.serialize('', { maxAge: 0 }) }
}
