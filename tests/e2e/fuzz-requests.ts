// Generated hostile requests for the fuzz test: every route and form, odd query
// parameters, every body encoding (urlencoded, multipart, malformed multipart, JSON,
// XML, text, none, oversized), and values that are malformed, oversized, unicode,
// NUL-laced, negative, huge numbers or arrays instead of scalars. Deterministic for
// a seed, so a failure can be replayed.

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
  // GET-only routes posted to.
  lacak: { path: () => '/lacak', fields: ['kode', 'intent', 'code', 'contact'] },
  dasbor: { path: () => '/dasbor', fields: ['dari', 'sampai', 'unit', 'kategori', 'kecamatan'], staff: true },
  home: { path: () => '/', fields: ['q'] },
  api: { path: () => '/api/kelurahan', fields: ['lat', 'lng'] },
}

const GET_ROUTES: { path: (code: string) => string; params: string[]; staff?: 'supervisor' | 'executive' | 'admin' }[] = [
  { path: () => '/', params: ['x'] },
  { path: () => '/lapor', params: ['kategori'] },
  { path: () => '/lacak', params: ['kode'] },
  { path: (c) => `/laporan/${c}`, params: ['t', 'dinilai'] },
  { path: (c) => `/laporan/${c}.data`, params: ['t', '_routes'] },
  { path: () => '/foto/abcdefghijklmnopqrstuvwx.jpg', params: ['t'] },
  { path: () => '/api/kelurahan', params: ['lat', 'lng'] },
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
  { path: () => '/berhenti', params: ['t'] },
  { path: () => '/foto/sementara/abcdefghijklmnopqrstuvwx.jpg', params: ['t'] },
  { path: () => '/metrics', params: ['x'] },
  { path: () => '/tidak-ada/sama-sekali', params: ['x'] },
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
  return requests
}
