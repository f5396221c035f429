// The report form as server-rendered HTML: what a browser without JavaScript gets.
import { describe, expect, it } from 'vitest'
import { renderRoute } from '../../tests/support/render-route'
import ReportForm from './lapor'

const category = { description_id: 'Uraian', description_en: 'About', is_emergency: false, emergency_advice_id: null, emergency_advice_en: null }
const loaderData = {
  categories: [
    { id: 1, code: 'pju', name_id: 'Lampu jalan', name_en: 'Street light', privacy_rule: 'citizen_choice', ...category },
    { id: 2, code: 'perilaku_asn', name_id: 'Perilaku ASN', name_en: 'Civil servant conduct', privacy_rule: 'always_confidential', ...category },
  ],
  kelurahan: [
    { id: 10, name: 'Arjosari', kecamatan_name: 'Blimbing' },
    { id: 11, name: 'Kiduldalem', kecamatan_name: 'Klojen' },
  ],
  idempotencyKey: 'key-12345678',
  preselectedCategoryId: null as number | null,
}

const render = (options: { preselectedCategoryId?: number; actionData?: unknown } = {}) =>
  renderRoute({
    path: '/lapor',
    Component: ReportForm,
    loaderData: { ...loaderData, preselectedCategoryId: options.preselectedCategoryId ?? null },
    actionData: options.actionData,
  })

function refused(initialValue: Record<string, unknown>, error: Record<string, string[]>, extra: Record<string, unknown> = {}) {
  return { result: { status: 'error', initialValue, error }, locationConflict: null, pointDropped: false, stashedPhotos: [], ...extra }
}

/** The opening tag of the element with this id. */
const tag = (html: string, id: string) => html.match(new RegExp(`<[^>]*id="${id}"[^>]*>`))?.[0] ?? ''

describe('report form without JavaScript', () => {
  it('says under each privacy choice what happens to contact details', () => {
    const html = render()
    expect(html).toContain(
      'Kontak yang Anda isi tetap disimpan, tetapi hanya untuk mengirim kabar laporan kepada Anda; petugas tidak pernah melihat nama dan kontak Anda.',
    )
    expect(html).toContain('Petugas yang menangani melihat nama dan kontak Anda untuk menghubungi Anda.')
    expect(html).toContain('beserta nama dan kontak Anda')
  })

  it('a misconduct category shows "Rahasia" chosen and the other choices locked, also for a posted form', () => {
    for (const html of [
      render({ preselectedCategoryId: 2 }),
      render({ actionData: refused({ categoryId: '2', privacy: 'public', description: 'x' }, { description: ['Uraian minimal 10 huruf.'] }) }),
    ]) {
      expect(tag(html, 'privacy-confidential')).toMatch(/checked=""/)
      expect(tag(html, 'privacy-public')).not.toMatch(/checked=""/)
      expect(tag(html, 'privacy-public')).toMatch(/disabled=""/)
      expect(tag(html, 'privacy-anonymous')).toMatch(/disabled=""/)
      expect(html).toContain('Untuk jenis masalah ini pilihan dikunci pada &quot;Rahasia&quot;.')
    }
    const free = render({ preselectedCategoryId: 1 })
    expect(tag(free, 'privacy-public')).toMatch(/checked=""/)
    expect(tag(free, 'privacy-public')).not.toMatch(/disabled/)
  })

  it('a point in another kelurahan comes back with the question and both choices, the point kept', () => {
    const html = render({
      actionData: refused(
        { categoryId: '1', areaId: '10', lat: '-7.98264', lng: '112.63087', description: 'Lampu jalan mati sejak kemarin.', privacy: 'public' },
        { areaId: ['Titik lokasi tidak berada di kelurahan yang dipilih. Jawab pertanyaan di bawah.'] },
        { locationConflict: { chosenAreaId: 10, locatedAreaId: 11 } },
      ),
    })
    expect(html).toContain('Titik lokasi Anda berada di Kel. Kiduldalem, bukan di Kel. Arjosari yang Anda pilih. Mana yang benar?')
    expect(tag(html, 'location-choice-point')).toMatch(/name="locationChoice"[^>]*value="point"/)
    expect(tag(html, 'location-choice-area')).toMatch(/name="locationChoice"[^>]*value="area"/)
    expect(html).toMatch(/name="lat" value="-7.98264"/)
  })

  it('a point outside the city is not sent back', () => {
    const html = render({
      actionData: refused(
        { categoryId: '1', areaId: '10', lat: '-6.17539', lng: '106.82715', description: 'Lampu jalan mati sejak kemarin.', privacy: 'public' },
        { areaId: ['Lokasi berada di luar wilayah ini. Pilih kelurahan.'] },
        { pointDropped: true },
      ),
    })
    expect(html).toMatch(/name="lat" value=""/)
  })

  it('after a refused submit with photos, shows them attached, each with a way to remove it', () => {
    const key = 'AbCdEfGhIjKlMnOpQrStUv.jpg'
    const html = render({
      actionData: refused(
        { categoryId: '1', description: 'x' },
        { description: ['Uraian minimal 10 huruf.'] },
        { stashedPhotos: [{ storageKey: key, width: 1600, height: 1200 }] },
      ),
    })
    expect(html).toContain('Foto yang sudah terlampir')
    const checkbox = tag(html, 'keep-photo-1')
    for (const attribute of ['type="checkbox"', 'name="keepPhoto"', `value="${key}"`, 'checked=""']) expect(checkbox).toContain(attribute)
    expect(html).toContain(`src="/foto/sementara/${key}"`)
    expect(html).toContain('Hapus centang untuk membuang foto.')
    expect(render({ actionData: refused({ categoryId: '1', description: 'x' }, { description: ['Uraian minimal 10 huruf.'] }) })).not.toContain('keepPhoto')
  })
})
