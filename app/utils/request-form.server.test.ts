import { describe, expect, it } from 'vitest'
import { readRequestForm, stripNul } from './request-form.server'
import { MAX_PLAIN_BODY_BYTES } from './request-limits'

const URL_ = 'http://localhost/x'
const post = (body: BodyInit | null, type?: string) =>
  new Request(URL_, { method: 'POST', body, headers: type ? { 'Content-Type': type } : {}, duplex: 'half' } as RequestInit)

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof Response) return error.status
    throw error
  }
  throw new Error('expected a refusal')
}

const B = 'b0undary'
const multipart = (...parts: string[]) => post(parts.join('') + `--${B}--\r\n`, `multipart/form-data; boundary=${B}`)
const field = (name: string, value: string) => `--${B}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
const file = (name: string, filename: string, body = 'xyz') =>
  `--${B}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n${body}\r\n`

describe('readRequestForm', () => {
  it('reads urlencoded and multipart forms, NUL stripped from names and values', async () => {
    const plain = await readRequestForm(post('a=1&b%00=x%00y&a=2', 'application/x-www-form-urlencoded'))
    expect(plain.getAll('a')).toEqual(['1', '2'])
    expect(plain.get('b')).toBe('xy')
    const multi = await readRequestForm(multipart(field('description', 'Lampu\0 mati'), field('n\0ame', 'Budi')))
    expect(multi.get('description')).toBe('Lampu mati')
    expect(multi.get('name')).toBe('Budi')
    expect(stripNul('\0a\0')).toBe('a')
  })

  it('refuses other content types with 415', async () => {
    for (const type of ['application/json', 'text/plain', 'application/xml', undefined]) {
      expect(await refusal(readRequestForm(post('{"a":1}', type)))).toBe(415)
    }
  })

  it('refuses malformed multipart bodies and parts without a name with 400', async () => {
    const type = `multipart/form-data; boundary=${B}`
    expect(await refusal(readRequestForm(post('no parts here', type)))).toBe(400)
    expect(await refusal(readRequestForm(post(`${field('a', '1')}--${B}\r\nContent-Dispo`, type)))).toBe(400)
    expect(await refusal(readRequestForm(post(`--${B}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${B}--\r\n`, type)))).toBe(400)
    expect(await refusal(readRequestForm(post('x', 'multipart/form-data')))).toBe(400)
  })

  it('stops an urlencoded body after 64 KB with 413', async () => {
    expect(await refusal(readRequestForm(post(`a=${'x'.repeat(MAX_PLAIN_BODY_BYTES)}`, 'application/x-www-form-urlencoded')))).toBe(413)
  })

  it('stops a multipart body after 64 KB too when the form takes no files (found in review)', async () => {
    const big = multipart(field('a', '1'), ...Array.from({ length: 4 }, (_, i) => field(`f${i}`, 'x'.repeat(MAX_PLAIN_BODY_BYTES / 2))))
    expect(await refusal(readRequestForm(big))).toBe(413)
  })

  it('refuses files where the form takes none, and stops at one file too many', async () => {
    expect(await refusal(readRequestForm(multipart(field('a', '1'), file('photos', 'a.jpg'))))).toBe(400)
    const options = { files: { field: 'photos', max: 2, maxBytes: 10 } }
    const form = await readRequestForm(
      multipart(field('a', '1'), file('photos', '1.jpg'), file('photos', '2.jpg', 'x'.repeat(11)), file('photos', '3.jpg'), field('late', 'never read')),
      options,
    )
    const photos = form.getAll('photos')
    expect(photos).toHaveLength(3)
    expect((photos[0] as File).size).toBe(3)
    expect(photos[1]).toBe('__too_large__')
    expect((photos[2] as File).size).toBe(0) // added unread, so validation says "too many"
    expect(form.get('a')).toBe('1')
    expect(form.get('late')).toBeNull()
  })
})
