// The URL a request was addressed to, from Host (or X-Forwarded-Host, when Express
// trusts the proxy that set it: req.hostname already made that choice). null when the
// authority is not a valid host[:port]: such a request gets a 400, never a 500 from
// `new URL()` deep inside the adapter (found in review: `Host: [::`, `Host: a b`).
import type { Request } from 'express'

type AddressedRequest = Pick<Request, 'protocol' | 'hostname' | 'originalUrl'> & { get(name: string): string | undefined }

export function requestUrl(req: AddressedRequest): URL | null {
  const chosen = (req.hostname ?? '').toLowerCase()
  const candidates = [req.get('X-Forwarded-Host')?.split(',')[0]?.trim(), req.get('Host')]
  for (const authority of candidates) {
    if (!authority || /[\s/?#@\\]/.test(authority)) continue
    let url: URL
    try {
      url = new URL(`${req.protocol}://${authority}${req.originalUrl}`)
    } catch {
      continue
    }
    // The authority Express chose, with its port (req.hostname drops the port; IPv6 keeps its brackets).
    if (url.hostname.toLowerCase() === chosen) return url
  }
  return null
}
