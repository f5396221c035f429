import { describe, expect, it } from 'vitest'
import { filterSearch } from './public-list-search'

describe('filterSearch', () => {
  it('keeps the filter fields, drops the page and anything else, adds extras', () => {
    const params = new URLSearchParams('kategori=3&halaman=4&status=closed&x=evil&terlambat=on')
    expect(filterSearch(params)).toBe('?kategori=3&status=closed&terlambat=on')
    expect(filterSearch(params, { halaman: '5' })).toBe('?kategori=3&status=closed&terlambat=on&halaman=5')
    expect(filterSearch(new URLSearchParams())).toBe('')
  })
})
