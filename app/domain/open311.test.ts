import { describe, expect, it } from 'vitest'
import {
  attributeFields,
  checkAttributes,
  chooseLocale,
  formatOpen311Datetime,
  MAX_PAGE_SIZE,
  parseOpen311Datetime,
  parseRequestListQuery,
  splitFormat,
  type StoredAttribute,
} from './open311'

const ZONE = 'Asia/Jakarta'
const now = new Date('2026-11-23T10:00:00Z')

describe('datetimes', () => {
  it('formats in the jurisdiction zone with its offset, seconds precision', () => {
    expect(formatOpen311Datetime(new Date('2026-11-23T17:10:30.900Z'), ZONE)).toBe('2026-11-24T00:10:30+07:00')
    expect(formatOpen311Datetime(new Date('2026-01-01T00:00:00Z'), 'Asia/Jayapura')).toBe('2026-01-01T09:00:00+09:00')
    expect(formatOpen311Datetime(new Date('2026-01-01T00:00:00Z'), 'UTC')).toBe('2026-01-01T00:00:00+00:00')
  })

  it('keeps the right offset on both sides of a change within one UTC day (offsets are cached per day)', () => {
    // New York moves to daylight time at 07:00 UTC on 8 March 2026; imported cities have such zones.
    const zone = 'America/New_York'
    expect(formatOpen311Datetime(new Date('2026-03-08T23:00:00Z'), zone)).toBe('2026-03-08T19:00:00-04:00')
    expect(formatOpen311Datetime(new Date('2026-03-08T06:59:00Z'), zone)).toBe('2026-03-08T01:59:00-05:00')
    expect(formatOpen311Datetime(new Date('2026-03-08T07:00:00Z'), zone)).toBe('2026-03-08T03:00:00-04:00')
    expect(formatOpen311Datetime(new Date('2026-03-09T06:59:00Z'), zone)).toBe('2026-03-09T02:59:00-04:00')
    expect(formatOpen311Datetime(new Date('2026-11-01T05:30:00Z'), zone)).toBe('2026-11-01T01:30:00-04:00')
    expect(formatOpen311Datetime(new Date('2026-11-01T06:30:00Z'), zone)).toBe('2026-11-01T01:30:00-05:00')
  })

  it.each([
    ['2026-11-23T17:10:30Z', '2026-11-23T17:10:30.000Z'],
    ['2026-11-23T17:10:30+07:00', '2026-11-23T10:10:30.000Z'],
    ['2026-11-23T17:10:30-0300', '2026-11-23T20:10:30.000Z'],
    ['2026-11-23T17:10:30.5Z', '2026-11-23T17:10:30.500Z'],
    ['2026-11-23T17:10', '2026-11-23T10:10:00.000Z'],
    ['2026-11-23', '2026-11-22T17:00:00.000Z'],
  ])('parses %s (no offset: the jurisdiction zone)', (text, iso) => {
    expect(parseOpen311Datetime(text, ZONE)?.toISOString()).toBe(iso)
  })

  it.each(['', 'kemarin', '2026-02-31', '2026-13-01', '2026-11-23T24:00:00Z', '2026-11-23T10:00:00+15:00', '23/11/2026', '2026-11-23T10:00:00Zjunk'])(
    'refuses %j',
    (text) => expect(parseOpen311Datetime(text, ZONE)).toBeNull(),
  )

  it('round-trips', () => {
    const at = new Date('2026-03-04T05:06:07Z')
    expect(parseOpen311Datetime(formatOpen311Datetime(at, ZONE), ZONE)).toEqual(at)
  })
})

describe('formats and locale', () => {
  it('splits the suffix', () => {
    expect(splitFormat('services.json')).toEqual({ name: 'services', format: 'json' })
    expect(splitFormat('MLG-ABC.xml')).toEqual({ name: 'MLG-ABC', format: 'xml' })
    expect(splitFormat('services.html')).toBeNull()
    expect(splitFormat('services')).toBeNull()
  })

  it.each([
    [null, null, 'id'],
    ['en', 'id', 'en'],
    ['en-US', null, 'en'],
    [null, 'en-GB,en;q=0.9', 'en'],
    [null, 'fr, en;q=0.5, id;q=0.8', 'id'],
    [null, 'en;q=0, id', 'id'],
    ['xx', 'fr', 'id'],
  ])('locale %j, Accept-Language %j → %s', (param, header, locale) => {
    expect(chooseLocale(param, header)).toBe(locale)
  })
})

describe('request list parameters', () => {
  const parse = (q: Record<string, string>) => parseRequestListQuery(new URLSearchParams(q), now, ZONE)
  const day = 86_400_000

  it('defaults: the last 90 days, page 1 of at most 1000', () => {
    const r = parse({})
    expect(r).toEqual({
      ok: true,
      query: {
        ids: null,
        serviceCodes: null,
        statuses: null,
        from: new Date(now.getTime() - 90 * day),
        to: null,
        updatedAfter: null,
        page: 1,
        pageSize: MAX_PAGE_SIZE,
      },
    })
  })

  it('one date gives a 90-day window from it; updated_after drops the window', () => {
    const start = parse({ start_date: '2026-01-01T00:00:00Z' })
    expect(start.ok && start.query.to).toEqual(new Date(Date.parse('2026-01-01T00:00:00Z') + 90 * day))
    const end = parse({ end_date: '2026-06-01T00:00:00Z' })
    expect(end.ok && end.query.from).toEqual(new Date(Date.parse('2026-06-01T00:00:00Z') - 90 * day))
    const sync = parse({ updated_after: '2020-01-01T00:00:00Z' })
    expect(sync.ok && [sync.query.from, sync.query.to]).toEqual([null, null])
  })

  it('service_request_id overrides every other filter', () => {
    const r = parse({ service_request_id: 'A-1, B-2,A-1', status: 'open', page: '3' })
    expect(r.ok && r.query).toMatchObject({ ids: ['A-1', 'B-2'], statuses: null, from: null, page: 1 })
  })

  it.each([
    [{ status: 'pending' }, 'status'],
    [{ status: '' }, null],
    [{ service_code: 'a b' }, 'service_code'],
    [{ service_request_id: ',,' }, 'service_request_id'],
    [{ start_date: 'x' }, 'start_date'],
    [{ end_date: '2026-01-01', start_date: '2026-02-01' }, 'end_date'],
    [{ updated_after: '2026-02-30' }, 'updated_after'],
    [{ page: '0' }, 'page'],
    [{ page: '1001' }, 'page'],
    [{ page: '1.5' }, 'page'],
    [{ page_size: '1001' }, 'page_size'],
    [{ page_size: '-1' }, 'page_size'],
    [{ page_size: '1000' }, null],
  ])('%j → bad parameter %s', (q, parameter) => {
    const r = parse(q as Record<string, string>)
    expect(r.ok ? null : r.parameter).toBe(parameter)
  })
})

describe('attributes', () => {
  const defs: StoredAttribute[] = [
    { code: 'tiang', datatype: 'string', required: true, order: 1, description: { id: 'Tiang', en: 'Pole' } },
    {
      code: 'jalan',
      datatype: 'singlevaluelist',
      required: false,
      order: 2,
      description: { id: 'Jalan?', en: 'Road?' },
      values: [
        { key: 'ya', name: { id: 'Ya', en: 'Yes' } },
        { key: 'tidak', name: { id: 'Tidak', en: 'No' } },
      ],
    },
    { code: 'jumlah', datatype: 'number', required: false, order: 3, description: { id: 'Jumlah', en: 'Count' } },
    {
      code: 'jenis',
      datatype: 'multivaluelist',
      required: false,
      order: 4,
      description: { id: 'Jenis', en: 'Kind' },
      values: [
        { key: 'a', name: { id: 'A', en: 'A' } },
        { key: 'b', name: { id: 'B', en: 'B' } },
      ],
    },
  ]
  const check = (entries: [string, string][]) => checkAttributes(defs, attributeFields(entries))

  it('keeps valid values', () => {
    expect(
      check([
        ['attribute[tiang]', ' T-1 '],
        ['attribute[jalan]', 'ya'],
        ['attribute[jumlah]', '3'],
        ['attribute[jenis][]', 'a'],
        ['attribute[jenis][]', 'b'],
        ['description', 'ignored'],
      ]),
    ).toEqual({ ok: true, values: { tiang: 'T-1', jalan: 'ya', jumlah: '3', jenis: ['a', 'b'] } })
  })

  it.each([
    [[], 'tiang', 'required'],
    [[['attribute[warna]', 'x']], 'warna', 'unknown'],
    [
      [
        ['attribute[tiang]', 'T'],
        ['attribute[jalan]', 'mungkin'],
      ],
      'jalan',
      'invalid',
    ],
    [
      [
        ['attribute[tiang]', 'T'],
        ['attribute[jumlah]', 'tiga'],
      ],
      'jumlah',
      'invalid',
    ],
    [
      [
        ['attribute[tiang]', 'T'],
        ['attribute[jenis]', 'c'],
      ],
      'jenis',
      'invalid',
    ],
    [
      [
        ['attribute[tiang]', 'T'],
        ['attribute[tiang]', 'U'],
      ],
      'tiang',
      'invalid',
    ],
  ])('%j → %s %s', (entries, code, problem) => {
    expect(check(entries as [string, string][])).toEqual({ ok: false, code, problem })
  })
})
