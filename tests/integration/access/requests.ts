// Request builders shared by the access cases.
import type { CaseContext } from './types'

export const getRequest = (path: string) => (ctx: CaseContext) => new Request(`${ctx.origin}${path}`, { headers: { Cookie: ctx.cookie } })

export function postRequest(path: string, fields: Record<string, string>, ctx: CaseContext) {
  return new Request(`${ctx.origin}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: ctx.origin, Cookie: ctx.cookie } })
}
