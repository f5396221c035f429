import { describe, expect, it } from 'vitest'
import { parseTrustProxy } from '~/utils/http-settings.server'
import { contentSecurityPolicy } from './security-headers'

describe('contentSecurityPolicy', () => {
  const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]))

  it('allows scripts only from self and the nonce, never inline or eval; no framing', () => {
    const csp = directives(contentSecurityPolicy('abc123', { publicOrigin: null, mapTileOrigin: null }))
    expect(csp['script-src']).toEqual(["'self'", "'nonce-abc123'"])
    expect(csp['frame-ancestors']).toEqual(["'none'"])
    expect(csp['object-src']).toEqual(["'none'"])
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'blob:'])
    expect(csp['upgrade-insecure-requests']).toBeUndefined()
  })

  it('adds the map tile origin to img-src and upgrades requests on https', () => {
    const csp = directives(contentSecurityPolicy('n', { publicOrigin: 'https://lapor.malangkota.go.id', mapTileOrigin: 'https://tile.openstreetmap.org' }))
    expect(csp['img-src']).toContain('https://tile.openstreetmap.org')
    expect(csp['upgrade-insecure-requests']).toEqual([])
  })
})

describe('parseTrustProxy', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['false', false],
    ['0', false],
    ['true', true],
    ['1', 1],
    ['2', 2],
    ['loopback', 'loopback'],
    ['10.0.0.0/8, 127.0.0.1', '10.0.0.0/8, 127.0.0.1'],
  ])('%s → %s', (input, expected) => {
    expect(parseTrustProxy(input)).toEqual(expected)
  })
})
