import { describe, expect, it } from 'vitest'
import { requestUrl } from './request-url'

function req(headers: Record<string, string>, hostname: string, protocol = 'http') {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
  return { protocol, hostname, originalUrl: '/lapor?x=1', get: (name: string) => lower[name.toLowerCase()] }
}

describe('requestUrl', () => {
  it('keeps the port of the Host header', () => {
    expect(requestUrl(req({ Host: 'localhost:3000' }, 'localhost'))?.href).toBe('http://localhost:3000/lapor?x=1')
  })

  it('keeps an IPv6 literal with its port (found in review: the port was lost)', () => {
    expect(requestUrl(req({ Host: '[::1]:3999' }, '[::1]'))?.href).toBe('http://[::1]:3999/lapor?x=1')
  })

  it('uses X-Forwarded-Host with its port when Express trusted it', () => {
    const url = requestUrl(req({ Host: 'app:3000', 'X-Forwarded-Host': 'lapor.example.id:8443, other' }, 'lapor.example.id', 'https'))
    expect(url?.href).toBe('https://lapor.example.id:8443/lapor?x=1')
  })

  it('ignores X-Forwarded-Host when Express did not trust it', () => {
    expect(requestUrl(req({ Host: 'app:3000', 'X-Forwarded-Host': 'evil.example' }, 'app'))?.href).toBe('http://app:3000/lapor?x=1')
  })

  it.each(['[::', 'a b', 'x:99999999', 'ex%ample', 'a@b', 'a/b', 'a\\b', ''])('is null for the Host %j', (host) => {
    expect(requestUrl(req({ Host: host }, host.split(':')[0]!))).toBeNull()
  })

  it('is null for an invalid trusted X-Forwarded-Host', () => {
    expect(requestUrl(req({ Host: 'app:3000', 'X-Forwarded-Host': 'a b:c:d' }, 'a b'))).toBeNull()
  })
})
