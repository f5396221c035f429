import { describe, expect, it } from 'vitest'
import { auditQueryString, isCalendarDay, parseAuditQuery } from './audit-filters'

describe('audit filters in the URL', () => {
  it('reads known values and drops the rest', () => {
    const { query, badDate } = parseAuditQuery(new URLSearchParams('pelaku=7&jenis=login&objek=user&dari=2026-11-01&sampai=2026-11-30&halaman=3'))
    expect(query).toEqual({ actorUserId: 7, kind: 'login', entity: 'user', from: '2026-11-01', to: '2026-11-30', page: 3 })
    expect(badDate).toBe(false)
    const odd = parseAuditQuery(new URLSearchParams('pelaku=-1&jenis=drop%20table&objek=x&dari=2026-02-30&halaman=0'))
    expect(odd.query).toEqual({ page: 1 })
    expect(odd.badDate).toBe(true)
  })

  it('knows real calendar days', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true)
    expect(isCalendarDay('2026-02-29')).toBe(false)
    expect(isCalendarDay('2026-1-1')).toBe(false)
  })

  it('writes the same filters back', () => {
    expect(auditQueryString({ kind: 'login', from: '2026-11-01', page: 2 })).toBe('?jenis=login&dari=2026-11-01&halaman=2')
    expect(auditQueryString({})).toBe('')
  })
})
