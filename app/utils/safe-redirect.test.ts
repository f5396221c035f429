import { describe, expect, it } from 'vitest'
import { safeRedirect } from './safe-redirect'

describe('safeRedirect', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeRedirect('/petugas')).toBe('/petugas')
    expect(safeRedirect('/laporan/MLG-ABC?x=1&y=%20z')).toBe('/laporan/MLG-ABC?x=1&y=%20z')
    expect(safeRedirect('/petugas/laporan/MLG-1#notes')).toBe('/petugas/laporan/MLG-1#notes')
  })

  it.each([
    ['tab between slashes (browsers drop it → //evil.example)', '/\t/evil.example'],
    ['CR', '/\r/evil.example'],
    ['LF', '/\n/evil.example'],
    ['CRLF header injection', '/ok\r\nSet-Cookie: x=1'],
    ['NUL', '/\0/evil.example'],
    ['protocol-relative', '//evil.example'],
    ['backslash', '/\\evil.example'],
    ['backslash later', '/a\\..\\\\evil.example'],
    ['absolute URL', 'https://evil.example/'],
    ['javascript:', 'javascript:alert(1)'],
    ['relative path', 'petugas'],
    ['space', '/ /evil.example'],
    ['non-Latin-1', '/laporan/\u4e2d'],
    ['Latin-1 but not ASCII', '/caf\u00e9'],
    ['empty', ''],
    ['dot-segment that normalises to //', '/.//evil.example'],
    ['double-dot segment that normalises to //', '/..//evil.example'],
    ['encoded dot-segment', '/%2e//evil.example'],
    ['encoded double-dot segment', '/%2e%2e//evil.example'],
    ['dot-segment after a path', '/a/..//evil.example'],
  ])('refuses %s', (_label, target) => {
    expect(safeRedirect(target, '/fallback')).toBe('/fallback')
  })

  it('refuses non-strings', () => {
    expect(safeRedirect(null, '/f')).toBe('/f')
    expect(safeRedirect(undefined, '/f')).toBe('/f')
  })

  it('never returns something that leaves the site, for decoded query values seen in the wild', () => {
    for (const raw of [
      '%2F%09%2Fevil.example',
      '/%09/evil.example',
      '/%5Cevil.example',
      '%2F%2Fevil.example',
      '%2F.%2F%2Fevil.example',
      '/%2e%2e//evil.example',
    ]) {
      const decoded = new URLSearchParams(`next=${raw}`).get('next')
      const target = safeRedirect(decoded, '/fallback')
      expect(new URL(target, 'http://melayani.test').origin).toBe('http://melayani.test')
    }
  })
})
