import { describe, expect, it } from 'vitest'
import { getDictionary } from '~/i18n'
import { passRetryAfter } from './headers'
import { waitText } from './wait-text'

describe('waitText', () => {
  it('says seconds up to 89 s, then whole minutes rounded up', () => {
    const id = getDictionary('id')
    expect(waitText(id, 0)).toBe('1 detik')
    expect(waitText(id, 30)).toBe('30 detik')
    expect(waitText(id, 89)).toBe('89 detik')
    expect(waitText(id, 90)).toBe('2 menit')
    expect(waitText(id, 600)).toBe('10 menit')
    expect(waitText(getDictionary('en'), 601)).toBe('11 minutes')
  })
})

describe('passRetryAfter', () => {
  const args = (action: Record<string, string> = {}, loader: Record<string, string> = {}) => ({
    actionHeaders: new Headers(action),
    loaderHeaders: new Headers(loader),
    parentHeaders: new Headers(),
    errorHeaders: undefined,
  })

  it("carries an action's or loader's Retry-After into the page response, uncached", () => {
    const fromAction = new Headers(passRetryAfter({ 'Referrer-Policy': 'no-referrer' })(args({ 'Retry-After': '42' })))
    expect(fromAction.get('Retry-After')).toBe('42')
    expect(fromAction.get('Cache-Control')).toBe('no-store')
    expect(fromAction.get('Referrer-Policy')).toBe('no-referrer')
    expect(new Headers(passRetryAfter()(args({}, { 'Retry-After': '7' }))).get('Retry-After')).toBe('7')
  })

  it('adds nothing otherwise', () => {
    const headers = new Headers(passRetryAfter({ 'Cache-Control': 'private, no-store' })(args()))
    expect(headers.get('Retry-After')).toBeNull()
    expect(headers.get('Cache-Control')).toBe('private, no-store')
  })
})
