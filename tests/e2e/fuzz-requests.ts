// Generated hostile requests for the fuzz test: every route and form, odd query
// parameters, every body encoding (urlencoded, multipart, malformed multipart, JSON,
// XML, text, none, oversized), and values that are malformed, oversized, unicode,
// NUL-laced, negative, huge numbers or arrays instead of scalars. Deterministic for
// a seed, so a failure can be replayed.

import { createHmac } from 'node:crypto'

/** The app secret the fuzz server runs with, so signed webhook payloads reach the conversation code. */
export const FUZZ_WHATSAPP_SECRET = 'fuzz-app-secret'

export interface FuzzRequest {
  label: string
  method: string
  path: string
  headers: Record<string, string>
  body?: string | Uint8Array<ArrayBuffer>
}

export interface FuzzOptions {
  count: number
  seed: number
  /** Tracking codes that exist (the staff queue's). */
  codes: string[]
  baseUrl: string
  cookies: { supervisor: string; executive: string; admin: string }
}

function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NASTY_VALUES = [
  '',
  ' ',
  '0',
  '-1',
  '-2147483649',
  '2147483648',
  '99999999999999999999999999',
  '1e308',
  '-1e308',
  '1e-400',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1.5',
  '١٢٣', // Arabic-Indic digits
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '\0',
  'a\0b',
  '\0\0\0\0',
  'Lampu\0 jalan mati di depan gang lima',
  '%00',
  '%',
  '%E0%A4%A',
  '\r\nSet-Cookie: x=y',
  '\t\v\f\b',
  '\u202eevil',
  '\ufeff',
  '\u0301\u0301\u0301',
  'Jl. Ñandú 日本語 🙂🙂 ﷽',
  '𝕳𝖊𝖑𝖑𝖔'.repeat(50),
  "' OR 1=1 --",
  '"; DROP TABLE reports; --',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '//evil.example',
  '/\t/evil.example',
  'javascript:alert(1)',
  'budi@example.com',
  'a@b',
  'x'.repeat(255),
  'y'.repeat(2001),
  'z'.repeat(70_000),
  'public',
  'anonymous',
  'confidential',
  'verify',
  'start',
  'resolve',
  'reject',
  'transfer',
  'public_update',
  'internal_note',
  'mark_duplicate',
  'yes',
  'no',
  '5',
  '1',
  '-7.98',
  '112.63',
  '0812-3456-7890',
  '+62 812 3456 7890',
  // Citizen follow-up (issue 8 §1–3).
  'support',
  'ikm',
]

const FORMS: Record<string, { path: (code: string) => string; fields: string[]; staff?: boolean | 'admin'; files?: boolean }> = {
  lapor: {
    path: () => '/lapor',
    fields: ['categoryId', 'areaId', 'lat', 'lng', 'description', 'address', 'name', 'email', 'phone', 'privacy', 'idempotencyKey', 'photos'],
    files: true,
  },
  masuk: { path: () => '/masuk', fields: ['email', 'password', 'redirectTo'] },
  keluar: { path: () => '/keluar', fields: ['x'] },
  rating: { path: (c) => `/laporan/${c}`, fields: ['token', 'score', 'fixed', 'comment'] },
  staff: { path: (c) => `/petugas/laporan/${c}`, fields: ['intent', 'version', 'body', 'reason', 'toUnitId'], staff: true },
  // The fuzzed values never spell 'sign_out_everywhere', so the run keeps its session.
  account: { path: () => '/petugas/akun', fields: ['intent', 'current', 'next', 'repeat'], staff: true },
  notifyMode: { path: () => '/petugas/pemberitahuan', fields: ['intent', 'mode'], staff: true },
  retryNotification: { path: () => '/admin/notifikasi', fields: ['intent', 'id'], staff: 'admin' },
  // Staff accounts, API keys, set-password link (issue 7 §2). Fuzzed intents never spell a real one.
  staffInvite: { path: () => '/admin/staf', fields: ['intent', 'name', 'email', 'role', 'unitId'], staff: 'admin' },
  staffMember: { path: () => '/admin/staf/1', fields: ['intent', 'role', 'unitId'], staff: 'admin' },
  apiKeys: { path: () => '/admin/kunci-api', fields: ['intent', 'name', 'id'], staff: 'admin' },
  setPassword: { path: () => '/akun/sandi', fields: ['t', 'next', 'repeat'] },
  // Reference administration (issue 7 §2). The fuzzed values never spell a unit kind or an intent these forms accept.
  adminUnitNew: { path: () => '/admin/unit', fields: ['name', 'shortName', 'kind', 'parentId'], staff: 'admin' },
  adminUnit: { path: () => '/admin/unit/1', fields: ['intent', 'name', 'shortName', 'kind', 'parentId', 'moveToUnitId'], staff: 'admin' },
  adminCategory: {
    path: () => '/admin/kategori/baru',
    fields: [
      'code',
      'groupCode',
      'icon',
      'nameId',
      'nameEn',
      'descriptionId',
      'descriptionEn',
      'defaultUnitId',
      'privacyRule',
      'isMisconduct',
      'responseTarget',
      'responseClock',
      'resolutionTarget',
      'resolutionClock',
      'sortOrder',
      'active',
    ],
    staff: 'admin',
  },
  adminRoute: { path: () => '/admin/rute', fields: ['intent', 'id', 'categoryId', 'scope', 'areaId', 'unitId', 'precedence', 'note'], staff: 'admin' },
  adminHoliday: { path: () => '/admin/libur', fields: ['intent', 'id', 'date', 'name', 'kind', 'csv'], staff: 'admin' },
  // GET-only routes posted to.
  lacak: { path: () => '/lacak', fields: ['kode', 'intent', 'code', 'contact'] },
  dasbor: { path: () => '/dasbor', fields: ['dari', 'sampai', 'unit', 'kategori', 'kecamatan'], staff: true },
  home: { path: () => '/', fields: ['q'] },
  api: { path: () => '/api/kelurahan', fields: ['lat', 'lng'] },
  whatsapp: { path: () => '/webhooks/whatsapp', fields: ['entry', 'object', 'hub.challenge'] },
  // Open311 POST (issue 9); the fuzzed api_key is never valid, so most stop at 403.
  open311: {
    path: () => '/open311/v2/requests.json',
    fields: [
      'api_key',
      'service_code',
      'lat',
      'long',
      'address_string',
      'address_id',
      'description',
      'email',
      'phone',
      'first_name',
      'attribute[nomor_tiang]',
      'media_url',
      'jurisdiction_id',
    ],
  },
  // Citizen follow-up (issue 8 §1–2): the nearby step's confirmation and "saya juga".
  laporConfirm: { path: () => '/lapor', fields: ['categoryId', 'areaId', 'lat', 'lng', 'description', 'privacy', 'confirmNew'] },
  support: { path: (c) => `/laporan/${c}`, fields: ['intent', 'email', 'phone'] },
  ikm: { path: (c) => `/laporan/${c}`, fields: ['intent', 'token', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] },
  // Officer workflow (ADR 018): the report page's new intents and fields (after photos: multipart), templates, channels.
  officerActions: {
    path: (c) => `/petugas/laporan/${c}`,
    fields: ['intent', 'version', 'body', 'reason', 'toUnitId', 'assigneeId', 'originalId', 'photos'],
    staff: true,
    files: true,
  },
  templates: { path: () => '/petugas/templat', fields: ['intent', 'id', 'title', 'body'], staff: true },
  notifyChannels: { path: () => '/petugas/pemberitahuan', fields: ['intent', 'email', 'whatsapp', 'phone'], staff: true },
  // Issue 8 §4–5: the public list (GET-only) and a prefixed city's form.
  publicList: { path: () => '/laporan', fields: ['kategori', 'status'] },
  // Without photos: the prefix only changes which jurisdiction the same action files into.
  laporMadiun: { path: () => '/kota-madiun/lapor', fields: ['categoryId', 'areaId', 'lat', 'lng', 'description', 'privacy', 'idempotencyKey'] },
}

const GET_ROUTES: { path: (code: string) => string; params: string[]; staff?: 'supervisor' | 'executive' | 'admin' }[] = [
  { path: () => '/', params: ['x'] },
  { path: () => '/lapor', params: ['kategori'] },
  { path: () => '/lacak', params: ['kode'] },
  { path: (c) => `/laporan/${c}`, params: ['t', 'dinilai'] },
  { path: (c) => `/laporan/${c}.data`, params: ['t', '_routes'] },
  { path: () => '/foto/abcdefghijklmnopqrstuvwx.jpg', params: ['t'] },
  { path: () => '/api/kelurahan', params: ['lat', 'lng'] },
  { path: () => '/webhooks/whatsapp', params: ['hub.mode', 'hub.verify_token', 'hub.challenge'] },
  { path: () => '/bahasa', params: ['lang', 'next'] },
  { path: () => '/masuk', params: ['redirectTo'] },
  { path: () => '/keluar', params: [] },
  { path: () => '/healthz', params: [] },
  { path: () => '/petugas', params: ['dialihkan', 'halaman'], staff: 'supervisor' },
  { path: (c) => `/petugas/laporan/${c}`, params: ['tersimpan'], staff: 'supervisor' },
  { path: (c) => `/petugas/laporan/${c}.data`, params: ['tersimpan'], staff: 'supervisor' },
  { path: () => '/dasbor', params: ['dari', 'sampai', 'unit', 'kategori', 'kecamatan', 'sub'], staff: 'executive' },
  { path: () => '/dasbor.data', params: ['dari', 'sampai', 'unit'], staff: 'executive' },
  { path: () => '/dasbor.csv', params: ['tabel', 'dari', 'sampai', 'unit', 'kategori', 'kecamatan'], staff: 'executive' },
  { path: () => '/dasbor/laporan', params: ['dari', 'sampai', 'unit', 'keadaan', 'umur', 'kelurahan'], staff: 'supervisor' },
  { path: () => '/petugas/akun', params: ['x'], staff: 'supervisor' },
  { path: () => '/petugas/pemberitahuan', params: ['x'], staff: 'supervisor' },
  { path: (c) => `/petugas/laporan/${c}`, params: ['tersimpan'], staff: 'executive' },
  { path: () => '/admin/surat', params: ['id', 'halaman'], staff: 'admin' },
  { path: () => '/admin/notifikasi', params: ['x'], staff: 'admin' },
  { path: () => '/admin/staf', params: ['peran', 'unit'], staff: 'admin' },
  { path: () => '/admin/staf/1', params: ['x'], staff: 'admin' },
  { path: () => '/admin/kunci-api', params: ['x'], staff: 'admin' },
  { path: () => '/admin/audit', params: ['pelaku', 'jenis', 'objek', 'dari', 'sampai', 'halaman'], staff: 'admin' },
  { path: () => '/admin/audit.csv', params: ['pelaku', 'jenis', 'objek', 'dari', 'sampai'], staff: 'admin' },
  { path: () => '/akun/sandi', params: ['t'] },
  { path: () => '/admin', params: ['x'], staff: 'admin' },
  { path: () => '/admin/unit', params: ['x'], staff: 'admin' },
  { path: () => '/admin/unit/1', params: ['dibuat'], staff: 'admin' },
  { path: () => '/admin/kategori', params: ['x'], staff: 'admin' },
  { path: () => '/admin/kategori/1', params: ['dibuat'], staff: 'admin' },
  { path: () => '/admin/rute', params: ['ubah', 'kategori', 'kelurahan'], staff: 'admin' },
  { path: () => '/admin/libur', params: ['tahun', 'ubah'], staff: 'admin' },
  { path: () => '/berhenti', params: ['t'] },
  { path: () => '/foto/sementara/abcdefghijklmnopqrstuvwx.jpg', params: ['t'] },
  { path: () => '/metrics', params: ['x'] },
  { path: () => '/data/kota-malang/requests.ndjson.gz', params: ['x'] },
  { path: () => '/data/..%2F..%2Fetc/requests.ndjson.gz', params: ['x'] },
  // Open311 GeoReport v2 (issue 9, ADR 019).
  { path: () => '/open311/v2/discovery.json', params: ['jurisdiction_id', 'locale'] },
  { path: () => '/open311/v2/services.xml', params: ['jurisdiction_id', 'locale'] },
  { path: () => '/open311/v2/services/pohon_tumbang.json', params: ['jurisdiction_id', 'locale'] },
  { path: (c) => `/open311/v2/services/${c}.xml`, params: ['jurisdiction_id'] },
  {
    path: () => '/open311/v2/requests.json',
    params: ['service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'page', 'page_size', 'updated_after', 'jurisdiction_id'],
  },
  {
    path: () => '/open311/v2/requests.xml',
    params: ['service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'page', 'page_size', 'updated_after', 'locale'],
  },
  { path: (c) => `/open311/v2/requests/${c}.json`, params: ['jurisdiction_id'] },
  { path: (c) => `/open311/v2/tokens/${c}.xml`, params: ['jurisdiction_id'] },
  { path: () => '/open311/v2/requests.html', params: ['x'] },
  { path: () => '/tidak-ada/sama-sekali', params: ['x'] },
  // Citizen follow-up (issue 8 §1–2).
  { path: () => '/api/batas-wilayah.json', params: ['x'] },
  { path: () => '/api/laporan-terdekat', params: ['kategori', 'lat', 'lng', 'kelurahan'] },
  { path: (c) => `/laporan/${c}`, params: ['didukung', 'ikm'] },
  // Officer workflow (ADR 018): queue filters, template prefill, transfer filter box, the template page.
  { path: () => '/petugas', params: ['status', 'kategori', 'wilayah', 'terlambat', 'eskalasi', 'tugas', 'usulan_tolak', 'q', 'halaman'], staff: 'supervisor' },
  { path: (c) => `/petugas/laporan/${c}`, params: ['templat', 'unit'], staff: 'supervisor' },
  { path: () => '/petugas/templat', params: ['x'], staff: 'supervisor' },
  // Issue 8 §4–5: the public list, its CSV and map points, and prefixed cities.
  { path: () => '/laporan', params: ['kategori', 'wilayah', 'status', 'periode', 'terlambat', 'urut', 'halaman'] },
  { path: () => '/laporan.data', params: ['status', 'halaman', '_routes'] },
  { path: () => '/laporan.csv', params: ['kategori', 'wilayah', 'status', 'periode', 'terlambat', 'urut'] },
  { path: () => '/laporan/peta.json', params: ['zoom', 'kategori', 'wilayah', 'status', 'periode', 'terlambat'] },
  { path: () => '/kota-madiun', params: ['x'] },
  { path: () => '/kota-madiun/lapor', params: ['kategori'] },
  { path: () => '/kota-madiun/laporan', params: ['kategori', 'wilayah', 'halaman'] },
  { path: () => '/kota-atlantis/laporan', params: ['x'] },
  { path: () => '/transparansi', params: ['x'] },
  { path: () => '/data/kota-malang/stats/unit.csv', params: ['from', 'to'] },
  { path: () => '/data/kota-malang/stats/week.json', params: ['from', 'to'] },
  { path: () => '/data/tidak-ada/stats/kelurahan.json', params: ['from', 'to'] },
]

const CONTENT_TYPES = [
  'application/json',
  'text/plain',
  'application/xml',
  'text/xml',
  'application/octet-stream',
  'multipart/mixed; boundary=x',
  'application/x-www-form-urlencoded; charset=latin1',
  'MULTIPART/FORM-DATA',
  '',
]

export function generateFuzzRequests({ count, seed, codes, baseUrl, cookies }: FuzzOptions): FuzzRequest[] {
  const random = rng(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const chance = (p: number) => random() < p
  const code = () => (chance(0.85) ? pick(codes) : pick(['MLG-0000-0000', 'x', '%F0%9F%99%82', '..%2F..', '-1', '99999999999999999999', 'A'.repeat(300)]))
  const value = () => (chance(0.7) ? pick(NASTY_VALUES) : String(Math.floor(random() * 200) - 20))
  const encodeQuery = (params: string[]) => {
    const parts: string[] = []
    for (const name of params) if (chance(0.7)) parts.push(`${name}=${encodeURIComponent(value())}`)
    if (chance(0.2)) parts.push(`${pick(params.length ? params : ['x'])}=${encodeURIComponent(value())}`) // repeated → array
    if (chance(0.1)) parts.push(pick(['_data=root', 'index', '=', '&&', 'a[]=1&a[]=2', 'x=%ZZ', 'x=%C3%28', 'x=%ED%A0%80']))
    return parts.length ? `?${parts.join('&')}` : ''
  }
  const staffHeaders = (staff: boolean | string | undefined): Record<string, string> => {
    if (!staff || chance(0.1)) return chance(0.05) ? { Cookie: '__session=%00garbage' } : {}
    return { Cookie: staff === 'executive' ? cookies.executive : staff === 'admin' ? cookies.admin : cookies.supervisor }
  }
  const origin = (): Record<string, string> =>
    chance(0.9)
      ? { Origin: baseUrl }
      : pick<Record<string, string>>([{}, { Origin: 'null' }, { Origin: 'https://evil.example' }, { Origin: '%00' }, { Referer: `${baseUrl}/` }])

  const fieldsFor = (names: string[]) => {
    const entries: [string, string][] = []
    for (const name of names) {
      if (name === 'photos') continue
      if (chance(0.15)) continue
      entries.push([name, value()])
      if (chance(0.1)) entries.push([name, value()]) // array instead of scalar
    }
    if (chance(0.15)) entries.push([pick(['x', '\0', 'a\0b', '', 'photos', 'intent[0]', 'version.x', '🙂']), value()])
    return entries
  }

  const multipartBody = (entries: [string, string][], files: boolean): { body: Uint8Array<ArrayBuffer>; type: string } => {
    const boundary = `----fuzz${Math.floor(random() * 1e9)}`
    const chunks: (string | Uint8Array)[] = []
    for (const [name, v] of entries) chunks.push(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`)
    const nFiles = files ? Math.floor(random() * 6) : chance(0.1) ? 1 : 0
    for (let i = 0; i < nFiles; i++) {
      const type = pick(['image/jpeg', 'image/png', 'text/plain', 'application/x-msdownload', ''])
      const size = pick([0, 10, 1000, 100_000])
      const bytes = new Uint8Array(size).map(() => Math.floor(random() * 256))
      chunks.push(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${pick(['a.jpg', '', '../../x.png', 'ñ\0.jpg'])}"\r\nContent-Type: ${type}\r\n\r\n`,
        bytes,
        '\r\n',
      )
    }
    const variant = random()
    if (variant < 0.6) chunks.push(`--${boundary}--\r\n`)
    else if (variant < 0.7)
      chunks.push(`--${boundary}\r\nContent-Disposition: form-da`) // truncated
    else if (variant < 0.8) chunks.push(`--${boundary}\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--${boundary}--\r\n`)
    else if (variant < 0.85) chunks.unshift('garbage before the first boundary and no boundary at all')
    else if (variant < 0.9) chunks.push(`--${boundary}\r\nX: y\r\n\r\n\u0000\u00ff\r\n--${boundary}--\r\n`)
    // else: no closing boundary
    const encoder = new TextEncoder()
    const parts = chunks.map((c) => (typeof c === 'string' ? encoder.encode(c) : c))
    const body = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
    let at = 0
    for (const p of parts) {
      body.set(p, at)
      at += p.byteLength
    }
    const type = chance(0.9)
      ? `multipart/form-data; boundary=${boundary}`
      : pick(['multipart/form-data', 'multipart/form-data; boundary=', `multipart/form-data; boundary="${boundary}"`, `multipart/form-data; boundary=wrong`])
    return { body, type }
  }

  const requests: FuzzRequest[] = []
  while (requests.length < count) {
    const kind = random()
    if (kind < 0.3) {
      const route = pick(GET_ROUTES)
      requests.push({
        label: 'get',
        method: chance(0.05) ? 'HEAD' : 'GET',
        path: route.path(code()) + encodeQuery(route.params),
        headers: { ...staffHeaders(route.staff), ...(chance(0.1) ? { 'Accept-Language': pick(['en', 'id', '*', '\u00ff', 'x'.repeat(500)]) } : {}) },
      })
      continue
    }
    const [formName, form] = pick(Object.entries(FORMS).filter(([name]) => name !== 'masuk' || chance(0.3))) // logins cost an argon2 hash: fewer of them
    const path = form.path(code()) + (chance(0.1) ? pick(['?index', '?_data=root', '.data', `?t=${encodeURIComponent(value())}`]) : '')
    // Never end the staff session the fuzz run uses.
    const headers = { ...origin(), ...(formName === 'keluar' ? {} : staffHeaders(form.staff)) }
    const entries = fieldsFor(form.fields)
    const encoding = random()
    if (encoding < 0.4) {
      const body = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') + (chance(0.05) ? '&%ZZ=%&x=%C3%28' : '')
      requests.push({
        label: `${formName} urlencoded`,
        method: 'POST',
        path,
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      })
    } else if (encoding < 0.75) {
      const { body, type } = multipartBody(entries, Boolean(form.files))
      requests.push({ label: `${formName} multipart`, method: 'POST', path, headers: { ...headers, 'Content-Type': type }, body })
    } else if (encoding < 0.9) {
      const type = pick(CONTENT_TYPES)
      const body = type.includes('json')
        ? JSON.stringify(Object.fromEntries(entries))
        : type.includes('xml')
          ? `<form>${entries.map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</form>`
          : entries.map(([k, v]) => `${k}=${v}`).join('&')
      // Bytes, not a string: fetch would add `text/plain` to a string body without a type.
      requests.push({
        label: `${formName} ${type || 'no type'}`,
        method: pick(['POST', 'POST', 'PUT', 'PATCH', 'DELETE']),
        path,
        headers: type ? { ...headers, 'Content-Type': type } : headers,
        body: new TextEncoder().encode(body),
      })
    } else if (encoding < 0.95) {
      // Oversized: over the 64 KB plain-body limit, or many fields.
      const body = chance(0.5) ? `description=${'x'.repeat(100_000)}` : Array.from({ length: 5000 }, (_, i) => `f${i}=${i}`).join('&')
      requests.push({
        label: `${formName} oversized`,
        method: 'POST',
        path,
        headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      })
    } else {
      requests.push({ label: `${formName} empty`, method: 'POST', path, headers })
    }
  }
  // Correctly signed WhatsApp webhooks whose messages are hostile: the conversation code must
  // answer 200 or 400, never 5xx, whatever a (compromised or buggy) sender puts in them.
  for (let i = 0; i < Math.ceil(count / 50); i++) {
    const nasty = () => (chance(0.5) ? value() : chance(0.5) ? Number(value()) : [value()])
    const message = {
      from: chance(0.6) ? `62812${String(Math.floor(random() * 1e7)).padStart(7, '0')}` : nasty(),
      id: chance(0.8) ? `wamid.FUZZ${i}` : nasty(),
      type: pick(['text', 'location', 'image', 'sticker', value()]),
      text: chance(0.7) ? { body: chance(0.5) ? pick(['1', 'ya', 'batal', 'lewati', 'rahasia']) : value() } : nasty(),
      location: chance(0.5) ? { latitude: nasty(), longitude: nasty() } : { latitude: -7.97, longitude: 112.63 },
      image: { id: value() },
    }
    const payload = chance(0.8) ? { entry: [{ changes: [{ value: { messages: [message] } }] }] } : chance(0.5) ? [message] : { entry: nasty() }
    const raw = JSON.stringify(payload)
    requests.push({
      label: 'whatsapp signed',
      method: 'POST',
      path: '/webhooks/whatsapp',
      headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': `sha256=${createHmac('sha256', FUZZ_WHATSAPP_SECRET).update(raw).digest('hex')}` },
      body: new TextEncoder().encode(raw),
    })
  }
  return requests
}
