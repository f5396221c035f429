// Serves build-time compressed copies of static assets (made by the precompress
// plugin in vite.config.ts): `x.js.br` or `x.js.gz` when the browser accepts them,
// with the original's Content-Type, `Content-Encoding` and `Vary: Accept-Encoding`.
// Anything else falls through to express.static (the uncompressed file).
import { existsSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import type { RequestHandler } from 'express'
import express from 'express'

const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const

export function precompressedAssets(root: string): RequestHandler {
  const base = normalize(root)
  const serve = express.static(base, {
    immutable: true,
    maxAge: '1y',
    index: false,
    setHeaders(res, path) {
      const encoding = ENCODINGS.find((e) => path.endsWith(e.suffix))
      if (!encoding) return
      res.setHeader('Content-Encoding', encoding.name)
      res.type(extname(path.slice(0, -encoding.suffix.length)))
    },
  })
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next()
    res.vary('Accept-Encoding')
    // Without Accept-Encoding a client takes only identity (Negotiator would say "any").
    if (!req.headers['accept-encoding']) return next()
    let path: string
    try {
      path = decodeURIComponent(req.path)
    } catch {
      return next()
    }
    const file = normalize(join(base, path))
    if (!file.startsWith(base + sep) || path.endsWith('.br') || path.endsWith('.gz')) return next()
    // Our preference (brotli is smaller), among what the client accepts at all.
    const encoding = ENCODINGS.find((e) => req.acceptsEncodings(e.name) === e.name && existsSync(file + e.suffix))
    if (!encoding) return next()
    const original = req.url
    req.url = req.url.replace(/(\?|$)/, `${encoding.suffix}$1`)
    serve(req, res, (error?: unknown) => {
      req.url = original
      next(error)
    })
  }
}
