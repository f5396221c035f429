// The report page as server-rendered HTML: the confirmation and the rating form.
import { describe, expect, it } from 'vitest'
import { renderRoute } from '../../tests/support/render-route'
import ReportPage from './laporan.$code'

const report = {
  id: 1,
  code: 'MLG-ABC234',
  status: 'resolved',
  privacy: 'public',
  description: 'Lampu jalan mati di depan gang lima.',
  address: null,
  lat: null,
  lng: null,
  created_at: '2026-11-02T02:00:00.000Z',
  first_response_at: '2026-11-02T03:00:00.000Z',
  resolved_at: '2026-11-03T03:00:00.000Z',
  closed_at: null,
  response_due_at: '2026-11-03T09:00:00.000Z',
  resolution_due_at: '2026-11-09T09:00:00.000Z',
  reopen_count: 0,
  version: 3,
  reject_reason: null,
  current_unit_id: 1,
  jurisdiction_id: 1,
  category_name_id: 'Lampu jalan',
  category_name_en: 'Street light',
  category_code: 'pju',
  kelurahan_name: 'Arjosari',
  kecamatan_name: 'Blimbing',
  unit_name: 'DPUPRPKP',
  unit_short_name: 'DPU',
  time_zone: 'Asia/Jakarta',
  jurisdiction_name: 'Kota Malang',
}
const page = (overrides: Record<string, unknown> = {}, reportOverrides: Record<string, unknown> = {}) => ({
  report: { ...report, ...reportOverrides },
  rating: null,
  canRate: false,
  timeline: [],
  photos: [],
  token: null,
  privateLink: null,
  justFiled: false,
  replayed: false,
  ratedOutcome: null,
  now: '2026-11-04T00:00:00.000Z',
  ...overrides,
})
const render = (loaderData: unknown, actionData?: unknown) =>
  renderRoute({ path: '/laporan/:code', url: '/laporan/MLG-ABC234', Component: ReportPage, loaderData, actionData })
const tag = (html: string, id: string) => html.match(new RegExp(`<[^>]*id="${id}"[^>]*>`))?.[0] ?? ''

describe('report confirmation', () => {
  it('a confidential report says that only the private link shows it, not "note this code to track it"', () => {
    const link = 'http://localhost/laporan/MLG-ABC234?t=abcdefghijklmnopqrstuv'
    const html = render(
      page({ justFiled: true, token: 'abcdefghijklmnopqrstuv', privateLink: link }, { privacy: 'confidential', status: 'submitted', resolved_at: null }),
    )
    expect(html).toContain('Laporan rahasia tidak dapat dilacak dengan kode ini; hanya tautan pribadi di bawah yang menampilkannya.')
    expect(html).not.toContain('Catat kode ini untuk melacak')
    const open = render(page({ justFiled: true, token: 'abcdefghijklmnopqrstuv', privateLink: link }, { status: 'submitted', resolved_at: null }))
    expect(open).toContain('Catat kode ini untuk melacak')
  })
})

describe('rating form', () => {
  it('after a reopen and a second resolution, the private link offers the form again', () => {
    const html = render(
      page({ token: 'abcdefghijklmnopqrstuv', canRate: true, rating: { score: 2, comment: null, fixed: 'no', resolution_number: 1 } }, { reopen_count: 1 }),
    )
    expect(html).toContain('id="rate-heading"')
    expect(
      render(page({ token: 'abcdefghijklmnopqrstuv', canRate: false, rating: { score: 5, comment: null, fixed: 'yes' } }, { status: 'closed' })),
    ).not.toContain('id="rate-heading"')
  })

  it('every radio belongs to the form and points at its error, which has an id', () => {
    const actionData = {
      result: {
        status: 'error',
        initialValue: { token: 'abcdefghijklmnopqrstuv', comment: 'mantap' },
        error: { score: ['Pilih nilai 1 sampai 5.'], fixed: ['Pilih salah satu.'] },
      },
      notAllowed: false,
    }
    const html = render(page({ token: 'abcdefghijklmnopqrstuv', canRate: true }), actionData)
    const formId = html.match(/<form[^>]*id="([^"]+)"/)?.[1]
    expect(formId).toBeTruthy()
    for (const [field, ids] of [
      ['score', ['score-1', 'score-5']],
      ['fixed', ['fixed-yes', 'fixed-unknown']],
    ] as const) {
      for (const id of ids) {
        const input = tag(html, id)
        expect(input).toContain(`form="${formId}"`)
        expect(input).toContain('aria-invalid="true"')
        const describedBy = input.match(/aria-describedby="([^"]+)"/)?.[1] ?? ''
        const errorId = describedBy.split(' ').find((d) => html.includes(`id="${d}" role="alert"`))
        expect(errorId, `${id} points at its error`).toBeTruthy()
        expect(html).toMatch(new RegExp(`id="${errorId}" role="alert">${field === 'score' ? 'Pilih nilai 1 sampai 5.' : 'Pilih salah satu.'}<`))
      }
    }
  })
})
