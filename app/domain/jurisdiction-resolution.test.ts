import { describe, expect, it } from 'vitest'
import { firstSegment, isStaffPath, parseHostMap, publicPath, resolveJurisdiction } from './jurisdiction-resolution'

const settings = {
  slugs: ['kota-malang', 'kota-madiun'],
  hosts: parseHostMap('lapor.madiunkota.go.id=kota-madiun, LAPOR.malangkota.go.id=kota-malang'),
  defaultSlug: 'kota-malang',
}

describe('resolveJurisdiction', () => {
  it('bare paths on an unmapped host serve the default', () => {
    expect(resolveJurisdiction({ pathname: '/lapor', hostname: 'localhost' }, settings)).toEqual({ slug: 'kota-malang', prefix: '', by: 'default' })
    expect(resolveJurisdiction({ pathname: '/', hostname: 'localhost' }, settings).slug).toBe('kota-malang')
  })
  it('a mapped host serves its jurisdiction on bare paths (case-insensitive)', () => {
    expect(resolveJurisdiction({ pathname: '/lapor', hostname: 'Lapor.MadiunKota.go.id' }, settings)).toEqual({ slug: 'kota-madiun', prefix: '', by: 'host' })
  })
  it('a known path prefix wins over the host, in every install', () => {
    expect(resolveJurisdiction({ pathname: '/kota-madiun/lapor', hostname: 'lapor.malangkota.go.id' }, settings)).toEqual({
      slug: 'kota-madiun',
      prefix: '/kota-madiun',
      by: 'prefix',
    })
    expect(resolveJurisdiction({ pathname: '/kota-madiun', hostname: 'localhost' }, settings).prefix).toBe('/kota-madiun')
    // Remix single fetch: /kota-madiun.data is the prefixed home page's data.
    expect(resolveJurisdiction({ pathname: '/kota-madiun.data', hostname: 'localhost' }, settings).slug).toBe('kota-madiun')
  })
  it('an unknown first segment is no prefix (the route answers 404 itself)', () => {
    expect(resolveJurisdiction({ pathname: '/kota-atlantis/lapor', hostname: 'localhost' }, settings)).toEqual({
      slug: 'kota-malang',
      prefix: '',
      by: 'default',
    })
  })
})

describe('helpers', () => {
  it('firstSegment', () => {
    expect(firstSegment('/')).toBe('')
    expect(firstSegment('/laporan/ABC')).toBe('laporan')
    expect(firstSegment('/_root.data')).toBe('_root')
  })
  it('parseHostMap refuses malformed pairs', () => {
    expect(() => parseHostMap('nohost')).toThrow(/host=slug/)
    expect(parseHostMap(undefined).size).toBe(0)
    expect(parseHostMap('').size).toBe(0)
  })
  it('publicPath keeps the prefix', () => {
    expect(publicPath('', '/lapor')).toBe('/lapor')
    expect(publicPath('/kota-madiun', '/lapor')).toBe('/kota-madiun/lapor')
    expect(publicPath('/kota-madiun', '/')).toBe('/kota-madiun')
  })
  it('isStaffPath', () => {
    expect(isStaffPath('/petugas/laporan/MLG-1')).toBe(true)
    expect(isStaffPath('/dasbor')).toBe(true)
    expect(isStaffPath('/admin/surat')).toBe(true)
    expect(isStaffPath('/lapor')).toBe(false)
    expect(isStaffPath('/petugasx')).toBe(false)
  })
})
