import { describe, expect, it } from 'vitest'
import { csvCell, toDashboardCsv } from './dashboard-csv'

describe('dashboard CSV', () => {
  it('defuses formulas and quotes separators', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`)
    expect(csvCell('+62 811')).toBe("'+62 811")
    expect(csvCell('-5')).toBe("'-5")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('Dinas, Jalan')).toBe('"Dinas, Jalan"')
    expect(csvCell(-0.25)).toBe('-0.25')
    expect(csvCell(1 / 3)).toBe('0.3333')
    expect(csvCell(null)).toBe('')
  })

  it('writes the columns in order, CRLF', () => {
    expect(toDashboardCsv('umur', [{ band: 'lt_1d', open: 3, overdue: 1 }])).toBe('band,open,overdue\r\nlt_1d,3,1\r\n')
  })
})
