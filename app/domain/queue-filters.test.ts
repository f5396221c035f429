import { describe, expect, it } from 'vitest'
import { containsPattern, parseQueueFilters, queueFilterParams } from './queue-filters'

describe('queue filters in the URL', () => {
  it('reads every filter and writes it back the same', () => {
    const url = 'status=verified&kategori=12&wilayah=340&terlambat=1&eskalasi=1&tugas=saya&usulan_tolak=1&q=lampu+mati'
    const filters = parseQueueFilters(new URLSearchParams(url))
    expect(filters).toEqual({
      status: 'verified',
      categoryId: 12,
      areaId: 340,
      overdue: true,
      escalated: true,
      assignee: 'saya',
      rejectProposed: true,
      q: 'lampu mati',
    })
    expect(queueFilterParams(filters).toString()).toBe(url)
  })

  it('drops nonsense instead of failing (no filter, not an error page)', () => {
    const filters = parseQueueFilters(new URLSearchParams('status=closed&kategori=-1&wilayah=99999999999&terlambat=yes&tugas=x&q=%20%20'))
    expect(filters).toEqual({})
    expect(parseQueueFilters(new URLSearchParams(`q=${'a'.repeat(500)}`)).q).toHaveLength(100)
  })

  it('escapes LIKE wildcards so a search matches literally', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%')
  })
})
