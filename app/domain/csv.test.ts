import { describe, expect, it } from 'vitest'
import { csvCell, csvLine, toCsv } from './csv'

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(null)).toBe('')
    expect(csvCell(42)).toBe('42')
  })

  it.each(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1'])('defuses a formula: %s', (value) => {
    const cell = csvCell(value)
    expect(cell.replace(/^"/, '')).toMatch(/^'/)
  })

  it('writes dates as ISO and objects as JSON', () => {
    expect(csvCell(new Date('2026-01-02T03:04:05Z'))).toBe('2026-01-02T03:04:05.000Z')
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"')
    expect(csvLine(['x', 'y'])).toBe('x,y\r\n')
  })
})

describe('csvCell (public list cases)', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"')
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell(null)).toBe('')
    expect(csvCell(12)).toBe('12')
  })
  it('neutralises formulas (CSV injection)', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`)
    expect(csvCell('+62812')).toBe("'+62812")
    expect(csvCell('-1+1')).toBe("'-1+1")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\t=1')).toBe("'\t=1")
    // Numbers the app writes itself (a negative latitude) stay numbers.
    expect(csvCell(-7.981)).toBe('-7.981')
  })
})

describe('toCsv', () => {
  it('BOM, header, CRLF rows', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n')
  })
})
